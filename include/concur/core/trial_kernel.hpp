// trial_kernel: the vector loops fast trial division can run on this CPU.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace concur {

/// The vector instruction sets the kernels are compiled for. The default build is portable
/// x86-64 (SSE2); the wider ones are compiled alongside and used only where the CPU has them.
enum class simd_level {
    sse2,    // 2 doubles per instruction: every x86-64 CPU
    avx2,    // 4 doubles, with fused multiply-add (FMA)
    avx512,  // 8 doubles (AVX-512F)
};

/// How a kernel decides, lane by lane, whether a divisor divides n.
enum class divisor_test {
    division,    // one vector division per lane: fast where vdivpd is (recent AMD cores)
    reciprocal,  // a reciprocal estimate refined by FMA, then an exact remainder: multiply speed
};

/// One trial-division kernel: an instruction set and a divisor test, exact for every uint64.
/// It tests divisors on the mod-30 wheel (30k + 1, 7, 11, 13, 17, 19, 23, 29) in blocks of 4
/// turns: 32 divisors between two looks at the result.
struct trial_kernel {
    std::string_view name;  // "avx512-reciprocal": as in CONCUR_KERNEL, --json and bench
    simd_level level;
    divisor_test test;
    /// The base (a multiple of 30) of the first block from `base` on (blocks start at base,
    /// base + 120, ...) holding a divisor of n; the first block base >= `end` if no block that
    /// starts below `end` does. `base` >= 30; divisors stay below 2^33.
    std::uint64_t (*find_block)(std::uint64_t n, std::uint64_t base, std::uint64_t end) noexcept;
    /// Bit i set when the test finds that divisors[i] divides n; 8 divisors, each from 7 to
    /// 2^32 - 1. For tests, to compare the kernel with `n % d`.
    unsigned (*divisibility_mask)(std::uint64_t n, const std::uint64_t* divisors) noexcept;
};

[[nodiscard]] std::string_view simd_level_name(simd_level level) noexcept;
[[nodiscard]] std::string_view divisor_test_name(divisor_test test) noexcept;

/// The levels this CPU (and its OS) can run, narrowest first; always includes sse2.
[[nodiscard]] std::span<const simd_level> supported_simd_levels() noexcept;

/// The widest supported level.
[[nodiscard]] simd_level best_simd_level() noexcept;

/// The kernels this CPU can run, narrowest level first, division before reciprocal.
[[nodiscard]] std::span<const trial_kernel* const> supported_trial_kernels() noexcept;

/// The kernel called `name` if this CPU can run it, else nullptr.
[[nodiscard]] const trial_kernel* find_trial_kernel(std::string_view name) noexcept;

/// "sse2-division, avx2-division, ...": the names find_trial_kernel accepts here.
[[nodiscard]] std::string_view supported_trial_kernel_names() noexcept;

}  // namespace concur
