// cpu_identity: which processor this is, as CPUID reports it, to label measured figures.
#include "concur/core/cpu_identity.hpp"

#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace concur {

cpu_identity this_cpu() {
    cpu_identity identity;
#if defined(__x86_64__)
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(0, &eax, &ebx, &ecx, &edx) == 0) return identity;
    char vendor[13] = {};
    std::memcpy(vendor, &ebx, 4);  // the vendor string is in EBX, EDX, ECX, in that order
    std::memcpy(vendor + 4, &edx, 4);
    std::memcpy(vendor + 8, &ecx, 4);
    identity.vendor = vendor;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0) {
        // Family 15 counts on in the extended family; families 6 and 15 extend the model.
        const unsigned base_family = (eax >> 8) & 0xF;
        const unsigned base_model = (eax >> 4) & 0xF;
        identity.family = base_family == 0xF ? base_family + ((eax >> 20) & 0xFF) : base_family;
        identity.model = base_family == 0x6 || base_family == 0xF ? base_model + (((eax >> 16) & 0xF) << 4) : base_model;
    }
    if (__get_cpuid(0x80000000, &eax, &ebx, &ecx, &edx) != 0 && eax >= 0x80000004) {
        char brand[49] = {};
        for (unsigned leaf = 0; leaf < 3; ++leaf) {
            __get_cpuid(0x80000002 + leaf, &eax, &ebx, &ecx, &edx);
            const unsigned registers[4] = {eax, ebx, ecx, edx};
            std::memcpy(brand + 16 * leaf, registers, 16);
        }
        identity.model_name = brand;
        // The brand string is padded with spaces on some CPUs.
        identity.model_name.erase(0, identity.model_name.find_first_not_of(' '));
        identity.model_name.erase(identity.model_name.find_last_not_of(' ') + 1);
    }
#endif
    return identity;
}

}  // namespace concur
