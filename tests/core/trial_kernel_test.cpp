// Tests for trial_kernel: every kernel this CPU runs agrees with `n % d` exactly, where floating
// point is most likely to go wrong: largest quotients, both sides of 2^53, up to 2^64.
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"
#include "concur/core/trial_kernel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using concur::trial_kernel;

constexpr std::uint64_t two_to_53 = std::uint64_t{1} << 53;
constexpr std::uint64_t largest_divisor = 0xFFFF'FFFFULL;

/// What the mask should be, by plain integer arithmetic.
unsigned expected_mask(std::uint64_t n, const std::array<std::uint64_t, 8>& divisors) {
    unsigned mask = 0;
    for (std::size_t i = 0; i < divisors.size(); ++i) mask |= n % divisors[i] == 0 ? 1U << i : 0U;
    return mask;
}

void expect_mask(std::uint64_t n, const std::array<std::uint64_t, 8>& divisors) {
    for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
        ASSERT_EQ(kernel->divisibility_mask(n, divisors.data()), expected_mask(n, divisors))
            << "n=" << n << " first divisor=" << divisors[0] << " kernel=" << kernel->name;
    }
}

/// Checks `d` in every lane, beside its neighbours, against `n % d`, with every kernel.
void expect_exact(std::uint64_t n, std::uint64_t d) {
    for (std::size_t lane = 0; lane < 8; ++lane) {
        std::array<std::uint64_t, 8> divisors{};
        for (std::size_t i = 0; i < 8; ++i) {
            const auto shift = static_cast<std::int64_t>(i) - static_cast<std::int64_t>(lane);
            std::uint64_t candidate = d + static_cast<std::uint64_t>(shift);
            if (candidate < 7 || candidate > largest_divisor) candidate = d;
            divisors[i] = candidate;
        }
        expect_mask(n, divisors);
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

TEST(trial_kernel_test, every_kernel_is_listed_once_and_found_by_name) {
    const auto kernels = concur::supported_trial_kernels();
    ASSERT_FALSE(kernels.empty());
    EXPECT_EQ(kernels.front()->name, "sse2-division");
    EXPECT_EQ(concur::supported_simd_levels().front(), concur::simd_level::sse2);
    std::set<std::string> names;
    for (const trial_kernel* kernel : kernels) {
        EXPECT_TRUE(names.insert(std::string{kernel->name}).second) << kernel->name;
        EXPECT_EQ(concur::find_trial_kernel(kernel->name), kernel);
        const std::string expected_name = std::string{concur::simd_level_name(kernel->level)} + "-" +
                                          std::string{concur::divisor_test_name(kernel->test)};
        EXPECT_EQ(kernel->name, expected_name);
        const auto levels = concur::supported_simd_levels();
        EXPECT_NE(std::find(levels.begin(), levels.end(), kernel->level), levels.end()) << kernel->name;
        EXPECT_NE(std::string{concur::supported_trial_kernel_names()}.find(kernel->name), std::string::npos);
    }
    EXPECT_EQ(concur::find_trial_kernel("avx1024-division"), nullptr);
    EXPECT_EQ(concur::find_trial_kernel(""), nullptr);
}

TEST(trial_kernel_test, this_cpu_offers_every_kernel_its_instruction_sets_allow) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
    EXPECT_EQ(concur::find_trial_kernel("avx2-reciprocal") != nullptr, avx2);
    EXPECT_EQ(concur::find_trial_kernel("avx2-division") != nullptr, avx2);
    EXPECT_EQ(concur::find_trial_kernel("avx512-reciprocal") != nullptr, avx512);
    EXPECT_EQ(concur::find_trial_kernel("avx512-division") != nullptr, avx512);
    EXPECT_EQ(concur::best_simd_level(), avx512 ? concur::simd_level::avx512
                                         : avx2 ? concur::simd_level::avx2
                                                : concur::simd_level::sse2);
#else
    GTEST_SKIP() << "only the portable kernel is built for this CPU";
#endif
}

TEST(trial_kernel_test, every_divisor_of_every_fixture_number) {
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

TEST(trial_kernel_test, multiples_plus_minus_one_near_2_to_53_and_2_to_64) {
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

TEST(trial_kernel_test, largest_quotients_of_every_small_divisor) {
    // The quotient n / d is largest for small d: there a reciprocal a little too coarse would
    // round k * d to the wrong multiple. Every d from 7 to 2^13 in every lane, against the last
    // multiple of d below 2^53 and below 2^64, and their neighbours.
    for (std::uint64_t d = 7; d < (1U << 13); ++d) {
        for (const std::uint64_t limit : {two_to_53 - 1, std::numeric_limits<std::uint64_t>::max()}) {
            const std::uint64_t multiple = limit / d * d;
            std::array<std::uint64_t, 8> divisors{};
            for (std::size_t i = 0; i < 8; ++i) divisors[i] = d + i;
            for (const std::uint64_t n : {multiple - 1, multiple, multiple + 1}) {
                if (n > limit) continue;
                expect_mask(n, divisors);
                if (HasFatalFailure()) return;
            }
        }
    }
}

TEST(trial_kernel_test, random_numbers_and_divisors_agree_with_the_remainder) {
    std::mt19937_64 random{64};
    for (int i = 0; i < 20'000; ++i) {
        std::array<std::uint64_t, 8> divisors{};
        for (std::uint64_t& d : divisors) d = 7 + random() % (largest_divisor - 7);
        const std::uint64_t n = random() >> (random() % 32);
        expect_mask(n, divisors);
        // And a multiple of one of them, so that some lanes must say yes.
        const std::uint64_t d = divisors[static_cast<std::size_t>(i) % 8];
        expect_mask(n / d * d, divisors);
        if (HasFatalFailure()) return;
    }
}

TEST(trial_kernel_test, squares_of_large_primes_are_found) {
    // p * p is composite only because of p, the last divisor tried: an inexact test misses it.
    // Primes around sqrt(2^53) = 94906265.6 put p * p on both sides of 2^53.
    std::vector<std::uint64_t> primes;
    for (std::uint64_t p = 94906265 - 400; p < 94906265 + 400; ++p) {
        if (concur::is_prime_miller_rabin(p)) primes.push_back(p);
    }
    ASSERT_GT(primes.size(), 10U);
    for (const std::uint64_t p : {primes.front(), primes[primes.size() / 2 - 1], primes[primes.size() / 2],
                                  primes.back()}) {
        for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
            EXPECT_FALSE(concur::is_prime_fast_trial(p * p, *kernel)) << p << " " << kernel->name;
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

}  // namespace
