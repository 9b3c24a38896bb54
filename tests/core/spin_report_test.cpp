// Tests for what `concur spin` prints: answers with thousands separators, the --stats lines.
#include "concur/core/spin_report.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(spin_report_test, thousands_separators_as_in_the_book) {
    EXPECT_EQ(with_thousands_separators(0), "0");
    EXPECT_EQ(with_thousands_separators(999), "999");
    EXPECT_EQ(with_thousands_separators(1000), "1,000");
    EXPECT_EQ(with_thousands_separators(4'000'000'000'000'000'037ULL), "4,000,000,000,000,000,037");
    EXPECT_EQ(with_thousands_separators(18446744073709551615ULL), "18,446,744,073,709,551,615");
}

TEST(spin_report_test, answer_lines) {
    EXPECT_EQ(format_answer({spin_work::sleep}), "Answer: 42\n");
    EXPECT_EQ(format_answer({spin_work::block}), "Answer: 42\n");
    EXPECT_EQ(format_answer({spin_work::prime, 5'000'011, true}), "5,000,011 is prime\n");
    EXPECT_EQ(format_answer({spin_work::prime, 1'000'001, false}), "1,000,001 is not prime\n");
}

TEST(spin_report_test, stats_lines) {
    spin_summary summary;
    summary.stats.frames = 20;
    summary.stats.longest_gap_ns = 100'400'000;
    summary.work_time = std::chrono::milliseconds{2000};
    summary.cpu_user = std::chrono::milliseconds{1};
    summary.cpu_system = std::chrono::milliseconds{2};
    EXPECT_EQ(format_spin_stats(summary),
              "frames drawn: 20\n"
              "longest gap between frames: 0.100s\n"
              "work wall time: 2.000s\n"
              "CPU time: 0.003s (user 0.001s, system 0.002s)\n");
}

}  // namespace
