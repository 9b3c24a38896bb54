// Tests for cost_report: ratios to the coroutine figure, the table and the JSON.
#include "concur/core/cost_report.hpp"

#include "concur/core/display_width.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

std::vector<cost_figure> sample_figures() {
    return {
        {"thread", "start_finish", "start thread", 20.0, "µs", 10, "time", 1, {}},
        {"coroutine", "start_finish", "start task", 0.25, "µs", 10, "time", 1, {}},
        {"thread", "stack_size", "stack", 8.0, "MiB", 1, "reserved", 1024.0 * 1024.0, {}},
        {"coroutine", "frame_bytes", "frame", 128.0, "B", 1000, "reserved", 1, {}},
        {"process", "private_per_unit", "private", 64.0, "KiB", 2, "resident", 1024, {}},
        {"coroutine", "heap_per_unit", "heap", 300.0, "B", 1000, "", 1, {}},
    };
}

TEST(cost_report_test, ratios_compare_per_unit_values_of_the_same_kind) {
    auto figures = sample_figures();
    compare_with_coroutines(figures);
    EXPECT_DOUBLE_EQ(*figures[0].ratio_to_coroutine, 80.0);
    EXPECT_DOUBLE_EQ(*figures[1].ratio_to_coroutine, 1.0);
    EXPECT_DOUBLE_EQ(*figures[2].ratio_to_coroutine, 8.0 * 1024 * 1024 / 128);  // MiB against bytes
    EXPECT_FALSE(figures[4].ratio_to_coroutine);  // no coroutine figure is "resident" here
    EXPECT_FALSE(figures[5].ratio_to_coroutine);  // compares with nothing
}

TEST(cost_report_test, table_and_json_carry_the_ratio) {
    auto figures = sample_figures();
    compare_with_coroutines(figures);
    const std::string table = format_cost_table(figures, 10);
    EXPECT_NE(table.find("vs coroutine"), std::string::npos);
    EXPECT_NE(table.find("80.0x"), std::string::npos);
    EXPECT_NE(table.find("65536x"), std::string::npos);
    EXPECT_NE(table.find("0.250"), std::string::npos);  // three decimals below 1
    const std::string json = cost_json(figures, 10);
    EXPECT_NE(json.find("\"ratio_to_coroutine\": 80}"), std::string::npos) << json;
    EXPECT_NE(json.find("\"ratio_to_coroutine\": null"), std::string::npos);
}

TEST(cost_report_test, the_table_fits_80_columns_by_wrapping_the_descriptions) {
    std::vector<cost_figure> figures{
        {"coroutine", "start_finish", "start and finish one unit (spawn + await + destroy a task)", 0.23, "µs", 1000,
         "time", 1, {}},
        {"process", "start_finish", "start and finish one unit (fork + _exit + waitpid)", 9136.7, "µs", 1000, "time", 1,
         {}},
        {"thread", "resident_per_1000", "resident growth per 1,000 parked threads (VmRSS)", 9.45, "MiB", 1000,
         "resident", 1024 * 1024 / 1000.0, {}},
    };
    compare_with_coroutines(figures);
    const std::string table = format_cost_table(figures, 1000, 80);
    std::size_t lines = 0;
    for (std::size_t start = 0; start < table.size(); ++lines) {
        const std::size_t end = table.find('\n', start);
        EXPECT_LT(display_width(std::string_view{table}.substr(start, end - start)), 80U) << table;
        start = end + 1;
    }
    EXPECT_GT(lines, 5U) << table;  // the header, the column names, and rows of more than one line
    EXPECT_NE(table.find("9136.7 µs"), std::string::npos) << table;
    EXPECT_NE(table.find("\n  await + destroy a task)\n"), std::string::npos) << table;  // below, indented
    EXPECT_NE(format_cost_table(figures, 1000, 200).find("start and finish one unit (spawn + await + destroy a task)"),
              std::string::npos);  // one line each where there is room
}

}  // namespace
