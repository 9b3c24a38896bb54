// Tests for event_loop, spawn, sleep, yield_now and cancellation, stepped turn by turn on a manual clock.
#include "concur/runtime/event_loop.hpp"

#include "concur/runtime/async_event.hpp"
#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/run.hpp"
#include "concur/runtime/sleep.hpp"
#include "concur/runtime/yield_now.hpp"
#include "support/manual_clock.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace concur;
using namespace std::chrono_literals;
using concur::testing::manual_clock;

task<void> sleep_then_log(std::chrono::milliseconds delay, std::string name, std::vector<std::string>& log) {
    co_await sleep_for(delay);
    log.push_back(name);
}

TEST(event_loop_test, timers_fire_in_deadline_order_with_one_kernel_wait_each) {
    manual_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    const auto t0 = clock.now();
    loop.spawn(sleep_then_log(30ms, "c", log));
    loop.spawn(sleep_then_log(10ms, "a", log));
    loop.spawn(sleep_then_log(20ms, "b", log));

    loop.run_one_turn();  // starts all three: each suspends on its timer
    EXPECT_EQ(loop.timer_count(), 3U);
    EXPECT_TRUE(log.empty());
    EXPECT_TRUE(clock.sleeps.empty());  // something was ready: the loop did not block

    while (loop.live_task_count() > 0) loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"a", "b", "c"}));
    // No busy waiting: exactly one block in the kernel per distinct deadline, to that deadline.
    EXPECT_EQ(clock.sleeps, (std::vector<loop_clock::time_point>{t0 + 10ms, t0 + 20ms, t0 + 30ms}));
    EXPECT_EQ(loop.kernel_waits(), 3U);
    EXPECT_EQ(loop.turns(), 4U);
}

TEST(event_loop_test, equal_deadlines_wake_in_the_order_the_sleeps_began) {
    manual_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    for (const char* name : {"1", "2", "3", "4"}) loop.spawn(sleep_then_log(50ms, name, log));
    loop.run_one_turn();
    loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"1", "2", "3", "4"}));
    EXPECT_EQ(clock.sleeps.size(), 1U);  // one wait for all four
}

TEST(event_loop_test, an_idle_loop_with_nothing_to_do_returns_without_blocking) {
    manual_clock clock;
    event_loop loop{clock};
    loop.run_one_turn();
    EXPECT_TRUE(clock.sleeps.empty());
    EXPECT_EQ(loop.kernel_waits(), 0U);
}

task<int> log_sleep_log(std::vector<std::string>& log) {
    log.push_back("started");
    try {
        co_await sleep_for(1s);
    } catch (const cancelled&) {
        log.push_back("cancelled");
        throw;
    }
    log.push_back("slept");
    co_return 1;
}

TEST(event_loop_test, a_task_cancelled_before_its_first_step_never_runs) {
    manual_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    auto handle = loop.spawn(log_sleep_log(log));
    EXPECT_TRUE(handle.cancel());  // not started yet
    loop.run_one_turn();
    EXPECT_TRUE(log.empty());      // asyncio's rule: not even the line before the first await
    EXPECT_TRUE(handle.done());
    EXPECT_TRUE(handle.was_cancelled());
    EXPECT_THROW(handle.result(), cancelled);
    EXPECT_EQ(loop.timer_count(), 0U);   // it never slept
    EXPECT_TRUE(clock.sleeps.empty());
}

TEST(event_loop_test, cancel_while_sleeping_wakes_the_task_at_once_with_cancelled) {
    manual_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    auto handle = loop.spawn(log_sleep_log(log));
    loop.run_one_turn();
    ASSERT_EQ(loop.timer_count(), 1U);
    EXPECT_FALSE(handle.done());

    EXPECT_TRUE(handle.cancel());
    EXPECT_EQ(loop.timer_count(), 0U);  // the timer was withdrawn
    EXPECT_EQ(loop.ready_count(), 1U);  // and the task made ready
    loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"started", "cancelled"}));
    EXPECT_TRUE(handle.was_cancelled());
    EXPECT_TRUE(clock.sleeps.empty());  // the second never had to pass
    EXPECT_FALSE(handle.cancel());      // finished: nothing to cancel
}

task<int> survive_one_cancel() {
    try {
        co_await sleep_for(1s);
    } catch (const cancelled&) {
        // One cancel(), one `cancelled`: the task may clean up and go on awaiting.
    }
    co_await sleep_for(2s);
    co_return 7;
}

