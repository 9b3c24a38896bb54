// Tests for batch_planner: small numbers travel together, big ones alone.
#include "concur/core/batch_planner.hpp"

#include "concur/core/fast_trial_division.hpp"

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
    // 3333333333333301 has 52 bits and 7777777777777753 has 53: an estimate from the bit
    // length alone ranks them level, though the second takes half as long again.
    std::deque<std::uint64_t> pending{2, 3333333333333301, 142702110479723, 7777777777777753, 9999999999999917, 7};
    planner.order_longest_first(pending.begin(), pending.end());
    EXPECT_EQ(pending, (std::deque<std::uint64_t>{9999999999999917, 7777777777777753, 3333333333333301,
                                                  142702110479723, 7, 2}));
}

TEST(batch_planner_test, estimates_follow_the_square_root_closely) {
    // Within one bit length the estimate still rises with n, as the check's time does.
    for (const auto estimate : {concur::trial_division_estimate, concur::fast_trial_division_estimate}) {
        EXPECT_LT(estimate(5555555555555503), estimate(6666666666666719));
        EXPECT_LT(estimate(6666666666666719), estimate(7777777777777753));
        // sqrt(4n) = 2 sqrt(n): four times the number, twice the work (to within the fixed cost).
        const double ratio = static_cast<double>(estimate(4 * 2222222222222223ULL)) / static_cast<double>(estimate(2222222222222223ULL));
        EXPECT_NEAR(ratio, 2.0, 0.01);
    }
}

TEST(batch_planner_test, light_numbers_keep_their_order) {
    const batch_planner planner{concur::trial_division_estimate, 1 << 19, 510};
    std::deque<std::uint64_t> pending{5, 1000000, 3, 999999, 1};
    const auto before = pending;
    planner.order_longest_first(pending.begin(), pending.end());
    EXPECT_EQ(pending, before);
}

}  // namespace
