// Tests for fast_trial_division: the same answers as the seed's loop with every kernel, every
// chunk size, at block and chunk edges and at the ends of the uint64 range.
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/trial_kernel.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using concur::is_prime_fast_trial;
using concur::trial_kernel;

constexpr std::uint64_t two_to_53 = std::uint64_t{1} << 53;
constexpr std::uint64_t chunk_span = concur::divisors_per_chunk / 8 * 30;  // numbers per chunk

/// Products of consecutive primes from `low` on: their smallest factor lands in every lane and
/// at every position in a block.
std::vector<std::uint64_t> products_of_consecutive_primes(std::uint64_t low, std::uint64_t high) {
    std::vector<std::uint64_t> numbers;
    std::uint64_t previous = 0;
    for (std::uint64_t p = low; p < high; ++p) {
        if (!concur::is_prime(p)) continue;
        numbers.push_back(p * p);
        if (previous != 0) numbers.push_back(previous * p);
        previous = p;
    }
    return numbers;
}

TEST(fast_trial_division_test, agrees_with_the_seed_below_100000_and_around_every_block_edge) {
    std::vector<std::uint64_t> numbers = products_of_consecutive_primes(7, 10000);
    for (std::uint64_t n = 0; n < 100000; ++n) numbers.push_back(n);
    for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
        for (const std::uint64_t n : numbers) {
            ASSERT_EQ(is_prime_fast_trial(n, *kernel), concur::is_prime(n)) << n << " " << kernel->name;
        }
    }
}

TEST(fast_trial_division_test, every_chunk_size_gives_the_same_answers_around_chunk_edges) {
    // Smallest factors just before and after the first chunk edges, with chunks of 32 divisors
    // (one block), an odd size, the default and one chunk for the whole range.
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t edge = 30 + chunk_span; edge < 30 + 4 * chunk_span; edge += chunk_span) {
        const auto near_edge = products_of_consecutive_primes(edge - 300, edge + 300);
        numbers.insert(numbers.end(), near_edge.begin(), near_edge.end());
    }
    ASSERT_GT(numbers.size(), 100U);
    for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
        for (const std::uint64_t chunk : {std::uint64_t{1}, std::uint64_t{32}, std::uint64_t{100},
                                          concur::divisors_per_chunk, std::uint64_t{1} << 40}) {
            for (const std::uint64_t n : numbers) {
                ASSERT_EQ(concur::is_prime_fast_trial_in_chunks(n, *kernel, chunk), concur::is_prime(n))
                    << n << " " << kernel->name << " chunks of " << chunk;
            }
        }
    }
}

TEST(fast_trial_division_test, smallest_wheel_divisor_is_the_first_one_in_the_range) {
    // Against a plain loop over [from, to): ranges that start and end anywhere in a block, with
    // divisors inside, at the ends and just past them.
    std::mt19937_64 random{30};
    const auto expected = [](std::uint64_t n, std::uint64_t from, std::uint64_t to) -> std::uint64_t {
        for (std::uint64_t d = from; d < to; ++d) {
            if (d % 2 != 0 && d % 3 != 0 && d % 5 != 0 && n % d == 0) return d;
        }
        return 0;
    };
    for (int i = 0; i < 3000; ++i) {
        const std::uint64_t from = 30 * (1 + random() % 2000);
        const std::uint64_t to = from + random() % 600;
        // n: a product of two numbers near the range, or of two random ones.
        const std::uint64_t a = from + random() % 700;
        const std::uint64_t b = i % 3 == 0 ? 7 + random() % 100000 : a + random() % 100;
        for (const std::uint64_t n : {a * b, a * b + 2, (a | 1) * (b | 1)}) {
            for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
                ASSERT_EQ(concur::smallest_wheel_divisor(n, from, to, *kernel), expected(n, from, to))
                    << "n=" << n << " [" << from << ", " << to << ") " << kernel->name;
            }
        }
    }
}

TEST(fast_trial_division_test, book_fixture_with_every_kernel) {
    for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
        for (const auto& known : concur::book_numbers()) {
            EXPECT_EQ(is_prime_fast_trial(known.value, *kernel), known.prime) << known.value << " " << kernel->name;
        }
    }
    for (const auto& known : concur::book_numbers()) EXPECT_EQ(is_prime_fast_trial(known.value), known.prime);
    for (const auto& known : concur::seed_numbers()) EXPECT_EQ(is_prime_fast_trial(known.value), known.prime);
}

TEST(fast_trial_division_test, edges_of_the_uint64_range) {
    for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
        EXPECT_FALSE(is_prime_fast_trial(0, *kernel));
        EXPECT_FALSE(is_prime_fast_trial(1, *kernel));
        EXPECT_TRUE(is_prime_fast_trial(2, *kernel));
        EXPECT_TRUE(is_prime_fast_trial(3, *kernel));
        EXPECT_TRUE(is_prime_fast_trial(5, *kernel));
        EXPECT_TRUE(is_prime_fast_trial(7, *kernel));
        EXPECT_FALSE(is_prime_fast_trial(std::numeric_limits<std::uint64_t>::max(), *kernel));
        EXPECT_FALSE(is_prime_fast_trial(two_to_53 + 1, *kernel));   // 3 * 107 * 28059810762433
        EXPECT_TRUE(is_prime_fast_trial(two_to_53 - 111, *kernel));  // the largest prime below 2^53
    }
}

}  // namespace
