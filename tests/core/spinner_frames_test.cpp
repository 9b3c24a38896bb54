// Tests for the spinner's frames, its statistics and the text `concur spin` prints: pure functions.
#include "concur/core/spinner_frames.hpp"

#include "concur/core/spin_report.hpp"
#include "concur/core/spin_stats.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(spinner_frames_test, frames_cycle_through_the_seeds_characters) {
    EXPECT_EQ(spinner_frame(0, "thinking!"), "\r\\ thinking!");
    EXPECT_EQ(spinner_frame(1, "thinking!"), "\r| thinking!");
    EXPECT_EQ(spinner_frame(2, "thinking!"), "\r/ thinking!");
    EXPECT_EQ(spinner_frame(3, "thinking!"), "\r- thinking!");
    EXPECT_EQ(spinner_frame(4, "thinking!"), "\r\\ thinking!");
    EXPECT_EQ(spinner_frame(4'000'000'001, "x"), "\r| x");
}

TEST(spinner_frames_test, the_blank_erases_a_whole_frame) {
    EXPECT_EQ(spinner_blank("thinking!"), "\r           \r");
    EXPECT_EQ(spinner_blank("thinking!").size(), spinner_frame(0, "thinking!").size() + 1);
}

TEST(spinner_frames_test, the_animation_is_the_frames_then_the_blank) {
    EXPECT_EQ(spinner_animation(5, "ok"), "\r\\ ok\r| ok\r/ ok\r- ok\r\\ ok\r    \r");
    EXPECT_EQ(spinner_animation(0, "ok"), "\r    \r");
}

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
