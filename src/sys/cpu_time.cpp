// process_cpu_time: the CPU this process and its reaped children have used.
#include "concur/sys/cpu_time.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <sys/resource.h>

namespace concur::sys {
namespace {

std::chrono::nanoseconds to_duration(const timeval& time) noexcept {
    return std::chrono::seconds{time.tv_sec} + std::chrono::microseconds{time.tv_usec};
}

}  // namespace

bool read_process_cpu_time(cpu_time& total) noexcept {
    total = {};
    for (const int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage usage{};
        if (::getrusage(who, &usage) != 0) return false;
        total.user += to_duration(usage.ru_utime);
        total.system += to_duration(usage.ru_stime);
    }
    return true;
}

cpu_time process_cpu_time() {
    cpu_time total;
    if (!read_process_cpu_time(total)) throw fmt::system_error(errno, "cannot read the CPU time");
    return total;
}

}  // namespace concur::sys
