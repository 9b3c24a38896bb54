// cpu_identity: which processor this is, as CPUID reports it, to label measured figures.
#pragma once

#include <string>

namespace concur {

struct cpu_identity {
    std::string vendor;      // "AuthenticAMD", "GenuineIntel"; empty where CPUID does not exist
    unsigned family = 0;     // as /proc/cpuinfo's "cpu family": base plus extended family
    unsigned model = 0;      // as /proc/cpuinfo's "model": base plus extended model
    std::string model_name;  // CPUID's brand string (a VM may show /proc/cpuinfo another one)
};

/// This CPU's identity (x86-64: CPUID leaves 0, 1 and 0x80000002-4; elsewhere empty).
[[nodiscard]] cpu_identity this_cpu();

}  // namespace concur
