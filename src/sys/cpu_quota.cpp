// cgroup_cpu_quota: the CPU time a container may use, which the affinity mask does not show.
#include "concur/sys/cpu_quota.hpp"

#include <fstream>
#include <string>

namespace concur::sys {
namespace {

std::optional<double> ratio(const std::string& quota, const std::string& period) {
    try {
        const double q = std::stod(quota);
        const double p = std::stod(period);
        if (q <= 0 || p <= 0) return std::nullopt;  // v1 writes -1 for "no quota"
        return q / p;
    } catch (const std::exception&) {
        return std::nullopt;  // "max", or something unexpected: no quota we can tell
    }
}

/// This process's cgroup path for the v2 hierarchy ("0::/path") or the v1 cpu controller
/// ("4:cpu,cpuacct:/path"), from /proc/self/cgroup; "" when not listed.
std::string own_cgroup(bool v2) {
    std::ifstream list{"/proc/self/cgroup"};
    std::string line;
    while (std::getline(list, line)) {
        const auto first = line.find(':');
        const auto second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos) continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const bool cpu_v1 = (',' + controllers + ',').find(",cpu,") != std::string::npos;
        if (v2 ? controllers.empty() && line.compare(0, first, "0") == 0 : cpu_v1) return line.substr(second + 1);
    }
    return "";
}

std::optional<double> read_v2(const std::string& directory) {
    std::ifstream file{directory + "/cpu.max"};
    std::string quota;
    std::string period;
    if (file >> quota >> period) return ratio(quota, period);
    return std::nullopt;
}

std::optional<double> read_v1(const std::string& directory) {
    std::ifstream quota_file{directory + "/cpu.cfs_quota_us"};
    std::ifstream period_file{directory + "/cpu.cfs_period_us"};
    std::string quota;
    std::string period;
    if (quota_file >> quota && period_file >> period) return ratio(quota, period);
    return std::nullopt;
}

}  // namespace

std::optional<double> cgroup_cpu_quota() {
    // The process's own cgroup first; inside a container's cgroup namespace that is "/".
    for (const std::string& directory : {"/sys/fs/cgroup" + own_cgroup(true), std::string{"/sys/fs/cgroup"}}) {
        if (const auto quota = read_v2(directory)) return quota;
    }
    for (const std::string& directory : {"/sys/fs/cgroup/cpu" + own_cgroup(false), std::string{"/sys/fs/cgroup/cpu"}}) {
        if (const auto quota = read_v1(directory)) return quota;
    }
    return std::nullopt;
}

}  // namespace concur::sys
