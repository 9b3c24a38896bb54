// Tests for sleep_until: the deadline is kept, and a stop longer than the sleep ends it when continued.
#include "concur/sys/sleep.hpp"

#include "concur/sys/child_process.hpp"
#include "concur/sys/pipe.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur::sys;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

TEST(sleep_test, returns_once_the_deadline_has_passed_and_at_once_for_a_past_one) {
    const auto deadline = steady::now() + 20ms;
    sleep_until(deadline);
    EXPECT_GE(steady::now(), deadline);
    sleep_until(steady::now() - 1s);  // nothing to wait for
}

TEST(sleep_test, a_stop_longer_than_the_sleep_ends_it_when_continued) {
    // A child sleeps 0.5 s and is stopped for 1 s from its start. Keeping the deadline, it
    // wakes when continued (about 1 s in); resuming for the time that was left, as
    // std::this_thread::sleep_for does, it would wake about 1.5 s in.
    pipe_ends report = make_pipe();
    const int report_end = report.write_end.get();
    pipe_ends ready = make_pipe();
    const int ready_end = ready.write_end.get();
    const pid_t child = fork_child([&] {
        const auto start = steady::now();
        const char go = 'g';
        if (::write(ready_end, &go, 1) != 1) return 1;
        sleep_until(start + 500ms);
        const std::int64_t slept = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - start).count();
        return ::write(report_end, &slept, sizeof slept) == sizeof slept ? 0 : 1;
    });
    report.write_end.reset();
    ready.write_end.reset();
    char go = '?';
    ASSERT_EQ(::read(ready.read_end.get(), &go, 1), 1);
    stop_and_wait(child);
    std::this_thread::sleep_for(1s);
    continue_child(child);
    std::int64_t slept = 0;
    ASSERT_EQ(::read(report.read_end.get(), &slept, sizeof slept), static_cast<ssize_t>(sizeof slept));
    EXPECT_TRUE(wait_for_child(child).success());
    EXPECT_GE(slept, 1000);
    EXPECT_LT(slept, 1300) << "the sleep went on after the stop";
}

}  // namespace
