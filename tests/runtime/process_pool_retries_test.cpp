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

bool always_die_on_666(std::uint64_t n) noexcept {
    if (n == 666) ::raise(SIGKILL);
    return is_prime(n);
}

// "Already died once" lives in a file: each worker is a fresh process, so only the file
// system (or shared memory) remembers what an earlier worker did. The first worker to check
// 666 creates the marker and dies; the ones after it find the marker and answer.
std::array<char, 64> died_once_marker{};

bool die_on_666_the_first_time(std::uint64_t n) noexcept {
    if (n == 666) {
        const int fd = ::open(died_once_marker.data(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd >= 0) ::raise(SIGKILL);
    }
    return is_prime(n);
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
