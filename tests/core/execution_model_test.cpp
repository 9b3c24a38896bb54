// Tests for execution_model: one name table for every command.
#include "concur/core/execution_model.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(execution_model_test, names_round_trip) {
    for (const execution_model model : all_execution_models()) {
        EXPECT_EQ(parse_execution_model(model_name(model)), model);
    }
    EXPECT_FALSE(parse_execution_model("coroutines").has_value());
    EXPECT_FALSE(parse_execution_model("").has_value());
    EXPECT_EQ(all_execution_models().size(), 5U);
    EXPECT_EQ(all_execution_models().front(), execution_model::sequential);  // the baseline comes first
}

TEST(execution_model_test, only_the_pools_use_workers) {
    EXPECT_TRUE(model_uses_workers(execution_model::thread));
    EXPECT_TRUE(model_uses_workers(execution_model::process));
    EXPECT_FALSE(model_uses_workers(execution_model::sequential));
    EXPECT_FALSE(model_uses_workers(execution_model::coroutine));
    EXPECT_TRUE(model_uses_workers(execution_model::mpi));
}

TEST(execution_model_test, only_mpi_needs_a_launcher) {
    for (const execution_model model : all_execution_models()) {
        EXPECT_EQ(model_needs_launcher(model), model == execution_model::mpi) << model_name(model);
    }
}

}  // namespace
