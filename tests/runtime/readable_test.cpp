// Tests for readable() and the loop's one kernel wait on descriptors and timers, on a manual clock.
#include "concur/runtime/readable.hpp"

#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/event_loop.hpp"
#include "concur/runtime/sleep.hpp"
#include "concur/runtime/yield_now.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "support/manual_clock.hpp"
#include "support/manual_poller.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace concur;
using namespace std::chrono_literals;
using concur::testing::manual_clock;
using concur::testing::manual_poller;
using wait_record = manual_poller::wait_record;

/// Waits until `fd` is readable, reads what is there and logs it as "name:text" ("name:end"
/// at end of file).
task<void> read_and_log(int fd, std::string name, std::vector<std::string>& log) {
    try {
        co_await readable(fd);
    } catch (const cancelled&) {
        log.push_back(name + ":cancelled");
        throw;
    }
    std::array<char, 64> buffer{};
    const long got = sys::read_some(fd, std::as_writable_bytes(std::span{buffer}));
    const std::string text{buffer.data(), static_cast<std::size_t>(got)};
    log.push_back(name + ":" + (got == 0 ? "end" : text));
}

task<void> sleep_then_log(std::chrono::milliseconds delay, std::string name,
                          std::vector<std::string>& log) {
    co_await sleep_for(delay);
    log.push_back(name);
}

struct loop_on_manual_time {
    manual_clock clock;
    manual_poller poller{clock};
    event_loop loop{clock, poller};
};

TEST(readable_test, a_waiting_task_blocks_the_loop_in_one_poll_until_its_pipe_has_data) {
    loop_on_manual_time on;
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    on.loop.spawn(read_and_log(pipe.read_end.get(), "reader", log));

    on.loop.run_one_turn();  // the task starts and waits: the loop had something to run, no poll
    EXPECT_TRUE(on.poller.waits.empty());
    EXPECT_EQ(on.loop.watched_descriptor_count(), 1U);

    on.poller.while_blocked = [&] { sys::write_all(pipe.write_end.get(), "42"); };
    on.loop.run_one_turn();
    // One wait, on the pipe, with no time limit (no timer is set); the data woke the task.
    EXPECT_EQ(on.poller.waits, (std::vector<wait_record>{{{pipe.read_end.get()}, std::nullopt}}));
    EXPECT_EQ(log, (std::vector<std::string>{"reader:42"}));
    EXPECT_EQ(on.loop.kernel_waits(), 1U);
    EXPECT_EQ(on.loop.watched_descriptor_count(), 0U);
    EXPECT_TRUE(on.clock.sleeps.empty());  // the clock's own sleep was never used
}

TEST(readable_test, a_readable_descriptor_wakes_only_the_task_waiting_on_it) {
    loop_on_manual_time on;
    auto first = sys::make_pipe();
    auto second = sys::make_pipe();
    std::vector<std::string> log;
    on.loop.spawn(read_and_log(first.read_end.get(), "first", log));
    on.loop.spawn(read_and_log(second.read_end.get(), "second", log));
    on.loop.run_one_turn();

    on.poller.while_blocked = [&] { sys::write_all(second.write_end.get(), "b"); };
    on.loop.run_one_turn();
    // Both descriptors in one poll, in the order the waits began; only the second woke.
    const std::vector<int> both{first.read_end.get(), second.read_end.get()};
    EXPECT_EQ(on.poller.waits, (std::vector<wait_record>{{both, std::nullopt}}));
    EXPECT_EQ(log, (std::vector<std::string>{"second:b"}));
    EXPECT_EQ(on.loop.watched_descriptor_count(), 1U);

    first.write_end.reset();  // end of file counts as readable: a read returns 0
    on.loop.run_one_turn();
    EXPECT_EQ(on.poller.waits.back(), (wait_record{{first.read_end.get()}, std::nullopt}));
    EXPECT_EQ(log, (std::vector<std::string>{"second:b", "first:end"}));
    EXPECT_EQ(on.loop.live_task_count(), 0U);
}

