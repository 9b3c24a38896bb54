// Tests for describe_samples: median, mean, spread.
#include "concur/core/sample_stats.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using concur::describe_samples;

TEST(sample_stats_test, median_mean_spread) {
    const std::vector<double> samples{3, 1, 2, 10};
    const auto stats = describe_samples(samples);
    EXPECT_DOUBLE_EQ(stats.median, 2.5);
    EXPECT_DOUBLE_EQ(stats.mean, 4);
    EXPECT_DOUBLE_EQ(stats.min, 1);
    EXPECT_DOUBLE_EQ(stats.max, 10);
    EXPECT_NEAR(stats.stddev, 4.0825, 1e-4);
    EXPECT_DOUBLE_EQ(describe_samples(std::vector<double>{5}).stddev, 0);
}

}  // namespace
