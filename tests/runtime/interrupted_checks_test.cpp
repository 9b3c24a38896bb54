// Tests for stopping a run in the middle of a check: every model stops at once and agrees on what was done.
#include "concur/runtime/run_checks.hpp"

#include "support/collecting_listener.hpp"
#include "support/has_children.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <numeric>
#include <unistd.h>

namespace {

using namespace concur;

using concur::testing::collecting_listener;
using concur::testing::count_answers;
using concur::testing::has_children;

constexpr std::uint64_t largest_prime = 18446744073709551557ULL;  // 2^64 - 59: seconds with the seed's loop

pid_t test_process = 0;  // where the signal goes, from a worker thread or a worker process alike
int signals_to_send = 1;

/// The seed's check, except on 1000: there it signals the test process with SIGINT (twice with
/// signals_to_send = 2, as an impatient user would), then checks 2^64 - 59, which takes seconds
/// unless its control stops it (never, in a process: its parent kills it).
check_verdict interrupt_on_1000(std::uint64_t n, check_control& control) noexcept {
    if (n != 1000) return trial_simple_check(n, control);
    for (int sent = 0; sent < signals_to_send; ++sent) ::kill(test_process, SIGINT);
    return trial_simple_check(largest_prime, control);
}

std::vector<std::uint64_t> one_to(std::uint64_t last) {
    std::vector<std::uint64_t> numbers(last);
    std::iota(numbers.begin(), numbers.end(), 1);
    return numbers;
}

class interrupted_model : public ::testing::TestWithParam<execution_model> {
protected:
    void SetUp() override {
        test_process = ::getpid();
        signals_to_send = 1;
    }

    /// 1 to 2000 with one worker, interrupted while it checks 1000: every model has answered 1
    /// to 999, in batches (one of them not yet sent, for a pool) or one by one, when the signal
    /// comes.
    void expect_999_answers_and_the_rest_unchecked() {
        list_source source{one_to(2000)};
        collecting_listener listener;
        const pool_report report = run_checks(GetParam(), source, {1, interrupt_on_1000, {}}, listener);

        EXPECT_EQ(report.ending, pool_ending::interrupted);
        EXPECT_EQ(report.interrupt_signal, SIGINT);
        // A check that finished before the signal is an answer, printed and counted, whether
        // its verdict had left the worker or not; 1000's check, stopped half-way, is not.
        std::map<std::uint64_t, int> expected;
        for (std::uint64_t n = 1; n < 1000; ++n) expected[n] = 1;
        EXPECT_EQ(count_answers(listener.results), expected);
        EXPECT_EQ(report.checked, 999U);
        for (const checked_number& result : listener.results) {
            ASSERT_EQ(result.prime, is_prime(result.number)) << result.number;
        }
        std::vector<std::uint64_t> rest(1001);
        std::iota(rest.begin(), rest.end(), 1000);
        EXPECT_EQ(report.unchecked, rest);
        EXPECT_FALSE(report.input_left_unread);
        EXPECT_TRUE(report.lost_workers.empty());
        EXPECT_FALSE(has_children());
    }
};

TEST_P(interrupted_model, a_signal_in_the_middle_of_a_check_stops_it_and_keeps_every_finished_one) {
    expect_999_answers_and_the_rest_unchecked();
}

TEST_P(interrupted_model, a_second_signal_while_stopping_changes_nothing) {
    signals_to_send = 2;
    expect_999_answers_and_the_rest_unchecked();
}

INSTANTIATE_TEST_SUITE_P(models, interrupted_model,
                         ::testing::Values(execution_model::sequential, execution_model::thread,
                                           execution_model::process, execution_model::coroutine),
                         [](const auto& test_info) { return std::string{model_name(test_info.param)}; });

}  // namespace
