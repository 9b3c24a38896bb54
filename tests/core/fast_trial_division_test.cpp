// Tests for fast_trial_division: the vector divisibility test agrees with `n % d` exactly, at
// every instruction-set level this CPU has, where floating point is most likely to go wrong.
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using concur::divisibility_mask;
using concur::is_prime_fast_trial;
using concur::simd_level;

constexpr std::uint64_t two_to_53 = std::uint64_t{1} << 53;
constexpr std::uint64_t largest_divisor = 0xFFFF'FFFFULL;

std::string name(simd_level level) { return std::string{concur::simd_level_name(level)}; }

/// What the mask should be, by plain integer arithmetic.
unsigned expected_mask(std::uint64_t n, const std::array<std::uint64_t, 8>& divisors) {
    unsigned mask = 0;
    for (std::size_t i = 0; i < divisors.size(); ++i) mask |= n % divisors[i] == 0 ? 1U << i : 0U;
    return mask;
}

/// Checks `d` in every lane, beside its neighbours, against `n % d`, at every level.
void expect_exact(std::uint64_t n, std::uint64_t d) {
    for (std::size_t lane = 0; lane < 8; ++lane) {
        std::array<std::uint64_t, 8> divisors{};
        for (std::size_t i = 0; i < 8; ++i) {
            const auto shift = static_cast<std::int64_t>(i) - static_cast<std::int64_t>(lane);
            std::uint64_t candidate = d + static_cast<std::uint64_t>(shift);
            if (candidate < 7 || candidate > largest_divisor) candidate = d;
            divisors[i] = candidate;
        }
        for (const simd_level level : concur::supported_simd_levels()) {
            ASSERT_EQ(divisibility_mask(n, divisors, level), expected_mask(n, divisors))
                << "n=" << n << " d=" << d << " lane=" << lane << " level=" << name(level);
        }
    }
}

/// The prime factors of a fixture number: small ones by division, then what is left is a
/// prime or the square of one (checked, not assumed).
std::vector<std::uint64_t> prime_factors(std::uint64_t n) {
    std::vector<std::uint64_t> factors;
    for (std::uint64_t d = 2; d < 1000 && d * d <= n; ++d) {
        while (n % d == 0) {
            factors.push_back(d);
            n /= d;
        }
    }
    if (n == 1) return factors;
    const std::uint64_t root = concur::integer_sqrt(n);
    if (root * root == n && concur::is_prime_miller_rabin(root)) {
        factors.insert(factors.end(), {root, root});
    } else {
        EXPECT_TRUE(concur::is_prime_miller_rabin(n)) << "unexpected cofactor " << n;
        factors.push_back(n);
    }
    return factors;
}

/// Every divisor of n: start from 1 and multiply in one prime factor at a time.
std::vector<std::uint64_t> all_divisors(std::uint64_t n) {
    std::vector<std::uint64_t> divisors{1};
    for (const std::uint64_t p : prime_factors(n)) {
        const std::size_t known = divisors.size();
        for (std::size_t i = 0; i < known; ++i) {
            const std::uint64_t d = divisors[i] * p;
            if (n % d == 0 && std::find(divisors.begin(), divisors.end(), d) == divisors.end()) divisors.push_back(d);
        }
    }
    return divisors;
}

TEST(fast_trial_division_test, sse2_is_always_supported) {
    const auto levels = concur::supported_simd_levels();
    ASSERT_FALSE(levels.empty());
    EXPECT_EQ(levels.front(), simd_level::sse2);
    EXPECT_EQ(concur::best_simd_level(), levels.back());
}

TEST(fast_trial_division_test, every_divisor_of_every_fixture_number) {
    std::size_t checked = 0;
    for (const auto& known : concur::book_numbers()) {
        for (const std::uint64_t d : all_divisors(known.value)) {
            ASSERT_EQ(known.value % d, 0U);
            if (d < 7 || d > largest_divisor) continue;
            expect_exact(known.value, d);
            ++checked;
        }
    }
    EXPECT_GT(checked, 500U);  // 3333333333333333 alone has 128 divisors
}

