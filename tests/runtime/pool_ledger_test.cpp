// Tests for pool_ledger with keep_order: input order, and the bound on results held for it.
#include "concur/runtime/pool_ledger.hpp"

#include "support/collecting_listener.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <optional>
#include <vector>

namespace {

using namespace concur;
using concur::detail::pool_ledger;
using concur::testing::collecting_listener;

/// Every number travels alone, so each job is one number and the test can tell them apart.
std::uint64_t one_budget(std::uint64_t /*n*/) noexcept { return std::uint64_t{1} << 19; }
/// Heavier as the number grows: the planner would hand out the largest first.
std::uint64_t grows_with_n(std::uint64_t n) noexcept { return (std::uint64_t{1} << 20) + n; }

std::vector<std::uint64_t> numbers_of(const std::vector<checked_number>& results) {
    std::vector<std::uint64_t> numbers;
    for (const auto& result : results) numbers.push_back(result.number);
    return numbers;
}

/// The first number of each job the ledger hands out (jobs of one number, see one_budget).
std::uint64_t number_of(const std::optional<job_record>& job) {
    EXPECT_TRUE(job.has_value());
    EXPECT_EQ(job->kind, job_kind::numbers);
    return job->numbers[0];
}

/// What a worker sends back for `job`: every number answered, in one record.
result_record answer(const job_record& job) {
    result_record record;
    record.worker = 1;
    record.batch = job.batch;
    record.count = job.count;
    for (std::uint32_t i = 0; i < job.count; ++i) record.verdicts[i] = verdict{job.numbers[i], 0, 0, 0};
    return record;
}

/// A ledger over `numbers` that keeps the input order and holds at most `bound` results.
struct ordered_ledger {
    ordered_ledger(std::vector<std::uint64_t> numbers, std::size_t bound, work_estimate estimate = one_budget)
        : source(std::move(numbers)), ledger(source, batch_planner{estimate}, 2, listener, report, true, bound) {}

