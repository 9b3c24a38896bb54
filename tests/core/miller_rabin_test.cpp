// Tests for miller_rabin: cross-checked against a sieve and trial division on over a million
// numbers, and against the composites that fool Miller-Rabin to small bases.
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using concur::is_prime_miller_rabin;

TEST(miller_rabin_test, agrees_with_a_sieve_below_a_million) {
    constexpr std::size_t limit = 1'000'000;
    std::vector<bool> composite(limit, false);
    composite[0] = composite[1] = true;
    for (std::size_t i = 2; i * i < limit; ++i) {
        if (!composite[i]) {
            for (std::size_t j = i * i; j < limit; j += i) composite[j] = true;
        }
    }
    for (std::size_t n = 0; n < limit; ++n) ASSERT_EQ(is_prime_miller_rabin(n), !composite[n]) << n;
}

TEST(miller_rabin_test, agrees_with_trial_division_on_random_32_and_48_bit_numbers) {
    std::mt19937_64 random{19};
    for (int i = 0; i < 200'000; ++i) {
        const std::uint64_t n = random() >> 32;
        ASSERT_EQ(is_prime_miller_rabin(n), concur::is_prime_fast_trial(n)) << n;
    }
    int primes = 0;
    for (int i = 0; i < 3'000; ++i) {
        const std::uint64_t n = (random() >> 16) | 1;
        const bool prime = is_prime_miller_rabin(n);
        ASSERT_EQ(prime, concur::is_prime_fast_trial(n)) << n;
        primes += prime ? 1 : 0;
    }
    EXPECT_GT(primes, 50);  // about 1 odd 48-bit number in 17 is prime: the test saw primes
}

TEST(miller_rabin_test, strong_pseudoprimes_to_small_bases_are_composite) {
    // Each is a strong pseudoprime to every prime base up to some bound (2047 to base 2;
    // 3825123056546413051 to the bases 2 through 23), so a test with too few bases says prime.
    // Trial division confirms each is composite (each has a factor it finds quickly).
    for (const std::uint64_t n : {2047ULL, 1373653ULL, 25326001ULL, 3215031751ULL, 2152302898747ULL,
                                  3474749660383ULL, 341550071728321ULL, 3825123056546413051ULL,
                                  // Carmichael numbers: Fermat liars to every coprime base.
                                  561ULL, 1105ULL, 1729ULL, 41041ULL, 825265ULL, 321197185ULL}) {
        EXPECT_FALSE(concur::is_prime_fast_trial(n)) << n;
        EXPECT_FALSE(is_prime_miller_rabin(n)) << n;
    }
}

TEST(miller_rabin_test, large_primes_and_semiprimes) {
    EXPECT_TRUE(is_prime_miller_rabin(18446744073709551557ULL));  // the largest 64-bit prime, 2^64 - 59
    EXPECT_TRUE(is_prime_miller_rabin(9223372036854775783ULL));   // 2^63 - 25
    EXPECT_TRUE(is_prime_miller_rabin(2305843009213693951ULL));   // 2^61 - 1, a Mersenne prime
    EXPECT_TRUE(is_prime_miller_rabin(4294967291ULL));            // the largest 32-bit prime
    EXPECT_FALSE(is_prime_miller_rabin(std::numeric_limits<std::uint64_t>::max()));
    EXPECT_FALSE(is_prime_miller_rabin(4294967291ULL * 4294967279ULL));  // two 32-bit primes
    EXPECT_FALSE(is_prime_miller_rabin(4294967291ULL * 4294967291ULL));
    EXPECT_FALSE(is_prime_miller_rabin(3037000493ULL * 3037000493ULL));
    // 2^61 - 1 checked by trial division too (about 0.1 s with the vector unit).
    EXPECT_TRUE(concur::is_prime_fast_trial(2305843009213693951ULL));
}

TEST(miller_rabin_test, estimate_is_small_and_grows_with_the_bit_length) {
    EXPECT_LT(concur::miller_rabin_estimate(1000), concur::miller_rabin_estimate(1ULL << 60));
    EXPECT_LT(concur::miller_rabin_estimate(std::numeric_limits<std::uint64_t>::max()), 2000U);
}

}  // namespace
