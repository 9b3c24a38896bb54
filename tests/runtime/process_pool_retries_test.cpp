// Tests for run_process_pool's retries: a number lost with a dead worker is checked again.
#include "concur/runtime/process_pool.hpp"

#include "concur/sys/descriptors.hpp"
#include "support/collecting_listener.hpp"
#include "support/has_children.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace concur;

using concur::testing::collecting_listener;
using concur::testing::count_answers;
using concur::testing::has_children;

std::vector<std::uint64_t> one_to(std::uint64_t last) {
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t n = 1; n <= last; ++n) numbers.push_back(n);
    return numbers;
}

check_verdict always_die_on_666(std::uint64_t n, check_control& control) noexcept {
    if (n == 666) ::raise(SIGKILL);
    return trial_simple_check(n, control);
}

// "Already died once" lives in a file: each worker is a fresh process, so only the file
// system (or shared memory) remembers what an earlier worker did. The first worker to check
// 666 creates the marker and dies; the ones after it find the marker and answer.
std::array<char, 64> died_once_marker{};

check_verdict die_on_666_the_first_time(std::uint64_t n, check_control& control) noexcept {
    if (n == 666) {
        const int fd = ::open(died_once_marker.data(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd >= 0) ::raise(SIGKILL);
    }
    return trial_simple_check(n, control);
}

class process_pool_retries_test : public ::testing::Test {
protected:
    void SetUp() override {
        std::snprintf(died_once_marker.data(), died_once_marker.size(), "/tmp/concur-died-once-%d", ::getpid());
        ::unlink(died_once_marker.data());
    }
    void TearDown() override { ::unlink(died_once_marker.data()); }
};

TEST_F(process_pool_retries_test, a_number_that_always_kills_is_lost_after_retries_plus_one_tries) {
    const auto numbers = one_to(3000);
    for (const unsigned retries : {1U, 2U, 3U}) {
        list_source source{numbers};
        collecting_listener listener;
        const auto report = run_process_pool(source, {3, always_die_on_666, {}, retries}, listener);

        EXPECT_EQ(report.ending, pool_ending::worker_lost) << retries;
        ASSERT_EQ(report.lost_workers.size(), retries + 1) << retries;
        for (const lost_worker& lost : report.lost_workers) {
            EXPECT_EQ(lost.checking, std::optional<std::uint64_t>{666});
        }
        EXPECT_EQ(report.unchecked, std::vector<std::uint64_t>{666});
        // Every other number is answered exactly once, 666 never.
        const auto answers = count_answers(listener.results);
        EXPECT_EQ(answers.size(), numbers.size() - 1);
        EXPECT_EQ(answers.count(666), 0U);
        for (const auto& [n, times] : answers) ASSERT_EQ(times, 1) << n;
        EXPECT_FALSE(has_children());
    }
}

TEST_F(process_pool_retries_test, a_number_that_kills_once_is_answered_with_one_retry) {
    const auto numbers = one_to(3000);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_process_pool(source, {3, die_on_666_the_first_time, {}, 1}, listener);

    EXPECT_EQ(report.ending, pool_ending::complete);
    ASSERT_EQ(report.lost_workers.size(), 1U);  // still reported
    EXPECT_EQ(report.lost_workers.front().checking, std::optional<std::uint64_t>{666});
    EXPECT_TRUE(report.unchecked.empty());
    EXPECT_EQ(report.checked, numbers.size());
    const auto answers = count_answers(listener.results);
    EXPECT_EQ(answers.size(), numbers.size());
    for (const auto& [n, times] : answers) ASSERT_EQ(times, 1) << n;
    EXPECT_FALSE(has_children());
}

TEST_F(process_pool_retries_test, without_retries_the_same_number_is_lost) {
    list_source source{one_to(3000)};
    collecting_listener listener;
    const auto report = run_process_pool(source, {3, die_on_666_the_first_time, {}, 0}, listener);
    // The dead worker's whole batch is lost with it, as before retries existed.
    EXPECT_EQ(report.ending, pool_ending::worker_lost);
    EXPECT_TRUE(std::binary_search(report.unchecked.begin(), report.unchecked.end(), 666U));
    EXPECT_EQ(count_answers(listener.results).count(666), 0U);
    EXPECT_FALSE(has_children());
}

TEST_F(process_pool_retries_test, the_last_number_of_the_run_is_retried_after_the_others_are_done) {
    // One worker, and the killer last: every other batch is answered before it dies, so a
    // pool that had already sent its poison pills would leave the retry unread behind them.
    auto numbers = one_to(50);
    numbers.push_back(666);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_process_pool(source, {1, die_on_666_the_first_time, {}, 1}, listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.lost_workers.size(), 1U);
    EXPECT_EQ(count_answers(listener.results).size(), numbers.size());
    EXPECT_FALSE(has_children());
}

TEST_F(process_pool_retries_test, retries_leave_no_descriptor_or_child_behind) {
    const auto before = sys::open_descriptors();
    {
        list_source source{one_to(500)};
        collecting_listener listener;
        (void)run_process_pool(source, {2, always_die_on_666, {}, 3}, listener);
    }
    EXPECT_EQ(sys::open_descriptors(), before);
    EXPECT_FALSE(has_children());
}

}  // namespace