TEST(event_loop_test, cancelled_is_thrown_once_per_request) {
    manual_clock clock;
    event_loop loop{clock};
    auto handle = loop.spawn(survive_one_cancel());
    loop.run_one_turn();
    handle.cancel();
    while (!handle.done()) loop.run_one_turn();
    EXPECT_EQ(handle.result(), 7);
    EXPECT_EQ(clock.sleeps.size(), 1U);
}

task<int> throw_after_a_sleep() {
    co_await sleep_for(1ms);
    throw std::runtime_error("slow() failed");
}

TEST(event_loop_test, an_exception_propagates_out_of_run_until_complete) {
    manual_clock clock;
    event_loop loop{clock};
    try {
        (void)loop.run_until_complete(throw_after_a_sleep());
        FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "slow() failed");
    }
}

TEST(event_loop_test, run_returns_the_value_of_main_on_the_real_clock) {
    auto main = []() -> task<int> {
        co_await sleep_for(1ms);
        co_return 42;
    };
    EXPECT_EQ(run(main()), 42);
    EXPECT_FALSE(event_loop::running_on_this_thread());
}

task<int> nested_run() {
    auto inner = []() -> task<int> { co_return 1; };
    co_return run(inner());
}

TEST(event_loop_test, run_refuses_to_start_inside_a_running_loop) {
    // What the seed met in Jupyter: asyncio.run() inside the notebook's running loop.
    try {
        (void)run(nested_run());
        FAIL() << "no exception";
    } catch (const std::logic_error& error) {
        EXPECT_STREQ(error.what(), "run() cannot be called from a running event loop");
    }
}

task<void> wait_forever(async_event& never) { co_await never.wait(); }

TEST(event_loop_test, a_deadlock_is_reported_not_waited_for) {
    manual_clock clock;
    event_loop loop{clock};
    async_event never;
    EXPECT_THROW(loop.run_until_complete(wait_forever(never)), std::logic_error);
}

task<void> work_for_10ms(std::vector<std::string>& log) {
    co_await sleep_for(10ms);
    log.push_back("main done");
}

task<void> spinner_like(std::vector<std::string>& log) {
    try {
        for (;;) co_await sleep_for(1ms);
    } catch (const cancelled&) {
        log.push_back("spinner cleaned up");
    }
}

task<void> main_leaving_a_task_behind(std::vector<std::string>& log) {
    spawn(spinner_like(log));
    co_await work_for_10ms(log);
}

TEST(event_loop_test, run_cancels_what_main_left_running_and_lets_it_clean_up) {
    manual_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    loop.run_until_complete(main_leaving_a_task_behind(log));
    EXPECT_EQ(log, (std::vector<std::string>{"main done", "spinner cleaned up"}));
    EXPECT_EQ(loop.live_task_count(), 0U);
}

task<void> count_after_sleep(int& counter) {
    co_await sleep_for(5ms);
    ++counter;
}

task<int> spawn_many(int count, int& counter) {
    std::vector<task_handle<void>> handles;
    handles.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) handles.push_back(spawn(count_after_sleep(counter)));
    for (auto& handle : handles) co_await handle;
    co_return counter;
}

