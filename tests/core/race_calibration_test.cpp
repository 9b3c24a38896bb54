// Tests for race_calibration: trials that grow quickly, and the count that fills the time wanted.
#include "concur/core/race_calibration.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;
using namespace std::chrono_literals;

constexpr std::uint64_t most = 10'000'000'000ULL;

TEST(race_calibration_test, a_short_trial_grows_toward_the_minimum_with_a_margin) {
    // 20 ms wanted, 1 ms seen: 1.5 * 20 = 30 times as many.
    EXPECT_EQ(next_trial_count(16384, 1ms, most), 16384U * 30);
    // Nearly long enough: still at least double, so calibration always ends.
    EXPECT_EQ(next_trial_count(1000, 19ms, most), 2000U);
    // Far too short, or too short to see at all: at most 64 times.
    EXPECT_EQ(next_trial_count(1000, 1us, most), 64000U);
    EXPECT_EQ(next_trial_count(1000, 0ns, most), 64000U);
    EXPECT_EQ(next_trial_count(most / 2, 1ms, most), most);
}

TEST(race_calibration_test, the_count_scales_the_trial_to_the_target) {
    EXPECT_EQ(count_for_duration(1000, 10ms, 500ms, most), 50000U);
    EXPECT_EQ(count_for_duration(3, 1s, 100ms, most), 1U);   // rounds to 0: never below 1
    EXPECT_EQ(count_for_duration(most, 1ms, 1s, most), most);  // 10^13 would pass the limit
    EXPECT_EQ(count_for_duration(1000, 0ns, 1s, most), 1000U);  // nothing seen: nothing to scale by
    // A count near the limit times a large factor is computed without wrapping around.
    EXPECT_EQ(count_for_duration(most, 1ns, 1000s, most), most);
}

}  // namespace
