// Tests for idle_backoff: quick looks first, then sleeps that double up to a ceiling.
#include "concur/runtime/idle_backoff.hpp"

#include <gtest/gtest.h>

namespace {

using concur::idle_backoff;
using std::chrono::microseconds;

TEST(idle_backoff_test, looks_again_at_once_a_few_times_before_sleeping) {
    idle_backoff backoff;
    for (unsigned look = 0; look < idle_backoff::quick_looks; ++look) EXPECT_EQ(backoff.next(), microseconds{0});
    EXPECT_EQ(backoff.next(), idle_backoff::first_sleep);
}

TEST(idle_backoff_test, sleeps_double_and_stop_growing_at_the_longest) {
    idle_backoff backoff;
    for (unsigned look = 0; look < idle_backoff::quick_looks; ++look) (void)backoff.next();
    microseconds previous = backoff.next();
    for (int step = 0; step < 20; ++step) {
        const microseconds sleep = backoff.next();
        EXPECT_EQ(sleep, std::min(previous * 2, idle_backoff::longest_sleep));
        previous = sleep;
    }
    EXPECT_EQ(previous, idle_backoff::longest_sleep);
}

TEST(idle_backoff_test, an_idle_waiter_wakes_at_most_250_times_a_second_and_answers_within_5_ms) {
    // What keeps rank 0 from burning a CPU while the workers check, and what it costs in latency.
    EXPECT_GE(idle_backoff::longest_sleep, microseconds{4000});
    EXPECT_LT(idle_backoff::longest_sleep, microseconds{5000});
}

TEST(idle_backoff_test, a_waiter_expecting_an_answer_soon_sleeps_at_most_the_short_ceiling) {
    idle_backoff backoff{idle_backoff::short_sleep};
    microseconds longest{0};
    for (int look = 0; look < 100; ++look) longest = std::max(longest, backoff.next());
    EXPECT_EQ(longest, idle_backoff::short_sleep);
}

}  // namespace