// --- workers that die idle ------------------------------------------------------------------
// A worker killed while it holds no number (waiting for input, or between batches) is
// replaced too, at most `retries` times in a row per place. These runs read a pipe, as the CLI
// reads standard input, so the pool can be made to wait; the listener below plays the killer
// and the typist, each step triggered by what the pool reports: no sleeps, no timing.
// (Their includes are here rather than at the top so that this block merges as one append.)

#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"

#include <functional>
#include <string_view>
#include <utility>

namespace {

using namespace concur;

/// Records what a run reports, and runs the test's script on three events: a worker started
/// (it is then idle: nothing is in the job pipe until the script writes input), a result, and
/// a worker lost (it is then reaped). Input is typed only once every killed worker is reaped:
/// a worker SIGKILLed while blocked reading the job pipe can still take a record written
/// before it got a CPU to die on (the kernel looks for data before the pending signal).
class scripted_listener final : public pool_listener {
public:
    void on_worker_started(unsigned worker, long pid) override {
        started.emplace_back(worker, static_cast<pid_t>(pid));
        if (on_start) on_start(static_cast<pid_t>(pid));
    }
    void on_result(const checked_number& result) override {
        results.push_back(result);
        if (on_answer) on_answer(result.number);
    }
    void on_worker_lost(const lost_worker& lost) override {
        lost_workers.push_back(lost);
        if (on_lost) on_lost();
    }

    [[nodiscard]] std::size_t started_at(unsigned worker) const {
        return static_cast<std::size_t>(std::count_if(started.begin(), started.end(),
                                                      [&](const auto& start) { return start.first == worker; }));
    }
    [[nodiscard]] pid_t latest_pid() const { return started.back().second; }

    std::function<void(pid_t)> on_start;                  // runs after each worker is forked
    std::function<void(std::uint64_t)> on_answer;         // runs on each answer
    std::function<void()> on_lost;                        // runs after each lost worker is reaped
    std::vector<std::pair<unsigned, pid_t>> started;      // (worker from 1, pid), in order
    std::vector<checked_number> results;
    std::vector<lost_worker> lost_workers;
};

/// Standard input as the test controls it: the pool reads `source`; `type` and `close` write it.
struct typed_input {
    sys::pipe_ends pipe = sys::make_pipe();
    stream_source source{pipe.read_end.get()};
    void type(std::string_view text) const { sys::write_all(pipe.write_end.get(), text); }
    void close() { pipe.write_end.reset(); }
};

void kill_worker(pid_t pid) { ASSERT_EQ(::kill(pid, SIGKILL), 0); }

TEST(process_pool_idle_retries_test, workers_killed_while_waiting_for_input_are_replaced) {
    // Both workers die before any input exists; the numbers are typed only once both places
    // are filled again. Without replacements the pool would end empty, input unread.
    typed_input input;
    scripted_listener listener;
    listener.on_start = [&](pid_t pid) {
        if (listener.started.size() <= 2) kill_worker(pid);
        if (listener.started.size() == 4) {
            input.type("7 11 12 13\n");
            input.close();
        }
    };
    const auto report = run_process_pool(input.source, {2, trial_simple_check, {}, 1}, listener);

    EXPECT_EQ(report.ending, pool_ending::complete);
    ASSERT_EQ(report.lost_workers.size(), 2U);  // still reported, but they cost nothing
    for (const lost_worker& lost : report.lost_workers) EXPECT_EQ(lost.checking, std::nullopt);
    EXPECT_EQ(listener.started_at(1), 2U);
    EXPECT_EQ(listener.started_at(2), 2U);
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{7, 1}, {11, 1}, {12, 1}, {13, 1}}));
    EXPECT_FALSE(report.input_left_unread);
    EXPECT_FALSE(has_children());
}

