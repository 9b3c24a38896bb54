// Tests for process_event: the Event API across fork, in shared memory.
#include "concur/runtime/process_event.hpp"

#include "concur/sys/child_process.hpp"
#include "concur/sys/shared_memory.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace {

using concur::process_event;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

TEST(process_event_test, set_before_wait_returns_true_without_waiting) {
    concur::sys::shared_array<process_event> shared{1};
    shared[0].set();
    EXPECT_TRUE(shared[0].is_set());
    const auto start = steady::now();
    EXPECT_TRUE(shared[0].wait(10s));
    EXPECT_LT(steady::now() - start, 5s);
}

TEST(process_event_test, wait_times_out_with_false) {
    concur::sys::shared_array<process_event> shared{1};
    const auto start = steady::now();
    EXPECT_FALSE(shared[0].wait(30ms));
    EXPECT_GE(steady::now() - start, 30ms);
    EXPECT_FALSE(shared[0].is_set());
}

TEST(process_event_test, set_in_a_child_process_wakes_the_parent) {
    concur::sys::shared_array<process_event> shared{1};
    process_event& event = shared[0];
    const auto start = steady::now();
    const pid_t child = concur::sys::fork_child([&] {
        std::this_thread::sleep_for(20ms);
        event.set();
        return 0;
    });
    EXPECT_TRUE(event.wait(30s));  // woken by the other process, long before the timeout
    EXPECT_LT(steady::now() - start, 20s);
    EXPECT_TRUE(concur::sys::wait_for_child(child).success());
}

TEST(process_event_test, set_in_the_parent_wakes_a_waiting_child) {
    concur::sys::shared_array<process_event> shared{1};
    process_event& event = shared[0];
    // The child exits 0 only if its wait returned true, i.e. it saw the parent's set().
    const pid_t child = concur::sys::fork_child([&] { return event.wait(30s) ? 0 : 1; });
    std::this_thread::sleep_for(20ms);
    event.set();
    EXPECT_TRUE(concur::sys::wait_for_child(child).success());
}

TEST(process_event_test, a_child_that_waits_and_times_out_sees_false) {
    concur::sys::shared_array<process_event> shared{1};
    process_event& event = shared[0];
    const pid_t child = concur::sys::fork_child([&] { return event.wait(20ms) ? 1 : 0; });
    EXPECT_TRUE(concur::sys::wait_for_child(child).success());
}

}  // namespace
