// usable_cpu_count: how many CPUs this process may run on.
#include "concur/sys/cpu_count.hpp"

#include <sched.h>

namespace concur::sys {

unsigned usable_cpu_count() noexcept {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof(set), &set) != 0) return 1;
    const int count = CPU_COUNT(&set);
    return count > 0 ? static_cast<unsigned>(count) : 1U;
}

}  // namespace concur::sys
