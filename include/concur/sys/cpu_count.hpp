// usable_cpu_count: how many CPUs this process may run on.
#pragma once

namespace concur::sys {

/// CPUs in this process's affinity mask (what `taskset` or a container allows), at least 1.
/// Not the machine's total: on a 64-core host limited to 2 cores, starting 64 workers helps no one.
[[nodiscard]] unsigned usable_cpu_count() noexcept;

}  // namespace concur::sys
