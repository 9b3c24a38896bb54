// Tests for timer_queue: earliest first, ties in insertion order, lazy cancellation.
#include "concur/runtime/timer_queue.hpp"

#include <gtest/gtest.h>

#include <coroutine>

namespace {

using concur::scheduled_coroutine;
using concur::timer_queue;
using namespace std::chrono_literals;

// Distinct fake handles: the queue only stores and returns them.
scheduled_coroutine fake(std::uintptr_t n) {
    return {std::coroutine_handle<>::from_address(reinterpret_cast<void*>(n * 16)), nullptr};
}
std::uintptr_t which(const scheduled_coroutine& s) { return reinterpret_cast<std::uintptr_t>(s.handle.address()) / 16; }

TEST(timer_queue_test, pops_in_deadline_order_and_only_when_due) {
    timer_queue timers;
    const timer_queue::time_point t0{};
    timers.add(t0 + 30ms, fake(3));
    timers.add(t0 + 10ms, fake(1));
    timers.add(t0 + 20ms, fake(2));
    EXPECT_EQ(timers.next_deadline(), t0 + 10ms);
    EXPECT_FALSE(timers.pop_due(t0 + 9ms));
    EXPECT_EQ(which(*timers.pop_due(t0 + 25ms)), 1U);
    EXPECT_EQ(which(*timers.pop_due(t0 + 25ms)), 2U);
    EXPECT_FALSE(timers.pop_due(t0 + 25ms));
    EXPECT_EQ(which(*timers.pop_due(t0 + 30ms)), 3U);
    EXPECT_TRUE(timers.empty());
    EXPECT_FALSE(timers.next_deadline());
}

TEST(timer_queue_test, equal_deadlines_come_out_in_the_order_they_were_added) {
    timer_queue timers;
    const timer_queue::time_point t0{};
    for (std::uintptr_t i = 1; i <= 50; ++i) timers.add(t0 + 5ms, fake(i));
    for (std::uintptr_t i = 1; i <= 50; ++i) EXPECT_EQ(which(*timers.pop_due(t0 + 5ms)), i);
}

TEST(timer_queue_test, a_cancelled_timer_never_fires_and_is_not_counted) {
    timer_queue timers;
    const timer_queue::time_point t0{};
    const auto first = timers.add(t0 + 1ms, fake(1));
    timers.add(t0 + 2ms, fake(2));
    timers.cancel(first);
    EXPECT_EQ(timers.size(), 1U);
    EXPECT_EQ(timers.next_deadline(), t0 + 2ms);  // the cancelled one is skipped
    EXPECT_EQ(which(*timers.pop_due(t0 + 5ms)), 2U);
    EXPECT_TRUE(timers.empty());
}

}  // namespace
