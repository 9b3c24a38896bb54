// Tests for pool_listener::watch_workers: every model lends its workers' published progress, and takes it back.
#include "concur/runtime/run_checks.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/core/model_list.hpp"

#include "support/models_without_launcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

using namespace concur;

/// A slow prime for the seed's loop: a tenth of a second or more, thousands of stop points.
constexpr std::uint64_t slow_prime = 9999999999999917;

/// Reads the lent activities on a thread of its own while the run goes on, as a display does,
/// and stops reading before watch_workers({}) returns, as the contract asks.
class watching_listener final : public pool_listener {
public:
    void on_result(const checked_number& result) override { answered.push_back(result.number); }
    void on_worker_lost(const lost_worker& /*lost*/) override {}
    void watch_workers(std::span<const worker_activity* const> activities) override {
        lent_sizes.push_back(activities.size());
        if (activities.empty()) {
            reader_.request_stop();
            reader_.join();
            return;
        }
        reader_ = std::jthread{[this, lent = std::vector(activities.begin(), activities.end())](std::stop_token stop) {
            while (!stop.stop_requested()) {
                for (const worker_activity* activity : lent) {
                    if (const auto number = activity->checking()) {
                        seen_number.store(*number);
                        const std::uint64_t reached = activity->reached.load(std::memory_order_relaxed);
                        if (reached > max_reached.load()) max_reached.store(reached);
                    }
                }
                std::this_thread::sleep_for(std::chrono::microseconds{200});
            }
        }};
    }

    std::vector<std::uint64_t> answered;
    std::vector<std::size_t> lent_sizes;  // one entry per watch_workers call
    std::atomic<std::uint64_t> seen_number{0};
    std::atomic<std::uint64_t> max_reached{0};

private:
    std::jthread reader_;
};

class watched_model : public ::testing::TestWithParam<execution_model> {};

TEST_P(watched_model, lends_each_workers_progress_for_the_run_and_takes_it_back) {
    list_source source{{slow_prime}};
    watching_listener listener;
    const pool_report report = run_checks(GetParam(), source, {2, trial_simple_check, {}}, listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(listener.answered, std::vector<std::uint64_t>{slow_prime});
    const std::size_t workers = model_uses_workers(GetParam()) ? 2U : 1U;
    EXPECT_EQ(listener.lent_sizes, (std::vector<std::size_t>{workers, 0}));
    // Whichever worker took the one number, a thread of the parent saw its check under way:
    // the divisors published at the stop points, never past the square root.
    EXPECT_EQ(listener.seen_number.load(), slow_prime);
    EXPECT_GT(listener.max_reached.load(), 0U);
    EXPECT_LE(listener.max_reached.load(), integer_sqrt(slow_prime) + divisors_per_chunk);
}

INSTANTIATE_TEST_SUITE_P(models, watched_model, ::testing::ValuesIn(concur::testing::models_without_launcher()),
                         [](const auto& test_info) { return std::string{model_name(test_info.param)}; });

}  // namespace
