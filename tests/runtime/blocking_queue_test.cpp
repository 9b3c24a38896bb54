// Tests for blocking_queue: order, capacity, close, and a blocked pop woken by a push.
#include "concur/runtime/blocking_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace {

TEST(blocking_queue_test, first_in_first_out_within_capacity) {
    concur::blocking_queue<int> queue{2};
    EXPECT_TRUE(queue.try_push(1));
    EXPECT_TRUE(queue.try_push(2));
    EXPECT_FALSE(queue.try_push(3));  // full: the caller decides what to do, it never blocks
    EXPECT_EQ(queue.try_pop(), 1);
    EXPECT_EQ(queue.pop(), 2);
    EXPECT_EQ(queue.try_pop(), std::nullopt);
}

TEST(blocking_queue_test, close_drops_what_is_queued_and_refuses_more) {
    concur::blocking_queue<int> queue;
    EXPECT_TRUE(queue.try_push(1));
    queue.close();
    EXPECT_EQ(queue.pop(), std::nullopt);
    EXPECT_FALSE(queue.try_push(2));
}

TEST(blocking_queue_test, a_blocked_pop_is_woken_by_push_and_by_close) {
    concur::blocking_queue<int> queue;
    std::atomic<bool> took_first{false};
    std::optional<int> first;
    std::optional<int> second{-1};
    std::thread consumer{[&] {
        first = queue.pop();  // blocks until the push below
        took_first = true;
        second = queue.pop();  // blocks until the close; join() would hang if close did not wake it
    }};
    EXPECT_TRUE(queue.try_push(7));
    while (!took_first) std::this_thread::yield();
    queue.close();
    consumer.join();
    EXPECT_EQ(first, 7);
    EXPECT_EQ(second, std::nullopt);
}

}  // namespace
