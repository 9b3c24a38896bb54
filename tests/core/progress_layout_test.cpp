// Tests for the status block of `concur primes`: its lines, cut lines and the summary, from fake progress.
#include "concur/core/progress_layout.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/core/progress_mode.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

/// Three workers, as in a run of the book's fixture: two checking, one idle, 3 of 20 done.
progress_snapshot three_workers() {
    progress_snapshot snapshot;
    const std::uint64_t big = 9999999999999917;
    snapshot.workers = {
        {true, big, integer_sqrt(big) * 61 / 100 + 1, 0.07},
        {true, 7777777536340681, 0, 0.01},
        {false, 0, 0, 0},
    };
    snapshot.checked = 3;
    snapshot.total = 20;
    snapshot.elapsed_seconds = 0.114;
    return snapshot;
}

TEST(progress_layout_test, one_line_per_worker_then_the_summary) {
    const std::vector<std::string> expected{
        "  worker 1  9999999999999917   61% of divisors  0.07 s",
        "  worker 2  7777777536340681    0% of divisors  0.01 s",
        "  worker 3  idle",
        "  3 of 20 checked, 0.11 s",
    };
    EXPECT_EQ(progress_block(three_workers(), 100, 30), expected);
}

TEST(progress_layout_test, numbers_line_up_with_the_widest_one_being_checked) {
    progress_snapshot snapshot = three_workers();
    snapshot.workers[2] = {true, 18446744073709551557U, 0, 1.5};
    const auto lines = progress_block(snapshot, 100, 30);
    EXPECT_EQ(lines[0], "  worker 1      9999999999999917   61% of divisors  0.07 s");
    EXPECT_EQ(lines[2], "  worker 3  18446744073709551557    0% of divisors  1.50 s");
}

TEST(progress_layout_test, worker_labels_line_up_past_nine_workers) {
    progress_snapshot snapshot;
    snapshot.workers.resize(10);
    const auto lines = progress_block(snapshot, 100, 60);
    ASSERT_EQ(lines.size(), 11U);
    EXPECT_EQ(lines[0], "  worker  1  idle");
    EXPECT_EQ(lines[9], "  worker 10  idle");
    EXPECT_EQ(lines[10], "  0 checked, 0.00 s");  // no total: the numbers come from standard input
}

TEST(progress_layout_test, a_method_without_divisors_shows_no_percentage) {
    progress_snapshot snapshot = three_workers();
    snapshot.divisor_range = false;
    EXPECT_EQ(progress_block(snapshot, 100, 30)[0], "  worker 1  9999999999999917  0.07 s");
}

TEST(progress_layout_test, every_line_is_cut_to_one_column_less_than_the_width) {
    const auto lines = progress_block(three_workers(), 20, 30);
    ASSERT_EQ(lines.size(), 4U);
    EXPECT_EQ(lines[0], "  worker 1  9999999");
    EXPECT_EQ(lines[2], "  worker 3  idle");  // short lines stay whole
    for (const std::string& line : lines) EXPECT_LE(line.size(), 19U);
    EXPECT_EQ(progress_block(three_workers(), 1, 30), std::vector<std::string>(4, ""));
}

TEST(progress_layout_test, workers_that_do_not_fit_in_a_third_of_the_rows_become_one_summary_line) {
    // Three workers and the summary need 4 rows: a third of 12 is enough, of 11 it is not.
    EXPECT_EQ(progress_block(three_workers(), 100, 12).size(), 4U);
    const std::vector<std::string> summary{"  3 workers: 2 busy, 1 idle; 3 of 20 checked, 0.11 s"};
    EXPECT_EQ(progress_block(three_workers(), 100, 11), summary);
    EXPECT_EQ(progress_block(three_workers(), 30, 2), std::vector<std::string>{summary[0].substr(0, 29)});
}

TEST(progress_layout_test, the_percentage_is_of_the_divisors_up_to_the_square_root) {
    EXPECT_EQ(percent_of_divisors(9999999999999917, 0), 0U);
    const std::uint64_t root = integer_sqrt(9999999999999917);  // 99999999
    EXPECT_EQ(percent_of_divisors(9999999999999917, root / 2), 49U);
    EXPECT_EQ(percent_of_divisors(9999999999999917, root), 99U);  // the last divisor not yet tried
    EXPECT_EQ(percent_of_divisors(9999999999999917, root + 1), 100U);
    EXPECT_EQ(percent_of_divisors(18446744073709551557U, UINT64_MAX), 100U);
    EXPECT_EQ(percent_of_divisors(18446744073709551557U, 1ULL << 31), 50U);  // its root is 2^32 - 1
    EXPECT_EQ(percent_of_divisors(2, 0), 0U);
}

TEST(progress_layout_test, plain_lines_are_uncut_and_list_every_worker) {
    progress_snapshot snapshot = three_workers();
    EXPECT_EQ(progress_plain_lines(snapshot),
              "  worker 1  9999999999999917   61% of divisors  0.07 s\n"
              "  worker 2  7777777536340681    0% of divisors  0.01 s\n"
              "  worker 3  idle\n"
              "  3 of 20 checked, 0.11 s\n");
}

TEST(progress_mode_test, auto_draws_only_on_a_terminal_and_never_under_a_pipe) {
    EXPECT_EQ(choose_progress_style(progress_mode::automatic, true, false), progress_style::redraw);
    EXPECT_EQ(choose_progress_style(progress_mode::automatic, true, true), progress_style::none);
    EXPECT_EQ(choose_progress_style(progress_mode::automatic, false, false), progress_style::none);
    EXPECT_EQ(choose_progress_style(progress_mode::always, true, true), progress_style::redraw);
    EXPECT_EQ(choose_progress_style(progress_mode::always, false, false), progress_style::plain);
    EXPECT_EQ(choose_progress_style(progress_mode::never, true, false), progress_style::none);
}

TEST(progress_mode_test, modes_are_found_by_their_option_words) {
    EXPECT_EQ(find_progress_mode("auto"), progress_mode::automatic);
    EXPECT_EQ(find_progress_mode("always"), progress_mode::always);
    EXPECT_EQ(find_progress_mode("never"), progress_mode::never);
    EXPECT_EQ(find_progress_mode("yes"), std::nullopt);
}

}  // namespace
