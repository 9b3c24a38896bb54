// trial_kernel: the vector loops fast trial division can run on this CPU.
#include "concur/core/trial_kernel.hpp"

#include "compiled_kernels.hpp"

#include <array>
#include <cstddef>
#include <string>

namespace concur {
namespace {

struct detected_kernels {
    std::array<simd_level, 3> levels{simd_level::sse2};
    std::size_t level_count = 1;
    std::array<const trial_kernel*, 5> kernels{&kernels::sse2_division};
    std::size_t kernel_count = 1;
    std::string names;

    detected_kernels() {
#if defined(__x86_64__)
        // __builtin_cpu_supports also checks that the OS saves the wide registers (XGETBV).
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
            levels[level_count++] = simd_level::avx2;
            kernels[kernel_count++] = &kernels::avx2_division;
            kernels[kernel_count++] = &kernels::avx2_reciprocal;
        }
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")) {
            levels[level_count++] = simd_level::avx512;
            kernels[kernel_count++] = &kernels::avx512_division;
            kernels[kernel_count++] = &kernels::avx512_reciprocal;
        }
#endif
        for (std::size_t i = 0; i < kernel_count; ++i) {
            if (i != 0) names += ", ";
            names += kernels[i]->name;
        }
    }
};

const detected_kernels& detected() {
    static const detected_kernels found;
    return found;
}

}  // namespace

std::string_view simd_level_name(simd_level level) noexcept {
    switch (level) {
        case simd_level::sse2: return "sse2";
        case simd_level::avx2: return "avx2";
        case simd_level::avx512: return "avx512";
    }
    return "unknown";
}

std::string_view divisor_test_name(divisor_test test) noexcept {
    switch (test) {
        case divisor_test::division: return "division";
        case divisor_test::reciprocal: return "reciprocal";
    }
    return "unknown";
}

std::span<const simd_level> supported_simd_levels() noexcept {
    const detected_kernels& found = detected();
    return std::span{found.levels}.first(found.level_count);
}

simd_level best_simd_level() noexcept { return supported_simd_levels().back(); }

std::span<const trial_kernel* const> supported_trial_kernels() noexcept {
    const detected_kernels& found = detected();
    return std::span{found.kernels}.first(found.kernel_count);
}

const trial_kernel* find_trial_kernel(std::string_view name) noexcept {
    for (const trial_kernel* kernel : supported_trial_kernels()) {
        if (kernel->name == name) return kernel;
    }
    return nullptr;
}

std::string_view supported_trial_kernel_names() noexcept { return detected().names; }

}  // namespace concur
