// Tests for worker_load_tally: checks and busy time per worker, and the imbalance.
#include "concur/core/worker_load.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

TEST(worker_load_test, imbalance_is_the_busiest_over_the_mean) {
    concur::worker_load_tally tally{2};
    tally.started(1, 100);
    tally.started(2, 200);
    tally.add(1, 300ms);
    tally.add(1, 300ms);
    tally.add(2, 200ms);
    EXPECT_EQ(tally.loads()[0].checks, 2U);
    ASSERT_TRUE(tally.imbalance().has_value());
    EXPECT_NEAR(*tally.imbalance(), 0.6 / 0.4, 1e-9);
    const std::string json = tally.json_members("pid");
    EXPECT_NE(json.find("{\"worker\": 2, \"pid\": 200, \"checks\": 1, \"busy\": 0.200000000}"), std::string::npos)
        << json;
    EXPECT_NE(json.find("\"imbalance\": 1.500"), std::string::npos) << json;
}

TEST(worker_load_test, no_check_finished_means_no_imbalance_not_zero) {
    // A run stopped by bad input, or interrupted, before any check finished: 0.000 read as a
    // ratio (perfectly even is 1.0); there is nothing to compare.
    concur::worker_load_tally tally{2};
    tally.started(1, 100);
    tally.started(2, 200);
    EXPECT_EQ(tally.imbalance(), std::nullopt);
    const std::string json = tally.json_members("tid");
    EXPECT_NE(json.find("\"imbalance\": null"), std::string::npos) << json;
}

}  // namespace
