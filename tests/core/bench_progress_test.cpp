// Tests for bench_progress_line: what stays when the terminal is narrow.
#include "concur/core/bench_progress.hpp"

#include "concur/core/display_width.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

const bench_progress measuring{false, 2, 5, "process with 12 workers", 13, 20, 123.4};

TEST(bench_progress_test, an_80_column_terminal_shows_every_part) {
    EXPECT_EQ(bench_progress_line(measuring, 80),
              "bench: run 2 of 5, process with 12 workers (13 of 20), 123.4s elapsed");
}

TEST(bench_progress_test, a_narrow_terminal_keeps_the_position_and_the_time) {
    for (std::size_t columns = 20; columns <= 80; ++columns) {
        const std::string line = bench_progress_line(measuring, columns);
        EXPECT_LT(display_width(line), columns) << line;  // never the last column
        if (columns >= 40) {
            EXPECT_NE(line.find("(13 of 20), 123.4s"), std::string::npos) << columns << ": " << line;
        }
    }
    EXPECT_EQ(bench_progress_line(measuring, 60), "bench: run 2 of 5, process with… (13 of 20), 123.4s elapsed");
}

TEST(bench_progress_test, warm_up_rounds_say_so) {
    const bench_progress warming{true, 1, 1, "2 runs side by side", 3, 9, 0.5};
    EXPECT_EQ(bench_progress_line(warming, 80), "bench: warm-up 1 of 1, 2 runs side by side (3 of 9), 0.5s elapsed");
}

}  // namespace
