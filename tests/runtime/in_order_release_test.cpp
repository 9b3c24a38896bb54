// Tests for in_order_release: results handed on in input order, each as soon as it can be.
#include "concur/runtime/in_order_release.hpp"

#include "support/collecting_listener.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace {

using concur::checked_number;
using concur::in_order_release;
using concur::testing::collecting_listener;

/// A result whose number is its sequence number plus 100, so the order shows in the numbers.
checked_number result_for(std::uint64_t sequence) { return {sequence + 100, false, {}, 1, {}}; }

std::vector<std::uint64_t> numbers_of(const collecting_listener& listener) {
    std::vector<std::uint64_t> numbers;
    for (const auto& result : listener.results) numbers.push_back(result.number);
    return numbers;
}

TEST(in_order_release_test, a_result_in_its_turn_is_handed_on_at_once) {
    collecting_listener listener;
    in_order_release release{listener, 4};
    release.answered(0, result_for(0));
    release.answered(1, result_for(1));
    EXPECT_EQ(numbers_of(listener), (std::vector<std::uint64_t>{100, 101}));
    EXPECT_EQ(release.held(), 0U);
}

TEST(in_order_release_test, a_result_waits_only_for_the_ones_before_it) {
    collecting_listener listener;
    in_order_release release{listener, 4};
    release.answered(2, result_for(2));
    release.answered(1, result_for(1));
    EXPECT_TRUE(listener.results.empty());  // 0 is not in yet
    EXPECT_EQ(release.held(), 2U);
    release.answered(0, result_for(0));
    EXPECT_EQ(numbers_of(listener), (std::vector<std::uint64_t>{100, 101, 102}));
    release.answered(4, result_for(4));
    EXPECT_EQ(numbers_of(listener).size(), 3U);  // 4 waits for 3, and only for 3
    release.answered(3, result_for(3));
    EXPECT_EQ(numbers_of(listener), (std::vector<std::uint64_t>{100, 101, 102, 103, 104}));
    EXPECT_EQ(release.held(), 0U);
    EXPECT_EQ(release.next(), 5U);
}

TEST(in_order_release_test, a_skipped_number_holds_nothing_back) {
    collecting_listener listener;
    in_order_release release{listener, 4};
    release.answered(1, result_for(1));
    release.answered(3, result_for(3));
    release.skip(2);  // skipped ahead of next: remembered
    EXPECT_TRUE(listener.results.empty());
    release.skip(0);
    EXPECT_EQ(numbers_of(listener), (std::vector<std::uint64_t>{101, 103}));
    EXPECT_EQ(release.next(), 4U);
}

TEST(in_order_release_test, full_counts_results_held_not_numbers_skipped) {
    collecting_listener listener;
    in_order_release release{listener, 2};
    release.skip(5);
    release.skip(6);
    EXPECT_FALSE(release.full());
    release.answered(1, result_for(1));
    EXPECT_FALSE(release.full());
    release.answered(2, result_for(2));
    EXPECT_TRUE(release.full());
    release.answered(0, result_for(0));
    EXPECT_FALSE(release.full());
}

TEST(in_order_release_test, release_all_hands_on_what_is_held_in_order_over_the_gaps) {
    collecting_listener listener;
    in_order_release release{listener, 8};
    release.answered(7, result_for(7));
    release.answered(2, result_for(2));
    release.answered(5, result_for(5));
    release.release_all();
    EXPECT_EQ(numbers_of(listener), (std::vector<std::uint64_t>{102, 105, 107}));
    EXPECT_EQ(release.held(), 0U);
    EXPECT_EQ(release.next(), 8U);
}

TEST(in_order_release_test, a_number_answered_twice_is_refused) {
    collecting_listener listener;
    in_order_release release{listener, 4};
    release.answered(0, result_for(0));
    EXPECT_THROW(release.answered(0, result_for(0)), std::logic_error);
    release.answered(2, result_for(2));
    EXPECT_THROW(release.answered(2, result_for(2)), std::logic_error);
}

}  // namespace
