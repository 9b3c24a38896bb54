// cgroup_cpu_quota: the CPU time a container may use, which the affinity mask does not show.
#pragma once

#include <optional>

namespace concur::sys {

/// CPUs' worth of time the cgroup allows, from /sys/fs/cgroup/cpu.max (cgroup v2: "quota
/// period", e.g. "150000 100000" = 1.5 CPUs) or cpu.cfs_quota_us / cpu.cfs_period_us (v1).
/// Nothing when there is no quota ("max") or no such file. A container may see 64 CPUs in
/// its affinity mask yet be allowed the time of 2: more workers then only take turns.
[[nodiscard]] std::optional<double> cgroup_cpu_quota();

}  // namespace concur::sys
