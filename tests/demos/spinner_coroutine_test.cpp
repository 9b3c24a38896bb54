// Tests for the coroutine spinner's napping prime check: same answers as is_prime, and it yields.
#include "concur/demos/spinner_coroutine.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/runtime/run.hpp"
#include "support/manual_clock.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(spinner_coroutine_test, is_prime_with_naps_agrees_with_is_prime) {
    for (const unsigned nap : {1U, 3U, 1000U}) {
        for (std::uint64_t n = 0; n < 2000; ++n) {
            ASSERT_EQ(run(is_prime_with_naps(n, nap)), is_prime(n)) << n << " nap " << nap;
        }
    }
    EXPECT_TRUE(run(is_prime_with_naps(1'000'000'007ULL, 100)));
    EXPECT_FALSE(run(is_prime_with_naps(1'000'000'007ULL * 3, 100)));
}

TEST(spinner_coroutine_test, is_prime_with_naps_gives_the_loop_a_turn_every_nap_divisors) {
    concur::testing::manual_clock clock;
    event_loop loop{clock};
    // 10007 is prime: the odd divisors 3..99 (integer_sqrt = 100) are 49, so 4 naps of 10.
    EXPECT_TRUE(loop.run_until_complete(is_prime_with_naps(10'007, 10)));
    EXPECT_EQ(loop.turns(), 1U + 4U);
    EXPECT_TRUE(clock.sleeps.empty());
}

}  // namespace
