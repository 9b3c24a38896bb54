// Tests for process_event: the Event API across fork, in shared memory.
#include "concur/runtime/process_event.hpp"

#include "concur/sys/child_process.hpp"
#include "concur/sys/shared_memory.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
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

TEST(process_event_test, wait_without_a_timeout_returns_once_set_in_another_process) {
    concur::sys::shared_array<process_event> shared{1};
    process_event& event = shared[0];
    const pid_t child = concur::sys::fork_child([&] {
        event.wait();
        return event.is_set() ? 0 : 1;
    });
    std::this_thread::sleep_for(20ms);
    event.set();
    EXPECT_TRUE(concur::sys::wait_for_child(child).success());
}

/// The state letter of /proc/<pid>/stat: 'S' while asleep in the kernel.
char state_of(pid_t pid) {
    std::ifstream stat{"/proc/" + std::to_string(pid) + "/stat"};
    std::string text{std::istreambuf_iterator<char>{stat}, {}};
    const auto end_of_name = text.rfind(") ");
    return end_of_name == std::string::npos ? '?' : text[end_of_name + 2];
}

/// Three waiters, each SIGKILLed while asleep in wait() (at a different point of its timed
/// waits), then set() and a wait that must see it. 0 if all went well.
int set_after_killed_waiters() {
    concur::sys::shared_array<process_event> shared{1};
    process_event& event = shared[0];
    for (int round = 0; round < 3; ++round) {
        const pid_t waiter = concur::sys::fork_child([&] {
            while (!event.wait(100ms)) {}  // the spinner's loop: a timed wait, again and again
            return 0;
        });
        const auto asleep_by = steady::now() + 10s;
        while (state_of(waiter) != 'S' && steady::now() < asleep_by) std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(std::chrono::milliseconds{30 * round});
        ::kill(waiter, SIGKILL);
        if (concur::sys::wait_for_child(waiter).exited) return 2;  // it was meant to die waiting
    }
    event.set();
    return event.is_set() && event.wait(0s) ? 0 : 3;
}  // and the event is destroyed: that must not block either

// What `concur spin --model=process` met when its spinner child was SIGKILLed: the child died
// asleep in wait(), and the parent's set() must still return. (The pthread condition variable
// this class used to be kept a count for that waiter; its broadcast, and its destructor,
// waited forever for the dead process to give it back.) The scenario runs in a child of its
// own, so that blocking fails this test after 10 s instead of hanging the whole suite.
TEST(process_event_test, set_returns_after_a_waiter_was_killed_while_it_waited) {
    const pid_t scenario = concur::sys::fork_child([] { return set_after_killed_waiters(); });
    concur::sys::child_exit how;
    bool ended = false;
    for (const auto give_up = steady::now() + 10s; !ended && steady::now() < give_up;) {
        ended = concur::sys::try_reap_child(scenario, how);
        if (!ended) std::this_thread::sleep_for(1ms);
    }
    if (!ended) {
        ::kill(scenario, SIGKILL);
        concur::sys::wait_for_child(scenario);
    }
    ASSERT_TRUE(ended) << "set() or the event's destructor still blocked 10 s after its waiters died";
    EXPECT_TRUE(how.exited);
    EXPECT_EQ(how.code, 0) << "2: a waiter outlived SIGKILL; 3: the event was not seen set";
}

}  // namespace
