// Tests for spin_stats: frames counted, the longest gap measured from start to stop.
#include "concur/core/spin_stats.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(spin_stats_test, the_longest_gap_includes_start_and_stop) {
    spin_stats stats;
    stats.start(1'000);
    stats.frame(1'010);
    stats.frame(1'110);
    stats.frame(1'200);
    stats.stop(1'250);
    EXPECT_EQ(stats.frames, 3U);
    EXPECT_EQ(stats.longest_gap_ns, 100);
}

TEST(spin_stats_test, a_spinner_frozen_until_the_end_shows_one_long_gap) {
    spin_stats stats;
    stats.start(0);
    stats.frame(2'000'000'000);  // the first frame only after two seconds of blocking work
    stats.stop(2'000'000'100);
    EXPECT_EQ(stats.frames, 1U);
    EXPECT_EQ(stats.longest_gap_ns, 2'000'000'000);
}

}  // namespace