/// A task sleeping 10 ms, then one waiting on an empty pipe, both started: the next turn waits.
struct a_reader_beside_a_timer : loop_on_manual_time {
    a_reader_beside_a_timer() {
        loop.spawn(sleep_then_log(10ms, "slept", log));
        loop.spawn(read_and_log(pipe.read_end.get(), "reader", log));
        loop.run_one_turn();
    }
    sys::pipe_ends pipe = sys::make_pipe();
    std::vector<std::string> log;
    loop_clock::time_point t0 = clock.now();
};

TEST(readable_test, the_poll_lasts_no_longer_than_the_earliest_timer) {
    a_reader_beside_a_timer on;
    on.loop.run_one_turn();  // nothing arrives: the poll times out when the timer is due
    EXPECT_EQ(on.poller.waits, (std::vector<wait_record>{{{on.pipe.read_end.get()}, 10ms}}));
    EXPECT_EQ(on.clock.now(), on.t0 + 10ms);
    EXPECT_EQ(on.log, (std::vector<std::string>{"slept"}));
    EXPECT_TRUE(on.clock.sleeps.empty());  // one kernel wait for both, not a sleep and a poll
    EXPECT_EQ(on.loop.kernel_waits(), 1U);
    EXPECT_EQ(on.loop.watched_descriptor_count(), 1U);  // the reader still waits
}

TEST(readable_test, data_before_the_timer_shortens_the_wait_and_leaves_the_timer_set) {
    a_reader_beside_a_timer on;
    on.poller.while_blocked = [&] {
        on.clock.advance(3ms);
        sys::write_all(on.pipe.write_end.get(), "x");
    };
    on.loop.run_one_turn();
    EXPECT_EQ(on.clock.now(), on.t0 + 3ms);
    EXPECT_EQ(on.log, (std::vector<std::string>{"reader:x"}));
    EXPECT_EQ(on.loop.timer_count(), 1U);

    on.loop.run_one_turn();  // the next wait is for the 7 ms the timer has left, on no descriptor
    EXPECT_EQ(on.clock.sleeps, (std::vector<loop_clock::time_point>{on.t0 + 10ms}));
    EXPECT_EQ(on.log, (std::vector<std::string>{"reader:x", "slept"}));
}

TEST(readable_test, a_timer_and_a_descriptor_ready_in_one_turn_both_run_in_it_descriptor_first) {
    a_reader_beside_a_timer on;
    on.poller.while_blocked = [&] {
        on.clock.advance(10ms);
        sys::write_all(on.pipe.write_end.get(), "x");
    };
    on.loop.run_one_turn();
    // The sleep began first, but file events come before timers, as in ae.c.
    EXPECT_EQ(on.log, (std::vector<std::string>{"reader:x", "slept"}));
    EXPECT_EQ(on.poller.waits.size(), 1U);
    EXPECT_EQ(on.loop.turns(), 2U);
    EXPECT_EQ(on.loop.live_task_count(), 0U);
}

TEST(readable_test, cancel_while_waiting_withdraws_the_watch_and_throws_cancelled) {
    loop_on_manual_time on;
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    auto handle = on.loop.spawn(read_and_log(pipe.read_end.get(), "reader", log));
    on.loop.run_one_turn();
    ASSERT_EQ(on.loop.watched_descriptor_count(), 1U);

    EXPECT_TRUE(handle.cancel());
    EXPECT_EQ(on.loop.watched_descriptor_count(), 0U);  // the watch was withdrawn
    EXPECT_EQ(on.loop.ready_count(), 1U);               // and the task made ready
    on.loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"reader:cancelled"}));
    EXPECT_TRUE(handle.was_cancelled());
    EXPECT_TRUE(on.poller.waits.empty());  // no poll on its behalf, before or after

    // Data arriving later wakes nothing, and nothing read it.
    sys::write_all(pipe.write_end.get(), "late");
    on.loop.run_one_turn();
    EXPECT_TRUE(on.poller.waits.empty());
    std::array<char, 8> buffer{};
    EXPECT_EQ(sys::read_some(pipe.read_end.get(), std::as_writable_bytes(std::span{buffer})), 4);
}

