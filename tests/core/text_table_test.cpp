// Tests for text_table: columns lined up by display width, wrapped to fit when asked.
#include "concur/core/text_table.hpp"

#include "concur/core/display_width.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace concur;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

TEST(text_table_test, columns_line_up_by_display_width_not_bytes) {
    text_table table{{{"model"}, {"median", column_align::right}}};
    table.add_row({"thread", "38.4 µs"});  // µ is two bytes, one column
    table.add_row({"sequential", "752.1 ms"});
    EXPECT_EQ(table.render(80),
              "model         median\n"
              "thread       38.4 µs\n"
              "sequential  752.1 ms\n");
}

TEST(text_table_test, a_wrapping_column_is_narrowed_until_the_table_fits) {
    text_table table{{{"measure", column_align::left, true}, {"model"}, {"median", column_align::right}}};
    table.add_row({"start and finish one unit (spawn + await + destroy a task)", "coroutine", "0.230 µs"});
    table.add_row({"message round trip (mutex + condition variable)", "thread", "7.90 µs"});
    const std::string text = table.render(50);
    for (const std::string& line : lines_of(text)) EXPECT_LE(display_width(line), 50U) << text;
    EXPECT_EQ(table.width_within(50), 50U) << text;
    const auto lines = lines_of(text);
    ASSERT_GE(lines.size(), 5U);
    EXPECT_NE(lines[1].find("coroutine"), std::string::npos) << text;  // the figures stay on the row's first line
    EXPECT_NE(lines[1].find("0.230 µs"), std::string::npos) << text;
    EXPECT_EQ(lines[2].find_first_not_of(' '), 2U) << text;  // the description goes on below, indented
}

TEST(text_table_test, wide_enough_means_nothing_wraps) {
    text_table table{{{"measure", column_align::left, true}, {"n", column_align::right}}};
    table.add_row({"a fairly long description", "1"});
    EXPECT_EQ(lines_of(table.render(80)).size(), 2U);
    EXPECT_EQ(table.width_within(80), display_width("a fairly long description  1"));
}

}  // namespace
