// Tests for batch_planner: small numbers travel together, big ones alone.
#include "concur/core/batch_planner.hpp"

#include <gtest/gtest.h>

namespace {

using concur::batch_planner;

TEST(batch_planner_test, empty_queue_gives_no_batch) {
    const batch_planner planner{concur::trial_division_estimate, 1 << 19, 510};
    EXPECT_EQ(planner.next_batch_size({}), 0U);
}

TEST(batch_planner_test, small_numbers_fill_a_record) {
    const batch_planner planner{concur::trial_division_estimate, 1 << 19, 510};
    std::deque<std::uint64_t> pending;
    for (std::uint64_t n = 1; n <= 2000; ++n) pending.push_back(n);
    EXPECT_EQ(planner.next_batch_size(pending), 510U);
}

TEST(batch_planner_test, each_big_number_travels_alone) {
    // The book's numbers (10^15 and up) take tens of milliseconds each: batching two of them
    // would leave a worker idle while another checks both.
    const batch_planner planner{concur::trial_division_estimate, 1 << 19, 510};
    const std::deque<std::uint64_t> pending{142702110479723, 299593572317531, 2, 3};
    EXPECT_EQ(planner.next_batch_size(pending), 1U);
}

TEST(batch_planner_test, batch_stops_at_the_budget) {
    const batch_planner planner{[](std::uint64_t) noexcept -> std::uint64_t { return 10; }, 100, 510};
    const std::deque<std::uint64_t> pending(50, 7);
    EXPECT_EQ(planner.next_batch_size(pending), 10U);
}

TEST(batch_planner_test, estimate_grows_with_the_square_root) {
    EXPECT_LT(concur::trial_division_estimate(1000), concur::trial_division_estimate(1'000'000));
    EXPECT_GT(concur::trial_division_estimate(9999999999999999), 10'000'000U);
}

TEST(batch_planner_test, heavy_numbers_are_handed_out_heaviest_first) {
    const batch_planner planner{concur::trial_division_estimate, 1 << 19, 510};
    std::deque<std::uint64_t> pending{2, 142702110479723, 9999999999999917, 3333333333333301, 7};
    planner.order_longest_first(pending.begin(), pending.end());
    EXPECT_EQ(pending, (std::deque<std::uint64_t>{9999999999999917, 3333333333333301, 142702110479723, 2, 7}));
}

TEST(batch_planner_test, light_numbers_keep_their_order) {
    const batch_planner planner{concur::trial_division_estimate, 1 << 19, 510};
    std::deque<std::uint64_t> pending{5, 1000000, 3, 999999, 1};
    const auto before = pending;
    planner.order_longest_first(pending.begin(), pending.end());
    EXPECT_EQ(pending, before);
}

}  // namespace