TEST(process_pool_idle_retries_test, workers_dying_as_fast_as_they_are_forked_are_replaced_retries_times_in_a_row) {
    // A kill loop: every worker dies the moment it is forked, and no input ever comes. The
    // pool must stop refilling (no fork storm) and end (no hang on the silent input).
    for (const unsigned retries : {1U, 3U}) {
        typed_input input;
        scripted_listener listener;
        listener.on_start = kill_worker;
        const auto report = run_process_pool(input.source, {2, trial_simple_check, {}, retries}, listener);

        EXPECT_EQ(report.ending, pool_ending::worker_lost) << retries;
        EXPECT_EQ(listener.started_at(1), retries + 1) << retries;
        EXPECT_EQ(listener.started_at(2), retries + 1) << retries;
        EXPECT_EQ(report.lost_workers.size(), 2 * (retries + 1)) << retries;
        EXPECT_TRUE(report.input_left_unread) << retries;
        EXPECT_EQ(report.checked, 0U);
        EXPECT_FALSE(has_children());
    }
}

TEST(process_pool_idle_retries_test, an_answer_lets_a_place_be_refilled_again) {
    // One worker, one replacement in a row: killed at start (refilled), answers 7, killed idle
    // (refilled again, because it answered in between), then answers the rest.
    typed_input input;
    scripted_listener listener;
    listener.on_start = [&](pid_t pid) {
        if (listener.started.size() == 1) kill_worker(pid);
        if (listener.started.size() == 2) input.type("7\n");
        if (listener.started.size() == 3) {
            input.type("11 13\n");
            input.close();
        }
    };
    listener.on_answer = [&](std::uint64_t n) {
        if (n == 7) kill_worker(listener.latest_pid());  // its only batch is answered: idle
    };
    const auto report = run_process_pool(input.source, {1, trial_simple_check, {}, 1}, listener);

    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.lost_workers.size(), 2U);
    EXPECT_EQ(listener.started.size(), 3U);
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{7, 1}, {11, 1}, {13, 1}}));
    EXPECT_FALSE(has_children());
}

TEST(process_pool_idle_retries_test, a_number_given_up_does_not_leave_the_pool_empty) {
    // The only worker dies twice on 666 and 666 is given up; its place is still refilled
    // (the number paid for the death), so the numbers typed afterwards are answered.
    typed_input input;
    input.type("666\n");
    scripted_listener listener;
    listener.on_start = [&](pid_t) {
        if (listener.started.size() == 3) {
            input.type("7 11\n");
            input.close();
        }
    };
    const auto report = run_process_pool(input.source, {1, always_die_on_666, {}, 1}, listener);

    EXPECT_EQ(report.ending, pool_ending::worker_lost);  // 666 was never answered
    EXPECT_EQ(report.unchecked, std::vector<std::uint64_t>{666});
    ASSERT_EQ(report.lost_workers.size(), 2U);
    for (const lost_worker& lost : report.lost_workers) EXPECT_EQ(lost.checking, std::optional<std::uint64_t>{666});
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{7, 1}, {11, 1}}));
    EXPECT_FALSE(report.input_left_unread);
    EXPECT_FALSE(has_children());
}

TEST(process_pool_idle_retries_test, without_retries_a_worker_killed_while_idle_is_lost_and_not_replaced) {
    // --retries=0 is the pool as it was: the loss is reported and counts, the pool shrinks.
    typed_input input;
    scripted_listener listener;
    listener.on_start = [&](pid_t pid) {
        if (listener.started.size() == 1) kill_worker(pid);
    };
    listener.on_lost = [&] {
        input.type("7 11 13\n");
        input.close();
    };
    const auto report = run_process_pool(input.source, {2, trial_simple_check, {}, 0}, listener);

    EXPECT_EQ(report.ending, pool_ending::worker_lost);
    ASSERT_EQ(report.lost_workers.size(), 1U);
    EXPECT_EQ(report.lost_workers.front().checking, std::nullopt);
    EXPECT_EQ(listener.started.size(), 2U);
    EXPECT_TRUE(report.unchecked.empty());
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{7, 1}, {11, 1}, {13, 1}}));
    EXPECT_FALSE(has_children());
}

}  // namespace