TEST(fast_trial_division_test, multiples_plus_minus_one_near_2_to_53_and_2_to_64) {
    // k * d - 1, k * d and k * d + 1, for k * d on both sides of 2^53 (where exactness of
    // doubles ends) and just under 2^64 (where the quotient is largest).
    std::mt19937_64 random{53};
    std::vector<std::uint64_t> divisors{7, 11, 13, 31, 4093, 65521, 94906265, 94906267, 1ULL << 26,
                                        2147483647, 4294967291, largest_divisor};
    for (int i = 0; i < 40; ++i) divisors.push_back(7 + random() % (largest_divisor - 7));
    for (const std::uint64_t d : divisors) {
        for (const std::uint64_t target : {two_to_53, std::numeric_limits<std::uint64_t>::max()}) {
            const std::uint64_t k_top = target / d;
            for (const std::uint64_t k : {k_top - 1, k_top, k_top + 1}) {
                const std::uint64_t multiple = k * d;  // for k_top + 1 near 2^64 this wraps: skip it
                if (multiple / d != k) continue;
                for (const std::uint64_t n : {multiple - 1, multiple, multiple + 1}) expect_exact(n, d);
            }
        }
    }
}

TEST(fast_trial_division_test, squares_of_large_primes_are_found) {
    // p * p is composite only because of p, the last divisor tried: an inexact test misses it.
    // Primes around sqrt(2^53) = 94906265.6 put p * p on both sides of 2^53.
    std::vector<std::uint64_t> primes;
    for (std::uint64_t p = 94906265 - 400; p < 94906265 + 400; ++p) {
        if (concur::is_prime_miller_rabin(p)) primes.push_back(p);
    }
    ASSERT_GT(primes.size(), 10U);
    for (const std::uint64_t p : {primes.front(), primes[primes.size() / 2 - 1], primes[primes.size() / 2],
                                  primes.back()}) {
        for (const simd_level level : concur::supported_simd_levels()) {
            EXPECT_FALSE(is_prime_fast_trial(p * p, level)) << p << " " << name(level);
        }
    }
    // Near 2^64 the full scan is too long for a unit test; the divisibility test itself is
    // checked on the square and its neighbours.
    for (const std::uint64_t p : {4294967291ULL, 4294967279ULL, 3037000493ULL}) {
        expect_exact(p * p, p);
        expect_exact(p * p - 1, p);
        expect_exact(p * p + 1, p);
    }
}

TEST(fast_trial_division_test, agrees_with_the_seed_below_100000_and_around_every_block_edge) {
    // Every n below 10^5, then p * p and p * q for consecutive primes up to 10^4: their
    // smallest factor lands in every lane and at every position in a block.
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t n = 0; n < 100000; ++n) numbers.push_back(n);
    std::uint64_t previous = 0;
    for (std::uint64_t p = 7; p < 10000; ++p) {
        if (!concur::is_prime(p)) continue;
        numbers.push_back(p * p);
        if (previous != 0) numbers.push_back(previous * p);
        previous = p;
    }
    for (const simd_level level : concur::supported_simd_levels()) {
        for (const std::uint64_t n : numbers) ASSERT_EQ(is_prime_fast_trial(n, level), concur::is_prime(n)) << n << " " << name(level);
    }
}

TEST(fast_trial_division_test, book_fixture_at_every_level) {
    for (const simd_level level : concur::supported_simd_levels()) {
        for (const auto& known : concur::book_numbers()) {
            EXPECT_EQ(is_prime_fast_trial(known.value, level), known.prime) << known.value << " " << name(level);
        }
    }
    for (const auto& known : concur::seed_numbers()) EXPECT_EQ(is_prime_fast_trial(known.value), known.prime);
}

TEST(fast_trial_division_test, edges_of_the_uint64_range) {
    for (const simd_level level : concur::supported_simd_levels()) {
        EXPECT_FALSE(is_prime_fast_trial(0, level));
        EXPECT_FALSE(is_prime_fast_trial(1, level));
        EXPECT_TRUE(is_prime_fast_trial(2, level));
        EXPECT_TRUE(is_prime_fast_trial(3, level));
        EXPECT_TRUE(is_prime_fast_trial(5, level));
        EXPECT_TRUE(is_prime_fast_trial(7, level));
        EXPECT_FALSE(is_prime_fast_trial(std::numeric_limits<std::uint64_t>::max(), level));
        EXPECT_FALSE(is_prime_fast_trial(two_to_53 + 1, level));   // 3 * 107 * 28059810762433
        EXPECT_TRUE(is_prime_fast_trial(two_to_53 - 111, level));  // the largest prime below 2^53
    }
}

}  // namespace
