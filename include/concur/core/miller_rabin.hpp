// miller_rabin: a deterministic primality test for every 64-bit number, in microseconds.
#pragma once

#include <cstdint>

namespace concur {

/// Whether `n` is prime, by the strong-probable-prime (Miller–Rabin) test to the bases
/// 2, 325, 9375, 28178, 450775, 9780504, 1795265022: Jim Sinclair's set, verified to have no
/// common strong pseudoprime below 2^64, so the answer is exact, not probable. Small numbers
/// and small factors are settled first by trial division by the primes up to 37.
/// A 64-bit prime costs a few hundred modular multiplications instead of trial division's
/// 10^9 divisions.
[[nodiscard]] bool is_prime_miller_rabin(std::uint64_t n) noexcept;

/// Miller–Rabin's cost in units of one seed `n % i`, to size job batches: a few
/// multiplications per bit of n, for each base.
[[nodiscard]] std::uint64_t miller_rabin_estimate(std::uint64_t n) noexcept;

}  // namespace concur
