// Tests for run_coroutine_checks: a task per number, on one thread, a bounded window at a time.
#include "concur/runtime/coroutine_checks.hpp"

#include "concur/runtime/event_loop.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
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
    const auto report = run_coroutine_checks(source, {8, is_prime, {}}, watcher);
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
    (void)run_coroutine_checks(source, {1, is_prime, {}}, watcher);
    EXPECT_EQ(watcher.results, numbers.size());
    // The supervisor and one window of 256 check tasks, not 100,000 frames at once.
    EXPECT_LE(watcher.most_tasks_alive, 257U);
}

TEST(coroutine_checks_test, leaves_no_loop_behind) {
    list_source source{{2, 3}};
    loop_watcher watcher;
    (void)run_coroutine_checks(source, {1, is_prime, {}}, watcher);
    EXPECT_FALSE(event_loop::running_on_this_thread());
}

}  // namespace
