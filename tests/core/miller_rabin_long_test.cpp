// The long tests of miller_rabin (ctest label `long`, about a minute of CPU): every base-2 pseudoprime
// below 10^9, and 10^7 numbers against the seven-base Miller-Rabin test.
#include "concur/core/miller_rabin.hpp"
#include "support/base_2_pseudoprimes.hpp"
#include "support/seven_bases.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace {

using concur::is_prime_miller_rabin;

TEST(miller_rabin_long_test, every_base_2_pseudoprime_below_10_9_is_composite) {
    // The published counts below 10^9: 5597 pseudoprimes, 1282 of them strong (OEIS A001567,
    // A001262; Pomerance, Selfridge and Wagstaff 1980). The list is complete.
    const auto found = concur::testing::find_base_2_pseudoprimes(1'000'000'000);
    EXPECT_EQ(found.fermat.size(), 5597U);
    ASSERT_EQ(found.strong.size(), 1282U);
    for (const std::uint32_t n : found.strong) {
        ASSERT_TRUE(concur::is_strong_probable_prime(n, 2)) << n;
        ASSERT_FALSE(is_prime_miller_rabin(n)) << n;
    }
    for (const std::uint32_t n : found.fermat) ASSERT_FALSE(is_prime_miller_rabin(n)) << n;
}

TEST(miller_rabin_long_test, agrees_with_the_seven_base_test_on_ten_million_numbers) {
    // Three kinds, 10^7 in all: random odd numbers of every size; every odd number of a stretch
    // just below 2^64; products of two random primes of about 32 bits.
    std::mt19937_64 random{1795265022};
    std::uint64_t compared = 0;
    std::uint64_t primes = 0;
    const auto compare = [&](std::uint64_t n) {
        const bool prime = is_prime_miller_rabin(n);
        ASSERT_EQ(prime, concur::testing::is_prime_by_seven_bases(n)) << n;
        ++compared;
        primes += prime ? 1 : 0;
    };
    for (int i = 0; i < 6'000'000; ++i) {
        compare((random() >> (random() % 62)) | 1);
        if (HasFatalFailure()) return;
    }
    for (std::uint64_t n = ~std::uint64_t{0} - 2 * (3'000'000 - 1); n != 1; n += 2) {  // 1: past 2^64 - 1
        compare(n);
        if (HasFatalFailure()) return;
    }
    std::uint64_t semiprimes = 0;
    while (semiprimes < 1'000'000) {
        const std::uint64_t p = (random() >> 32) | (std::uint64_t{1} << 31) | 1;
        const std::uint64_t q = (random() >> 32) | (std::uint64_t{1} << 31) | 1;
        if (!is_prime_miller_rabin(p) || !is_prime_miller_rabin(q)) continue;
        compare(p * q);
        ++semiprimes;
        if (HasFatalFailure()) return;
    }
    EXPECT_EQ(compared, 10'000'000U);
    EXPECT_GT(primes, 200'000U);
}

}  // namespace
