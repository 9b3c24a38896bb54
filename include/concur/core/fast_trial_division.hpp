// fast_trial_division: the seed's trial division, same divisors in the same order, at the speed
// of the vector unit.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace concur {

/// The vector instruction sets the fast trial division is compiled for. The default build is
/// portable x86-64 (SSE2); the wider ones are compiled alongside and picked at run time.
enum class simd_level {
    sse2,    // 2 doubles per instruction: every x86-64 CPU
    avx2,    // 4 doubles
    avx512,  // 8 doubles (AVX-512F)
};

[[nodiscard]] std::string_view simd_level_name(simd_level level) noexcept;

/// The levels this CPU (and its OS) can run, narrowest first; always includes sse2.
[[nodiscard]] std::span<const simd_level> supported_simd_levels() noexcept;

/// The widest supported level: what is_prime_fast_trial uses.
[[nodiscard]] simd_level best_simd_level() noexcept;

/// Whether `n` is prime, by trial division up to integer_sqrt(n), exactly like the seed's
/// is_prime, only faster: 2, 3 and 5 first, then only divisors on the mod-30 wheel (30k + 1, 7,
/// 11, 13, 17, 19, 23, 29: the other odd numbers are multiples of 3 or 5, already tried), eight
/// at a time in the vector unit, each tested with floating-point division where the test is
/// proved exact (the proof is in the .cpp). Same answers as is_prime for every uint64.
[[nodiscard]] bool is_prime_fast_trial(std::uint64_t n) noexcept;

/// The same at a chosen level, for tests and benchmarks; `level` must be supported.
[[nodiscard]] bool is_prime_fast_trial(std::uint64_t n, simd_level level) noexcept;

/// The vector divisibility test alone, on eight chosen divisors: bit i of the result is set
/// when it finds that divisors[i] divides `n`. Exposed so tests can compare it with `n % d`
/// on hand-picked divisors. Each divisor must be from 7 to 2^32 - 1.
[[nodiscard]] unsigned divisibility_mask(std::uint64_t n, std::span<const std::uint64_t, 8> divisors,
                                         simd_level level) noexcept;

/// Fast trial division's cost in units of one seed `n % i`: it tries 8 of every 15 odd
/// divisors, several times faster each. Used to size job batches.
[[nodiscard]] std::uint64_t fast_trial_division_estimate(std::uint64_t n) noexcept;

}  // namespace concur