// A cancel requested while the task runs (here by the task itself, as a callee might) is
// delivered at its next await: readable() then throws at once and watches nothing. (A task
// cancelled before its first step never runs at all: see task_test.)
task<void> cancel_self_then_read(std::optional<task_handle<void>>* self, int fd, std::vector<std::string>& log) {
    (*self)->cancel();
    co_await read_and_log(fd, "reader", log);
}

TEST(readable_test, cancel_before_the_await_never_watches_the_descriptor) {
    loop_on_manual_time on;
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    std::optional<task_handle<void>> handle;
    handle.emplace(on.loop.spawn(cancel_self_then_read(&handle, pipe.read_end.get(), log)));
    on.loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"reader:cancelled"}));
    EXPECT_TRUE(handle->was_cancelled());
    EXPECT_EQ(on.loop.watched_descriptor_count(), 0U);
    EXPECT_TRUE(on.poller.waits.empty());
}

task<void> yield_times(int times) {
    for (int i = 0; i < times; ++i) co_await yield_now();
}

TEST(readable_test, a_task_that_keeps_yielding_does_not_starve_a_readable_descriptor) {
    loop_on_manual_time on;
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    auto yielder = on.loop.spawn(yield_times(3));
    on.loop.spawn(read_and_log(pipe.read_end.get(), "reader", log));
    on.loop.run_one_turn();
    sys::write_all(pipe.write_end.get(), "x");

    on.loop.run_one_turn();
    // Something was ready to run: the poll only looked (timeout zero), and found the data.
    EXPECT_EQ(on.poller.waits, (std::vector<wait_record>{{{pipe.read_end.get()}, 0ms}}));
    EXPECT_EQ(log, (std::vector<std::string>{"reader:x"}));
    EXPECT_FALSE(yielder.done());
    EXPECT_EQ(on.loop.kernel_waits(), 0U);  // a look is not a wait
}

TEST(readable_test, a_task_waiting_on_a_descriptor_is_not_a_deadlock) {
    loop_on_manual_time on;
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    on.poller.while_blocked = [&] { sys::write_all(pipe.write_end.get(), "in"); };
    on.loop.run_until_complete(read_and_log(pipe.read_end.get(), "reader", log));
    EXPECT_EQ(log, (std::vector<std::string>{"reader:in"}));
}

task<void> read_forever(int fd) {
    for (;;) co_await readable(fd);  // nobody writes: it waits until cancelled
}

task<void> main_leaving_a_reader_behind(int fd, std::vector<std::string>& log) {
    event_loop::current().spawn(read_forever(fd));
    co_await sleep_for(5ms);
    log.push_back("main done");
}

TEST(readable_test, run_cancels_a_task_left_waiting_on_a_descriptor) {
    loop_on_manual_time on;
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    on.loop.run_until_complete(main_leaving_a_reader_behind(pipe.read_end.get(), log));
    EXPECT_EQ(log, (std::vector<std::string>{"main done"}));
    EXPECT_EQ(on.loop.live_task_count(), 0U);
    EXPECT_EQ(on.loop.watched_descriptor_count(), 0U);
}

TEST(readable_test, on_the_real_clock_a_pipe_written_later_wakes_the_loop_from_one_poll) {
    steady_loop_clock clock;
    event_loop loop{clock};  // the system's poll(2)
    auto pipe = sys::make_pipe();
    std::vector<std::string> log;
    std::thread writer{[&] {
        std::this_thread::sleep_for(20ms);
        sys::write_all(pipe.write_end.get(), "late");
    }};
    loop.run_until_complete(read_and_log(pipe.read_end.get(), "reader", log));
    writer.join();
    EXPECT_EQ(log, (std::vector<std::string>{"reader:late"}));
    EXPECT_EQ(loop.turns(), 2U);  // start, then one wake-up: no spinning on the descriptor
    EXPECT_EQ(loop.kernel_waits(), 1U);
}

}  // namespace
