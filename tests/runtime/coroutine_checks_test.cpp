// Tests for run_coroutine_checks: a task per number, on one thread, a bounded window at a time.
#include "concur/runtime/coroutine_checks.hpp"

#include "concur/runtime/event_loop.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur;

/// Looks at the event loop from inside each result: how many tasks are alive, on which thread.
class loop_watcher final : public pool_listener {
public:
    void on_result(const checked_number& result) override {
        ++results;
        most_tasks_alive = std::max(most_tasks_alive, event_loop::current().live_task_count());
        threads.insert(std::this_thread::get_id());
        workers.insert(result.worker);
    }
    void on_worker_lost(const lost_worker&) override {}
    std::size_t results = 0;
    std::size_t most_tasks_alive = 0;
    std::set<std::thread::id> threads;
    std::set<unsigned> workers;
};

TEST(coroutine_checks_test, every_check_runs_in_a_task_on_the_calling_thread) {
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t n = 0; n < 1000; ++n) numbers.push_back(n);
    list_source source{numbers};
    loop_watcher watcher;
    const auto report = run_coroutine_checks(source, {8, trial_simple_check, {}}, watcher);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(watcher.results, numbers.size());
    EXPECT_EQ(watcher.threads, std::set<std::thread::id>{std::this_thread::get_id()});
    EXPECT_EQ(watcher.workers, std::set<unsigned>{1});  // --procs=8 is ignored
    EXPECT_GT(watcher.most_tasks_alive, 1U);            // the check ran in a spawned task
}

TEST(coroutine_checks_test, never_holds_more_than_a_window_of_tasks) {
    std::vector<std::uint64_t> numbers(100000, 97);
    list_source source{numbers};
    loop_watcher watcher;
    (void)run_coroutine_checks(source, {1, trial_simple_check, {}}, watcher);
    EXPECT_EQ(watcher.results, numbers.size());
    // The main task, the supervisor, the signal watcher and one window of 256 check tasks,
    // not 100,000 frames at once.
    EXPECT_LE(watcher.most_tasks_alive, 259U);
}

TEST(coroutine_checks_test, leaves_no_loop_behind) {
    list_source source{{2, 3}};
    loop_watcher watcher;
    (void)run_coroutine_checks(source, {1, trial_simple_check, {}}, watcher);
    EXPECT_FALSE(event_loop::running_on_this_thread());
}

/// Collects results from the loop's thread and lets another thread wait for a count of them.
class streaming_listener final : public pool_listener {
public:
    void on_result(const checked_number& result) override {
        const std::scoped_lock lock{mutex_};
        numbers.push_back(result.number);
        kernel_waits_before.push_back(event_loop::current().kernel_waits());
        threads.insert(std::this_thread::get_id());
        arrived_.notify_all();
    }
    void on_worker_lost(const lost_worker&) override {}
    /// False if fewer than `count` results came within 10 seconds.
    bool wait_for_results(std::size_t count) {
        std::unique_lock lock{mutex_};
        return arrived_.wait_for(lock, std::chrono::seconds{10}, [&] { return numbers.size() >= count; });
    }
    // Read once the run is over:
    std::vector<std::uint64_t> numbers;             // in the order they were answered
    std::vector<std::uint64_t> kernel_waits_before;  // the loop's kernel waits when each came
    std::set<std::thread::id> threads;

private:
    std::mutex mutex_;
    std::condition_variable arrived_;
};

TEST(coroutine_checks_test, input_arriving_in_pieces_is_answered_piece_by_piece_through_the_loop) {
    // Each piece is written only once everything before it is answered, so a model that
    // waited for the end of its input would get no further (the writer gives up after 10 s).
    // "1" + "1 13" is one number cut in two by the pipe.
    struct piece {
        std::string text;
        std::size_t answered_after;
    };
    const std::vector<piece> pieces{{"2 3 ", 2}, {"5\n1", 3}, {"1 13\n", 5}, {"17", 6}};
    auto input = sys::make_pipe();
    stream_source source{input.read_end.get()};
    streaming_listener listener;
    bool every_piece_answered = true;
    std::thread writer{[&, fd = std::move(input.write_end)]() mutable {
        for (const piece& next : pieces) {
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
            sys::write_all(fd.get(), next.text);
            if (&next == &pieces.back()) fd.reset();  // the end of the input ends the last number
            if (!listener.wait_for_results(next.answered_after)) every_piece_answered = false;
        }
    }};
    const auto report = run_coroutine_checks(source, {1, trial_simple_check, {}}, listener);
    writer.join();
    EXPECT_TRUE(every_piece_answered);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.checked, 6U);
    EXPECT_EQ(listener.numbers, (std::vector<std::uint64_t>{2, 3, 5, 11, 13, 17}));
    EXPECT_EQ(listener.threads, std::set<std::thread::id>{std::this_thread::get_id()});
    // One thread, many waits: between two pieces the loop itself blocked (in poll, on the
    // input and the signal pipe at once), not a read outside the loop.
    EXPECT_GE(listener.kernel_waits_before.front(), 1U);
    EXPECT_GT(listener.kernel_waits_before[2], listener.kernel_waits_before[1]);  // before "5"
    EXPECT_GT(listener.kernel_waits_before[3], listener.kernel_waits_before[2]);  // before "11"
    EXPECT_GT(listener.kernel_waits_before[5], listener.kernel_waits_before[4]);  // before "17"
}

TEST(coroutine_checks_test, a_signal_while_the_loop_waits_for_input_ends_the_run_as_interrupted) {
    auto input = sys::make_pipe();
    stream_source source{input.read_end.get()};
    streaming_listener listener;
    std::thread sender{[&] {
        sys::write_all(input.write_end.get(), "2 3 ");
        // Two answers mean the loop runs, with its SIGINT handler in place; it now waits on
        // the open, silent input.
        if (listener.wait_for_results(2)) ::kill(::getpid(), SIGINT);
    }};
    const auto report = run_coroutine_checks(source, {1, trial_simple_check, {}}, listener);
    sender.join();
    EXPECT_EQ(report.ending, pool_ending::interrupted);
    EXPECT_EQ(report.interrupt_signal, SIGINT);
    EXPECT_EQ(report.checked, 2U);
    EXPECT_TRUE(report.unchecked.empty());
    EXPECT_TRUE(report.input_left_unread);
}

}  // namespace
