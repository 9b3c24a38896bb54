// miller_rabin: a deterministic primality test for every 64-bit number, in a fraction of a
// microsecond.
#pragma once

#include <cstdint>

namespace concur {

/// Whether `n` is prime, exactly, for every uint64. Small numbers and small factors are settled
/// by trial division by the primes up to 37; then the Baillie-PSW test: a strong probable-prime
/// (Miller-Rabin) test to base 2 and a strong Lucas test (lucas_probable_prime.hpp); Baillie and
/// Wagstaff, "Lucas pseudoprimes", and Pomerance, Selfridge and Wagstaff, "The pseudoprimes to
/// 25 * 10^9", both Math. Comp. 35 (1980). No composite below 2^64 passes both: Jeff Gilchrist
/// ran the Lucas test on Feitsma's list of every base-2 pseudoprime below 2^64, and Charles
/// Greathouse confirmed it (2011). Two rounds where a deterministic Miller-Rabin alone needs
/// seven bases, and the two run side by side.
[[nodiscard]] bool is_prime_miller_rabin(std::uint64_t n) noexcept;

/// Whether odd n > 2 is a strong probable prime to `base` (one Miller-Rabin round): with
/// n - 1 = d * 2^s, base^d = 1 or base^(d * 2^r) = -1 (mod n) for some r < s. A base that is a
/// multiple of n proves nothing: true. Every prime passes; a composite that passes is a strong
/// pseudoprime to that base (2047 to base 2).
[[nodiscard]] bool is_strong_probable_prime(std::uint64_t n, std::uint64_t base) noexcept;

/// Miller-Rabin's cost in units of one seed `n % i`, to size job batches: a few
/// multiplications per bit of n, for each round.
[[nodiscard]] std::uint64_t miller_rabin_estimate(std::uint64_t n) noexcept;

}  // namespace concur
