// Tests for keep_order in every execution model: a slow first number is still reported first.
#include "concur/runtime/run_checks.hpp"

#include "support/collecting_listener.hpp"
#include "support/models_without_launcher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace concur;

using concur::testing::collecting_listener;

constexpr std::uint64_t slow_number = 1'000'003;

/// The real check, but slow_number takes 200 ms: long enough for a second worker to check
/// every other number meanwhile, on a loaded machine too.
check_verdict slow_on_one_number(std::uint64_t n, check_control& control) noexcept {
    if (n == slow_number) std::this_thread::sleep_for(std::chrono::milliseconds{200});
    return trial_simple_check(n, control);
}

/// Every number travels alone (one job each), so a worker stuck on the slow one holds no other.
std::uint64_t one_budget(std::uint64_t /*n*/) noexcept { return std::uint64_t{1} << 19; }
const pool_options two_workers{2, slow_on_one_number, batch_planner{one_budget}};

/// The slow number first, then 2 to 400.
std::vector<std::uint64_t> slow_then_small() {
    std::vector<std::uint64_t> numbers(400);
    numbers[0] = slow_number;
    std::iota(numbers.begin() + 1, numbers.end(), 2);
    return numbers;
}

/// The numbers in the order `model` reported them, checking slow_then_small() to the end.
std::vector<std::uint64_t> reported_by(execution_model model, bool keep_order) {
    list_source source{slow_then_small()};
    collecting_listener listener;
    pool_options options = two_workers;
    options.keep_order = keep_order;
    EXPECT_EQ(run_checks(model, source, options, listener).ending, pool_ending::complete);
    std::vector<std::uint64_t> numbers;
    for (const auto& result : listener.results) numbers.push_back(result.number);
    return numbers;
}

std::string name_of(const ::testing::TestParamInfo<execution_model>& info) {
    return std::string{model_name(info.param)};
}

class keep_order : public ::testing::TestWithParam<execution_model> {};

TEST_P(keep_order, results_come_in_input_order_behind_a_slow_first_number) {
    EXPECT_EQ(reported_by(GetParam(), true), slow_then_small());
}

INSTANTIATE_TEST_SUITE_P(models, keep_order, ::testing::ValuesIn(concur::testing::models_without_launcher()), name_of);

class one_check_at_a_time : public ::testing::TestWithParam<execution_model> {};

/// The sequential and coroutine models run one check at a time, in the order read, so they
/// keep the input order without being asked: this is why they need nothing for keep_order.
TEST_P(one_check_at_a_time, reports_in_input_order_without_keep_order) {
    EXPECT_EQ(reported_by(GetParam(), false), slow_then_small());
}

INSTANTIATE_TEST_SUITE_P(models, one_check_at_a_time,
                         ::testing::Values(execution_model::sequential, execution_model::coroutine), name_of);

class pool_without_keep_order : public ::testing::TestWithParam<execution_model> {};

/// A pool reports in completion order: the slow number comes last. So the first test would
/// pass for a pool without keep_order only by luck, and this shows there is none.
TEST_P(pool_without_keep_order, reports_the_slow_number_after_the_others) {
    const auto reported = reported_by(GetParam(), false);
    ASSERT_EQ(reported.size(), slow_then_small().size());
    EXPECT_EQ(reported.back(), slow_number);
}

INSTANTIATE_TEST_SUITE_P(models, pool_without_keep_order,
                         ::testing::Values(execution_model::thread, execution_model::process), name_of);

}  // namespace