TEST(event_loop_test, a_hundred_thousand_tasks_run_without_overflowing_the_stack) {
    manual_clock clock;
    event_loop loop{clock};
    int counter = 0;
    EXPECT_EQ(loop.run_until_complete(spawn_many(100'000, counter)), 100'000);
    EXPECT_EQ(clock.sleeps.size(), 1U);  // all slept until the same deadline: one wait
    EXPECT_EQ(loop.live_task_count(), 0U);
}

task<void> yield_and_log(std::string name, int times, std::vector<std::string>& log) {
    for (int i = 0; i < times; ++i) {
        log.push_back(name + std::to_string(i));
        co_await yield_now();
    }
}

TEST(event_loop_test, yield_now_takes_turns_in_fifo_order) {
    manual_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    loop.spawn(yield_and_log("a", 3, log));
    loop.spawn(yield_and_log("b", 3, log));
    while (loop.live_task_count() > 0) loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"}));
    EXPECT_TRUE(clock.sleeps.empty());  // something was always ready
}

task<void> yield_until(const bool& stop, int& yields) {
    while (!stop) {
        ++yields;
        co_await yield_now();
    }
}

task<void> set_after(std::chrono::milliseconds delay, bool& stop) {
    co_await sleep_for(delay);
    stop = true;
}

TEST(event_loop_test, a_task_that_keeps_yielding_does_not_starve_a_due_timer) {
    manual_clock clock;
    event_loop loop{clock};
    bool stop = false;
    int yields = 0;
    auto spinner = loop.spawn(yield_until(stop, yields));
    loop.spawn(set_after(10ms, stop));
    for (int i = 0; i < 5; ++i) loop.run_one_turn();
    EXPECT_FALSE(stop);     // the timer is not due: the clock has not moved
    clock.advance(10ms);    // as if the yielding work had taken 10 ms
    loop.run_one_turn();    // the due timer is moved to the ready queue and runs
    EXPECT_TRUE(stop);
    loop.run_one_turn();
    EXPECT_TRUE(spinner.done());
    EXPECT_TRUE(clock.sleeps.empty());
}

task<std::vector<loop_clock::time_point>> tick_ten_times() {
    std::vector<loop_clock::time_point> woke;
    auto next = event_loop::current().clock().now();
    for (int i = 0; i < 10; ++i) {
        next += 100ms;
        co_await sleep_until(next);
        woke.push_back(event_loop::current().clock().now());
    }
    co_return woke;
}

TEST(event_loop_test, absolute_deadlines_do_not_drift_when_wake_ups_are_late) {
    manual_clock clock;
    clock.lateness = 7ms;  // every wake-up 7 ms late
    event_loop loop{clock};
    const auto t0 = clock.now();
    const auto woke = loop.run_until_complete(tick_ten_times());
    ASSERT_EQ(woke.size(), 10U);
    for (std::size_t i = 0; i < woke.size(); ++i) {
        EXPECT_EQ(clock.sleeps[i], t0 + (i + 1) * 100ms);  // the schedule never slips
        EXPECT_EQ(woke[i], t0 + (i + 1) * 100ms + 7ms);    // the lateness does not accumulate
    }
}

task<int> answer_after(std::chrono::milliseconds delay) {
    co_await sleep_for(delay);
    co_return 42;
}

task<int> join_it() {
    auto worker = spawn(answer_after(20ms));
    co_return co_await worker;
}

TEST(event_loop_test, awaiting_a_handle_returns_the_tasks_value) {
    manual_clock clock;
    event_loop loop{clock};
    EXPECT_EQ(loop.run_until_complete(join_it()), 42);
}

TEST(event_loop_test, cancelling_a_joiner_does_not_cancel_the_task_it_awaits) {
    manual_clock clock;
    event_loop loop{clock};
    auto worker = loop.spawn(answer_after(20ms));
    auto joiner_body = [](task_handle<int> target) -> task<int> { co_return co_await target; };
    auto joiner = loop.spawn(joiner_body(worker));
    loop.run_one_turn();
    joiner.cancel();
    loop.run_one_turn();
    EXPECT_TRUE(joiner.was_cancelled());
    EXPECT_FALSE(worker.done());
    while (!worker.done()) loop.run_one_turn();
    EXPECT_EQ(worker.result(), 42);
}

struct destruction_flag {
    bool& destroyed;
    ~destruction_flag() { destroyed = true; }
};

task<void> hold_flag_and_wait(bool& destroyed, async_event& never) {
    destruction_flag flag{destroyed};
    co_await never.wait();
}

TEST(event_loop_test, destroying_the_loop_destroys_unfinished_tasks) {
    bool destroyed = false;
    async_event never;
    manual_clock clock;
    std::optional<task_handle<void>> handle;
    {
        event_loop loop{clock};
        handle = loop.spawn(hold_flag_and_wait(destroyed, never));
        loop.run_one_turn();
        EXPECT_FALSE(destroyed);
    }
    EXPECT_TRUE(destroyed);
    EXPECT_TRUE(handle->done());
    EXPECT_TRUE(handle->was_cancelled());
}

TEST(event_loop_test, an_idle_wait_on_the_real_clock_blocks_once) {
    steady_loop_clock clock;
    event_loop loop{clock};
    std::vector<std::string> log;
    loop.run_until_complete(sleep_then_log(30ms, "slept", log));
    EXPECT_EQ(log, (std::vector<std::string>{"slept"}));
    EXPECT_EQ(loop.turns(), 2U);  // start, then one wake-up: no spinning on the clock
    EXPECT_EQ(loop.kernel_waits(), 1U);
}

}  // namespace
