// Tests for run_process_pool: same answers as a loop, poison pills, lost workers, no leaks.
#include "concur/runtime/process_pool.hpp"

#include "concur/sys/descriptors.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "support/collecting_listener.hpp"
#include "support/has_children.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <random>
#include <sys/wait.h>

namespace {

using namespace concur;

using concur::testing::collecting_listener;
using concur::testing::count_answers;
using concur::testing::has_children;

std::vector<std::uint64_t> mixed_numbers(std::size_t count) {
    std::mt19937_64 random{20261125};
    std::vector<std::uint64_t> numbers{0, 1, 2, 3, 4};
    while (numbers.size() < count) numbers.push_back(random() % 10'000'000);
    return numbers;
}

TEST(process_pool_test, agrees_with_a_sequential_loop_on_10000_numbers) {
    const auto numbers = mixed_numbers(10000);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_process_pool(source, {3, trial_simple_check, {}}, listener);

    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.checked, numbers.size());
    ASSERT_EQ(listener.results.size(), numbers.size());
    std::map<std::uint64_t, bool> expected;
    std::map<std::uint64_t, int> occurrences;
    for (const auto n : numbers) {
        expected[n] = is_prime(n);
        ++occurrences[n];
    }
    std::vector<int> per_worker(4, 0);
    for (const auto& result : listener.results) {
        ASSERT_EQ(result.prime, expected.at(result.number)) << result.number;
        ASSERT_GE(result.worker, 1U);
        ASSERT_LE(result.worker, 3U);
        ++per_worker[result.worker];
    }
    EXPECT_EQ(count_answers(listener.results), occurrences);
    EXPECT_FALSE(has_children());
}

TEST(process_pool_test, zero_is_a_number_not_a_poison_pill) {
    list_source source{{0, 1, 2}};
    collecting_listener listener;
    const auto report = run_process_pool(source, {2, trial_simple_check, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{0, 1}, {1, 1}, {2, 1}}));
}

TEST(process_pool_test, more_workers_than_numbers) {
    list_source source{{7, 8, 9}};
    collecting_listener listener;
    const auto report = run_process_pool(source, {16, trial_simple_check, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(listener.results.size(), 3U);
    EXPECT_FALSE(has_children());
}

TEST(process_pool_test, empty_list_ends_at_once) {
    list_source source{{}};
    collecting_listener listener;
    const auto report = run_process_pool(source, {4, trial_simple_check, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.checked, 0U);
    EXPECT_TRUE(listener.results.empty());
}

check_verdict die_on_666(std::uint64_t n, check_control& control) noexcept {
    if (n == 666) ::raise(SIGKILL);
    return trial_simple_check(n, control);
}

TEST(process_pool_test, a_worker_killed_mid_job_is_reported_and_the_others_finish) {
    std::vector<std::uint64_t> numbers;
    for (std::uint64_t n = 1; n <= 3000; ++n) numbers.push_back(n);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_process_pool(source, {3, die_on_666, {}}, listener);

    EXPECT_EQ(report.ending, pool_ending::worker_lost);
    ASSERT_EQ(report.lost_workers.size(), 1U);
    ASSERT_EQ(listener.lost_workers.size(), 1U);
    const lost_worker& lost = report.lost_workers.front();
    EXPECT_FALSE(lost.how.exited);
    EXPECT_EQ(lost.how.code, SIGKILL);
    EXPECT_EQ(lost.checking, std::optional<std::uint64_t>{666});
    EXPECT_EQ(lost.how.describe(), "was killed by SIGKILL");

    // No number is silently lost: each one is either answered once or listed as unchecked.
    auto answers = count_answers(listener.results);
    EXPECT_EQ(answers.count(666), 0U);
    EXPECT_TRUE(std::binary_search(report.unchecked.begin(), report.unchecked.end(), 666U));
    for (const auto n : report.unchecked) answers[n] += 1;
    EXPECT_EQ(answers.size(), numbers.size());
    for (const auto& [n, times] : answers) ASSERT_EQ(times, 1) << n;
    EXPECT_FALSE(has_children());
}

check_verdict always_die(std::uint64_t /*n*/, check_control& /*control*/) noexcept {
    ::raise(SIGKILL);
    return check_verdict::not_prime;
}

TEST(process_pool_test, every_worker_dying_does_not_hang) {
    std::vector<std::uint64_t> numbers(5000, 97);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_process_pool(source, {2, always_die, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::worker_lost);
    EXPECT_EQ(report.lost_workers.size(), 2U);
    EXPECT_EQ(report.checked, 0U);
    EXPECT_FALSE(report.unchecked.empty());
    EXPECT_FALSE(has_children());
}

TEST(process_pool_test, leaves_no_descriptor_or_child_behind) {
    const auto before = sys::open_descriptors();
    {
        list_source source{mixed_numbers(500)};
        collecting_listener listener;
        (void)run_process_pool(source, {4, trial_simple_check, {}}, listener);
    }
    {
        list_source source{{1, 666, 2}};
        collecting_listener listener;
        (void)run_process_pool(source, {2, die_on_666, {}}, listener);
    }
    EXPECT_EQ(sys::open_descriptors(), before);
    EXPECT_FALSE(has_children());
}

TEST(process_pool_test, bad_token_on_the_stream_stops_the_pool_cleanly) {
    auto input = sys::make_pipe();
    sys::write_all(input.write_end.get(), "1 2 3\n4 five 6\n");
    input.write_end.reset();
    stream_source source{input.read_end.get()};
    collecting_listener listener;
    EXPECT_THROW((void)run_process_pool(source, {2, trial_simple_check, {}}, listener), std::runtime_error);
    EXPECT_FALSE(has_children());
}

}  // namespace
