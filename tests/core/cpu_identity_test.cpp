// Tests for cpu_identity: CPUID says what /proc/cpuinfo says.
#include "concur/core/cpu_identity.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace {

/// The value of the first "key : value" line of /proc/cpuinfo with this key, or "".
std::string cpuinfo_field(const std::string& key) {
    std::ifstream cpuinfo{"/proc/cpuinfo"};
    std::string line;
    while (std::getline(cpuinfo, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        name.erase(name.find_last_not_of(" \t") + 1);
        if (name == key) return colon + 2 <= line.size() ? line.substr(colon + 2) : "";
    }
    return "";
}

TEST(cpu_identity_test, matches_proc_cpuinfo) {
#if defined(__x86_64__)
    const std::string vendor = cpuinfo_field("vendor_id");
    if (vendor.empty()) GTEST_SKIP() << "no /proc/cpuinfo";
    const concur::cpu_identity cpu = concur::this_cpu();
    EXPECT_EQ(cpu.vendor, vendor);
    EXPECT_EQ(std::to_string(cpu.family), cpuinfo_field("cpu family"));
    EXPECT_EQ(std::to_string(cpu.model), cpuinfo_field("model"));
    // Not the model name: a VM may give the kernel another brand string than it gives CPUID
    // in user space ("AMD EPYC" against "Oxide Virtual Turin-like Processor" on one).
    EXPECT_FALSE(cpu.model_name.empty());
#else
    GTEST_SKIP() << "CPUID is x86 only";
#endif
}

}  // namespace
