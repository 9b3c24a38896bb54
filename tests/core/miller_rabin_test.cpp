// Tests for miller_rabin (Baillie-PSW): cross-checked against a sieve, trial division and the
// seven-base Miller-Rabin test, and against every base-2 strong pseudoprime below 10^7 (the
// `long` test goes to 10^9) and known ones above: the composites that base 2 alone lets through.
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/lucas_probable_prime.hpp"
#include "concur/core/miller_rabin.hpp"
#include "support/base_2_pseudoprimes.hpp"
#include "support/seven_bases.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using concur::is_prime_miller_rabin;

/// base^exponent mod p for p < 2^32, by plain arithmetic.
std::uint64_t power_mod(std::uint64_t base, std::uint64_t exponent, std::uint64_t p) {
    std::uint64_t result = 1;
    for (base %= p; exponent != 0; exponent >>= 1, base = base * base % p) {
        if ((exponent & 1) != 0) result = result * base % p;
    }
    return result;
}

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

TEST(miller_rabin_test, agrees_with_the_seven_base_test_on_random_64_bit_numbers) {
    // The long test compares 10^7 numbers; here odd numbers of every size, a fifth of them made
    // of two primes (the composites a weak test would pass most easily).
    std::mt19937_64 random{7};
    int primes = 0;
    for (int i = 0; i < 200'000; ++i) {
        const std::uint64_t n = (random() >> (random() % 60)) | 1;
        const bool prime = is_prime_miller_rabin(n);
        ASSERT_EQ(prime, concur::testing::is_prime_by_seven_bases(n)) << n;
        primes += prime ? 1 : 0;
    }
    EXPECT_GT(primes, 5'000);
}

TEST(miller_rabin_test, every_base_2_strong_pseudoprime_below_10_7_is_composite) {
    // Found from scratch by the test (support/base_2_pseudoprimes.hpp). Their counts are the
    // published ones (OEIS A001567 and A001262; Pomerance, Selfridge and Wagstaff 1980): the
    // list is complete. Base 2 alone calls each of them prime.
    const auto found = concur::testing::find_base_2_pseudoprimes(10'000'000);
    EXPECT_EQ(found.fermat.size(), 750U);
    ASSERT_EQ(found.strong.size(), 162U);
    EXPECT_EQ(found.strong.front(), 2047U);
    for (const std::uint32_t n : found.strong) {
        EXPECT_TRUE(concur::is_strong_probable_prime(n, 2)) << n;
        EXPECT_FALSE(is_prime_miller_rabin(n)) << n;
    }
    for (const std::uint32_t n : found.fermat) EXPECT_FALSE(is_prime_miller_rabin(n)) << n;
}

TEST(miller_rabin_test, known_base_2_strong_pseudoprimes_above_10_9_are_composite) {
    // Strong pseudoprimes to every base up to a bound (OEIS A014233: 3215031751 to bases 2, 3,
    // 5, 7; 3825123056546413051 to every prime base up to 37); composite Mersenne numbers
    // 2^p - 1 with p prime (2^p = 1, so 2^((n-1)/2) = 2^(2^(p-1) - 1) = 1 since p divides
    // 2^(p-1) - 1); the composite Fermat number 2^32 + 1 (2^(2^5) = -1).
    std::vector<std::uint64_t> pseudoprimes{3215031751ULL, 2152302898747ULL, 3474749660383ULL, 341550071728321ULL,
                                            3825123056546413051ULL, 4294967297ULL};
    for (const int p : {37, 41, 43, 47, 53, 59}) pseudoprimes.push_back((std::uint64_t{1} << p) - 1);
    for (const std::uint64_t n : pseudoprimes) {
        EXPECT_TRUE(concur::is_strong_probable_prime(n, 2)) << n << " is not what the test is about";
        EXPECT_FALSE(concur::testing::is_prime_by_seven_bases(n)) << n;
        EXPECT_FALSE(is_prime_miller_rabin(n)) << n;
    }
}

TEST(miller_rabin_test, strong_lucas_pseudoprimes_pass_lucas_and_fail_base_2) {
    // The first strong Lucas pseudoprimes with Selfridge's parameters (OEIS A217255): composites
    // the Lucas half alone calls prime. Base 2 catches them: no number is known to fool both.
    for (const std::uint64_t n : {5459ULL, 5777ULL, 10877ULL, 16109ULL, 18971ULL, 22499ULL, 24569ULL, 25199ULL,
                                  40309ULL, 58519ULL, 75077ULL, 97439ULL}) {
        EXPECT_TRUE(concur::is_strong_lucas_probable_prime(n)) << n;
        EXPECT_FALSE(concur::is_strong_probable_prime(n, 2)) << n;
        EXPECT_FALSE(is_prime_miller_rabin(n)) << n;
    }
}

TEST(miller_rabin_test, lucas_test_passes_primes_and_finds_exactly_the_known_pseudoprimes_below_10_5) {
    // Odd numbers from 41^2 with no factor below 41 (the ones the Lucas test is given).
    std::vector<std::uint64_t> passed_composites;
    for (std::uint64_t n = 1681; n < 100'000; n += 2) {
        bool small_factor = false;
        for (const std::uint64_t p : {3ULL, 5ULL, 7ULL, 11ULL, 13ULL, 17ULL, 19ULL, 23ULL, 29ULL, 31ULL, 37ULL}) {
            small_factor = small_factor || n % p == 0;
        }
        if (small_factor) continue;
        const bool prime = concur::is_prime_fast_trial(n);
        const bool passes = concur::is_strong_lucas_probable_prime(n);
        if (prime) {
            EXPECT_TRUE(passes) << n;
        }
        if (!prime && passes) passed_composites.push_back(n);
    }
    EXPECT_EQ(passed_composites, (std::vector<std::uint64_t>{5459, 5777, 10877, 16109, 18971, 22499, 24569, 25199,
                                                             40309, 58519, 75077, 97439}));
}

TEST(miller_rabin_test, jacobi_symbol_against_euler_criterion) {
    // For an odd prime p, (a/p) = a^((p-1)/2) mod p (Euler's criterion); 0 when p divides a.
    for (const std::uint64_t p : {3ULL, 5ULL, 7ULL, 101ULL, 65537ULL}) {
        for (std::int64_t a = -60; a <= 60; ++a) {
            const std::uint64_t residue = (static_cast<std::uint64_t>(a % static_cast<std::int64_t>(p)) + p) % p;
            const std::uint64_t euler = power_mod(residue, (p - 1) / 2, p);
            const int expected = residue == 0 ? 0 : euler == 1 ? 1 : -1;
            EXPECT_EQ(concur::jacobi_symbol(a, p), expected) << a << " " << p;
        }
    }
    EXPECT_EQ(concur::jacobi_symbol(5, 21), 1);   // (5/3)(5/7) = (-1)(-1): a non-residue all the same
    EXPECT_EQ(concur::jacobi_symbol(-7, 21), 0);  // 7 divides 21
}

TEST(miller_rabin_test, large_primes_and_semiprimes) {
    EXPECT_TRUE(is_prime_miller_rabin(18446744073709551557ULL));  // the largest 64-bit prime, 2^64 - 59
    EXPECT_TRUE(is_prime_miller_rabin(9223372036854775783ULL));   // 2^63 - 25
    EXPECT_TRUE(is_prime_miller_rabin(2305843009213693951ULL));   // 2^61 - 1, a Mersenne prime
    EXPECT_TRUE(is_prime_miller_rabin(4294967291ULL));            // the largest 32-bit prime
    EXPECT_FALSE(is_prime_miller_rabin(std::numeric_limits<std::uint64_t>::max()));
    EXPECT_FALSE(is_prime_miller_rabin(4294967291ULL * 4294967279ULL));  // two 32-bit primes
    EXPECT_FALSE(is_prime_miller_rabin(4294967291ULL * 4294967291ULL));  // squares: the Lucas test has no D
    EXPECT_FALSE(is_prime_miller_rabin(3037000493ULL * 3037000493ULL));
    // Carmichael numbers: Fermat liars to every coprime base.
    for (const std::uint64_t n : {561ULL, 1105ULL, 1729ULL, 41041ULL, 825265ULL, 321197185ULL}) {
        EXPECT_FALSE(is_prime_miller_rabin(n)) << n;
    }
    // 2^61 - 1 checked by trial division too (about 0.1 s with the vector unit).
    EXPECT_TRUE(concur::is_prime_fast_trial(2305843009213693951ULL));
}

TEST(miller_rabin_test, estimate_is_small_and_grows_with_the_bit_length) {
    EXPECT_LT(concur::miller_rabin_estimate(1000), concur::miller_rabin_estimate(1ULL << 60));
    EXPECT_LT(concur::miller_rabin_estimate(std::numeric_limits<std::uint64_t>::max()), 2000U);
}

}  // namespace
