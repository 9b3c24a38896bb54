// Tests for run_checks: every execution model gives the same answers, reports the same way.
#include "concur/runtime/run_checks.hpp"

#include "concur/sys/descriptors.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "support/collecting_listener.hpp"

#include "support/models_without_launcher.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur;

using concur::testing::collecting_listener;

std::vector<std::uint64_t> mixed_numbers(std::size_t count) {
    std::mt19937_64 random{20261126};
    std::vector<std::uint64_t> numbers{0, 1, 2, 3, 4};
    while (numbers.size() < count) numbers.push_back(random() % 10'000'000);
    return numbers;
}

std::map<std::uint64_t, std::pair<int, bool>> answers_of(const std::vector<checked_number>& results) {
    std::map<std::uint64_t, std::pair<int, bool>> answers;
    for (const auto& r : results) {
        ++answers[r.number].first;
        answers[r.number].second = r.prime;
    }
    return answers;
}

class every_model : public ::testing::TestWithParam<execution_model> {};

TEST_P(every_model, agrees_with_sequential_on_10000_numbers) {
    const auto numbers = mixed_numbers(10000);
    list_source sequential_source{numbers};
    collecting_listener sequential;
    ASSERT_EQ(run_checks(execution_model::sequential, sequential_source, {1, trial_simple_check, {}}, sequential).ending,
              pool_ending::complete);

    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_checks(GetParam(), source, {3, trial_simple_check, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.checked, numbers.size());
    EXPECT_EQ(answers_of(listener.results), answers_of(sequential.results));
    const unsigned workers = model_uses_workers(GetParam()) ? 3 : 1;
    for (const auto& r : listener.results) {
        ASSERT_GE(r.worker, 1U);
        ASSERT_LE(r.worker, workers);
    }
}

TEST_P(every_model, says_which_worker_is_which_before_its_results) {
    list_source source{{2, 3, 5, 7, 11}};
    collecting_listener listener;
    const auto before = std::chrono::steady_clock::now();
    (void)run_checks(GetParam(), source, {2, trial_simple_check, {}}, listener);
    const auto after = std::chrono::steady_clock::now();
    const std::size_t workers = model_uses_workers(GetParam()) ? 2 : 1;
    ASSERT_EQ(listener.started.size(), workers);
    std::set<long> ids;
    for (const auto& [worker, id] : listener.started) ids.insert(id);
    EXPECT_EQ(ids.size(), workers);  // distinct pids or tids
    EXPECT_EQ(ids.count(0), 0U);
    for (const auto& r : listener.results) {  // start times come from the same clock
        EXPECT_GE(r.started, before);
        EXPECT_LE(r.started + r.elapsed, after);
    }
}

TEST_P(every_model, zero_is_a_number_and_an_empty_list_ends_at_once) {
    list_source source{{0, 1, 2}};
    collecting_listener listener;
    EXPECT_EQ(run_checks(GetParam(), source, {2, trial_simple_check, {}}, listener).checked, 3U);
    list_source empty{{}};
    collecting_listener nothing;
    const auto report = run_checks(GetParam(), empty, {4, trial_simple_check, {}}, nothing);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_TRUE(nothing.results.empty());
}

TEST_P(every_model, streams_a_large_input_from_a_pipe_without_deadlock) {
    auto input = sys::make_pipe();
    std::thread feeder{[fd = std::move(input.write_end)] {
        std::string text;
        for (int n = 1; n <= 200000; ++n) text += std::to_string(n) + '\n';
        sys::write_all(fd.get(), text);
    }};
    stream_source source{input.read_end.get()};
    collecting_listener listener;
    const auto report = run_checks(GetParam(), source, {2, trial_simple_check, {}}, listener);
    feeder.join();
    EXPECT_EQ(report.ending, pool_ending::complete);
    const auto primes = std::count_if(listener.results.begin(), listener.results.end(),
                                      [](const checked_number& r) { return r.prime; });
    EXPECT_EQ(primes, 17984);  // pi(200000)
}

TEST_P(every_model, bad_input_stops_the_run_and_lists_what_it_read_unanswered) {
    // 1..20000, then a token that is not a number, then more that must never be read.
    auto input = sys::make_pipe();
    std::thread feeder{[fd = std::move(input.write_end)] {
        std::string text;
        for (int n = 1; n <= 20000; ++n) text += std::to_string(n) + '\n';
        text += "x\n7\n";
        sys::write_all(fd.get(), text);
    }};
    stream_source source{input.read_end.get()};
    collecting_listener listener;
    try {
        (void)run_checks(GetParam(), source, {2, trial_simple_check, {}}, listener);
        ADD_FAILURE() << "bad input was not reported";
    } catch (const bad_input& error) {
        EXPECT_EQ(std::string{error.what()},
                  "standard input line 20001: 'x' is not a number concur can check; allowed: decimal digits only, from 0 to 18446744073709551615");
        EXPECT_TRUE(error.input_left_unread);
        // Each number before the bad token was answered or is listed, never both.
        std::vector<std::uint64_t> seen = error.unchecked;
        for (const checked_number& result : listener.results) seen.push_back(result.number);
        std::sort(seen.begin(), seen.end());
        std::vector<std::uint64_t> expected(20000);
        std::iota(expected.begin(), expected.end(), 1);
        EXPECT_EQ(seen, expected);
    }
    feeder.join();
}

TEST_P(every_model, leaves_no_descriptor_behind) {
    const auto before = sys::open_descriptors();
    list_source source{mixed_numbers(500)};
    collecting_listener listener;
    (void)run_checks(GetParam(), source, {4, trial_simple_check, {}}, listener);
    EXPECT_EQ(sys::open_descriptors(), before);
}

INSTANTIATE_TEST_SUITE_P(models, every_model, ::testing::ValuesIn(concur::testing::models_without_launcher()),
                         [](const auto& test_info) { return std::string{model_name(test_info.param)}; });

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool running_sanitized = true;
#else
constexpr bool running_sanitized = false;
#endif

class pool_model : public ::testing::TestWithParam<execution_model> {};

TEST_P(pool_model, workers_that_say_done_and_exit_at_once_are_never_lost) {
    // Each worker sends done and ends at once, so a process's SIGCHLD often arrives before the
    // parent has read the record. Many short runs with many workers make that race likely. A
    // pool that did not count done records would report workers lost, or never end.
    // A sanitized process forks slowly (its shadow memory's page tables are copied too): 1,920
    // forks took two minutes there on a busy 2-CPU machine, so those builds run a third.
    for (int run = 0; run < (running_sanitized ? 10 : 30); ++run) {
        list_source source{{2, 3}};
        collecting_listener listener;
        const auto report = run_checks(GetParam(), source, {64, trial_simple_check, {}}, listener);
        ASSERT_EQ(report.ending, pool_ending::complete) << "run " << run;
        ASSERT_TRUE(report.lost_workers.empty()) << "run " << run;
        ASSERT_TRUE(listener.lost_workers.empty()) << "run " << run;
        ASSERT_EQ(listener.started.size(), 64U);
    }
}

INSTANTIATE_TEST_SUITE_P(models, pool_model, ::testing::Values(execution_model::thread, execution_model::process),
                         [](const auto& test_info) { return std::string{model_name(test_info.param)}; });

/// SIGTERM sent to the whole process, as `kill` does, from inside a check.
check_verdict terminate_on_666(std::uint64_t n, check_control& control) noexcept {
    if (n == 666) ::kill(::getpid(), SIGTERM);
    return trial_simple_check(n, control);
}

class in_process_model : public ::testing::TestWithParam<execution_model> {};

TEST_P(in_process_model, sigterm_stops_the_run_and_is_reported) {
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t n = 1; n <= 200000; ++n) numbers.push_back(n);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_checks(GetParam(), source, {2, terminate_on_666, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::interrupted);
    EXPECT_EQ(report.interrupt_signal, SIGTERM);
    EXPECT_LT(report.checked, numbers.size());
    EXPECT_EQ(report.checked, listener.results.size());
    // Nothing is lost: each number was answered or is listed as unchecked (or never read).
    EXPECT_LE(report.checked + report.unchecked.size(), numbers.size());
    EXPECT_TRUE(report.input_left_unread || report.checked + report.unchecked.size() == numbers.size());
}

INSTANTIATE_TEST_SUITE_P(models, in_process_model,
                         ::testing::Values(execution_model::sequential, execution_model::thread,
                                           execution_model::coroutine),
                         [](const auto& test_info) { return std::string{model_name(test_info.param)}; });

}  // namespace
