// Tests for is_prime and integer_sqrt: the fixture, the edge cases, the top of the uint64 range.
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace {

using concur::integer_sqrt;
using concur::is_prime;

TEST(integer_sqrt_test, exact_on_small_numbers) {
    for (std::uint64_t n = 0; n < 100000; ++n) {
        const std::uint64_t r = integer_sqrt(n);
        ASSERT_LE(r * r, n) << n;
        ASSERT_GT((r + 1) * (r + 1), n) << n;
    }
}

TEST(integer_sqrt_test, exact_around_perfect_squares_up_to_2_to_64) {
    for (std::uint64_t root : {std::uint64_t{94906265}, std::uint64_t{3037000499}, std::uint64_t{4294967295},
                               std::uint64_t{4294967294}, std::uint64_t{1} << 26}) {
        const std::uint64_t square = root * root;
        EXPECT_EQ(integer_sqrt(square), root);
        EXPECT_EQ(integer_sqrt(square - 1), root - 1);
        if (root < 4294967295) {
            EXPECT_EQ(integer_sqrt(square + 1), root);
        }
    }
}

TEST(integer_sqrt_test, largest_value_is_not_rounded_up) {
    // A double sqrt of 2^64 - 1 gives exactly 2^32, one too many.
    EXPECT_EQ(integer_sqrt(std::numeric_limits<std::uint64_t>::max()), 4294967295U);
}

TEST(is_prime_test, edge_cases) {
    EXPECT_FALSE(is_prime(0));
    EXPECT_FALSE(is_prime(1));
    EXPECT_TRUE(is_prime(2));
    EXPECT_TRUE(is_prime(3));
    EXPECT_FALSE(is_prime(4));
    EXPECT_FALSE(is_prime(9));
    EXPECT_FALSE(is_prime(25));
    // 2^64 - 1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417: found at the first divisor.
    EXPECT_FALSE(is_prime(std::numeric_limits<std::uint64_t>::max()));
}

TEST(is_prime_test, agrees_with_a_sieve_below_100000) {
    constexpr std::size_t limit = 100000;
    std::vector<bool> composite(limit, false);
    for (std::size_t i = 2; i * i < limit; ++i) {
        if (!composite[i]) {
            for (std::size_t j = i * i; j < limit; j += i) composite[j] = true;
        }
    }
    for (std::size_t n = 2; n < limit; ++n) ASSERT_EQ(is_prime(n), !composite[n]) << n;
}

TEST(is_prime_test, squares_of_primes_are_not_prime) {
    // The divisor that finds these is the square root itself: an off-by-one stops too early.
    for (std::uint64_t p : {3ULL, 65521ULL, 999983ULL, 1000003ULL}) EXPECT_FALSE(is_prime(p * p)) << p;
}

TEST(is_prime_test, book_fixture) {
    // Fluent Python's 20 numbers, up to 10^16: about a second and a half in all.
    int primes = 0;
    for (const auto& known : concur::book_numbers()) {
        EXPECT_EQ(is_prime(known.value), known.prime) << known.value;
        primes += known.prime ? 1 : 0;
    }
    EXPECT_EQ(primes, 9);
}

TEST(is_prime_test, seed_list_is_the_book_fixture_start) {
    const auto seed = concur::seed_numbers();
    const auto book = concur::book_numbers();
    ASSERT_EQ(seed.size(), 5U);
    for (std::size_t i = 0; i < seed.size(); ++i) {
        EXPECT_EQ(seed[i].value, book[i].value);
        EXPECT_EQ(seed[i].prime, book[i].prime);
    }
}

}  // namespace
