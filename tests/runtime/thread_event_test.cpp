// Tests for thread_event: the seed's Event API between threads.
#include "concur/runtime/thread_event.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace {

using concur::thread_event;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

TEST(thread_event_test, starts_unset_and_stays_set) {
    thread_event event;
    EXPECT_FALSE(event.is_set());
    event.set();
    EXPECT_TRUE(event.is_set());
    event.set();
    EXPECT_TRUE(event.is_set());
}

TEST(thread_event_test, set_before_wait_returns_true_without_waiting) {
    thread_event event;
    event.set();
    const auto start = steady::now();
    EXPECT_TRUE(event.wait(10s));
    EXPECT_LT(steady::now() - start, 5s);
}

TEST(thread_event_test, wait_times_out_with_false) {
    thread_event event;
    const auto start = steady::now();
    EXPECT_FALSE(event.wait(30ms));
    EXPECT_GE(steady::now() - start, 30ms);
}

TEST(thread_event_test, set_from_another_thread_wakes_the_waiter) {
    thread_event event;
    const auto start = steady::now();
    std::thread setter([&] {
        std::this_thread::sleep_for(20ms);
        event.set();
    });
    EXPECT_TRUE(event.wait(30s));  // returns when set, long before the timeout
    EXPECT_LT(steady::now() - start, 20s);
    setter.join();
}

TEST(thread_event_test, set_wakes_every_waiter) {
    thread_event event;
    std::vector<std::thread> waiters;
    std::atomic<int> woken{0};
    for (int i = 0; i < 4; ++i) {
        waiters.emplace_back([&] {
            if (event.wait(30s)) ++woken;
        });
    }
    event.set();
    for (auto& waiter : waiters) waiter.join();
    EXPECT_EQ(woken.load(), 4);
}

}  // namespace