    list_source source;
    collecting_listener listener;
    pool_report report;
    pool_ledger ledger;
};

std::vector<std::uint64_t> count_from(std::uint64_t first, std::size_t how_many) {
    std::vector<std::uint64_t> numbers(how_many);
    std::iota(numbers.begin(), numbers.end(), first);
    return numbers;
}

TEST(pool_ledger_test, with_keep_order_results_answered_out_of_order_come_out_in_input_order) {
    ordered_ledger run{{10, 11, 12}, 4};
    const auto first = run.ledger.take_next_record();
    const auto second = run.ledger.take_next_record();
    const auto third = run.ledger.take_next_record();
    run.ledger.accept(answer(*third));
    run.ledger.accept(answer(*second));
    EXPECT_TRUE(run.listener.results.empty());  // both wait for 10
    run.ledger.accept(answer(*first));
    EXPECT_EQ(numbers_of(run.listener.results), (std::vector<std::uint64_t>{10, 11, 12}));
    EXPECT_EQ(run.report.checked, 3U);
}

TEST(pool_ledger_test, with_keep_order_heavy_numbers_are_not_reordered_longest_first) {
    ordered_ledger run{{1, 2, 3}, 4, grows_with_n};
    EXPECT_EQ(number_of(run.ledger.take_next_record()), 1U);
    EXPECT_EQ(number_of(run.ledger.take_next_record()), 2U);
    EXPECT_EQ(number_of(run.ledger.take_next_record()), 3U);
}

TEST(pool_ledger_test, without_keep_order_heavy_numbers_go_longest_first_and_results_as_they_come) {
    list_source source{{1, 2, 3}};
    collecting_listener listener;
    pool_report report;
    pool_ledger ledger{source, batch_planner{grows_with_n}, 2, listener, report};
    const auto first = ledger.take_next_record();
    const auto second = ledger.take_next_record();
    EXPECT_EQ(number_of(first), 3U);
    EXPECT_EQ(number_of(second), 2U);
    ledger.accept(answer(*second));
    EXPECT_EQ(numbers_of(listener.results), (std::vector<std::uint64_t>{2}));
}

TEST(pool_ledger_test, once_the_bound_is_held_no_new_number_goes_out_until_the_slow_one_is_answered) {
    ordered_ledger run{count_from(100, 10), 4};
    const auto slow = run.ledger.take_next_record();  // 100, answered last
    for (std::uint64_t n = 101; n <= 104; ++n) {
        const auto job = run.ledger.take_next_record();
        ASSERT_EQ(number_of(job), n);
        run.ledger.accept(answer(*job));
    }
    EXPECT_EQ(run.ledger.held_results(), 4U);
    EXPECT_FALSE(run.ledger.take_next_record().has_value());  // 105 to 109 wait
    EXPECT_TRUE(run.listener.results.empty());

    run.ledger.accept(answer(*slow));
    EXPECT_EQ(numbers_of(run.listener.results), count_from(100, 5));
    EXPECT_EQ(run.ledger.held_results(), 0U);
    EXPECT_EQ(number_of(run.ledger.take_next_record()), 105U);  // dispatch resumes
}

TEST(pool_ledger_test, below_the_bound_new_numbers_keep_going_out) {
    ordered_ledger run{count_from(100, 10), 4};
    (void)run.ledger.take_next_record();  // 100: still being checked
    for (std::uint64_t n = 101; n <= 103; ++n) run.ledger.accept(answer(*run.ledger.take_next_record()));
    EXPECT_EQ(run.ledger.held_results(), 3U);
    EXPECT_EQ(number_of(run.ledger.take_next_record()), 104U);
}

TEST(pool_ledger_test, numbers_put_back_for_a_retry_go_out_even_when_the_bound_is_held) {
    ordered_ledger run{count_from(100, 10), 4};
    const auto lost = run.ledger.take_next_record();  // its worker dies holding 100
    for (int i = 0; i < 4; ++i) run.ledger.accept(answer(*run.ledger.take_next_record()));
    ASSERT_FALSE(run.ledger.take_next_record().has_value());

    run.ledger.put_back(run.ledger.take_back(lost->batch));
    const auto again = run.ledger.take_next_record();
    EXPECT_EQ(number_of(again), 100U);
    EXPECT_FALSE(run.ledger.take_next_record().has_value());  // only the retry: 105 still waits
    run.ledger.accept(answer(*again));
    EXPECT_EQ(numbers_of(run.listener.results), count_from(100, 5));
}

TEST(pool_ledger_test, a_batch_abandoned_by_a_lost_worker_holds_nothing_back) {
    ordered_ledger run{count_from(100, 4), 4};
    const auto lost = run.ledger.take_next_record();
    const auto next = run.ledger.take_next_record();
    run.ledger.accept(answer(*next));
    EXPECT_TRUE(run.listener.results.empty());
    run.ledger.abandon(lost->batch);
    EXPECT_EQ(numbers_of(run.listener.results), (std::vector<std::uint64_t>{101}));
    EXPECT_EQ(run.report.unchecked, (std::vector<std::uint64_t>{100}));
}

TEST(pool_ledger_test, a_number_given_up_after_its_retries_holds_nothing_back) {
    ordered_ledger run{count_from(100, 3), 4};
    const auto lost = run.ledger.take_next_record();
    run.ledger.accept(answer(*run.ledger.take_next_record()));
    for (const auto& left : run.ledger.take_back(lost->batch)) run.ledger.give_up(left);
    EXPECT_EQ(numbers_of(run.listener.results), (std::vector<std::uint64_t>{101}));
}

TEST(pool_ledger_test, at_the_end_what_is_held_is_released_in_order_over_the_unanswered) {
    ordered_ledger run{count_from(100, 4), 4};
    (void)run.ledger.take_next_record();  // 100: never answered (the run was interrupted)
    const auto second = run.ledger.take_next_record();
    const auto third = run.ledger.take_next_record();
    run.ledger.accept(answer(*third));
    run.ledger.accept(answer(*second));
    run.ledger.stop_sending();
    run.ledger.collect_unchecked();
    EXPECT_EQ(numbers_of(run.listener.results), (std::vector<std::uint64_t>{101, 102}));
    EXPECT_EQ(run.report.unchecked, (std::vector<std::uint64_t>{100, 103}));
}

/// Two numbers; then nothing yet; then a token that is not a number.
class source_with_bad_token final : public number_source {
public:
    bool read_more(std::deque<std::uint64_t>& out) override {
        ++reads_;
        if (reads_ == 1) out.insert(out.end(), {100, 101});
        if (reads_ == 3) throw bad_input("'x' is not a number");
        return true;
    }

private:
    int reads_ = 0;
};

TEST(pool_ledger_test, bad_input_releases_the_results_held_before_the_run_stops) {
    source_with_bad_token source;
    collecting_listener listener;
    pool_report report;
    pool_ledger ledger{source, batch_planner{one_budget}, 2, listener, report, true, 4};
    (void)ledger.take_next_record();  // 100, still being checked when the bad token is read
    const auto second = ledger.take_next_record();
    ledger.accept(answer(*second));
    try {
        ledger.read_input();
        ADD_FAILURE() << "bad input was not thrown";
    } catch (const bad_input& error) {
        EXPECT_EQ(error.unchecked, (std::vector<std::uint64_t>{100}));
    }
    EXPECT_EQ(numbers_of(listener.results), (std::vector<std::uint64_t>{101}));
}

}  // namespace
