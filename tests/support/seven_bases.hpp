// seven_bases: the deterministic Miller-Rabin test to Jim Sinclair's seven bases, the reference
// the Baillie-PSW test is compared with.
#pragma once

#include "concur/core/miller_rabin.hpp"

#include <cstdint>

namespace concur::testing {

/// Whether n is prime: trial division by the primes up to 37, then a strong probable-prime test
/// to each of the bases 2, 325, 9375, 28178, 450775, 9780504, 1795265022, which have no common
/// strong pseudoprime below 2^64 (Sinclair 2011, verified against Feitsma's list).
inline bool is_prime_by_seven_bases(std::uint64_t n) {
    if (n < 2) return false;
    for (const std::uint64_t p : {2ULL, 3ULL, 5ULL, 7ULL, 11ULL, 13ULL, 17ULL, 19ULL, 23ULL, 29ULL, 31ULL, 37ULL}) {
        if (n % p == 0) return n == p;
    }
    if (n < 41 * 41) return true;
    for (const std::uint64_t base : {2ULL, 325ULL, 9375ULL, 28178ULL, 450775ULL, 9780504ULL, 1795265022ULL}) {
        if (!is_strong_probable_prime(n, base)) return false;
    }
    return true;
}

}  // namespace concur::testing
