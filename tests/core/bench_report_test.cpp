// Tests for the bench figures, table and exports: the documented fields, computed right.
#include "concur/core/bench_exports.hpp"
#include "concur/core/bench_report.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

bench_summary two_rows() {
    bench_summary summary;
    summary.numbers = "book";
    summary.count = 20;
    summary.runs = 3;
    summary.warmup = 1;
    summary.usable_cpus = 2;
    summary.floor = 0.25;
    summary.rows.push_back({"sequential", 1, "concur primes --model=sequential --numbers=book", {1.0, 1.2, 0.9},
                            {1, 1, 1}, {0, 0, 0}, {}, {}, {}});
    summary.rows.push_back({"thread", 4, "concur primes --model=thread --procs=4 --numbers=book", {0.5, 0.6, 0.4},
                            {1, 1, 1}, {0, 0, 0}, {}, {}, {}});
    compute_bench_figures(summary);
    return summary;
}

TEST(bench_report_test, speedup_and_efficiency_come_from_the_sequential_median) {
    const auto summary = two_rows();
    EXPECT_DOUBLE_EQ(summary.rows[0].wall.median, 1.0);
    EXPECT_DOUBLE_EQ(*summary.rows[1].speedup, 2.0);
    EXPECT_DOUBLE_EQ(*summary.rows[1].efficiency, 0.5);
    const std::string table = format_bench_table(summary);
    EXPECT_NE(table.find("2.00x"), std::string::npos) << table;
    EXPECT_NE(table.find("50%"), std::string::npos) << table;
    EXPECT_NE(table.find("0.250s"), std::string::npos) << table;  // the floor
    EXPECT_NE(format_bench_warnings(summary).find("4 workers"), std::string::npos);
}

TEST(bench_report_test, a_busy_machine_is_named_in_a_warning_and_under_the_table) {
    auto summary = two_rows();
    summary.rows.pop_back();  // no row beyond the CPUs: only the load can warn
    summary.load_before = 0.1;
    EXPECT_EQ(format_bench_warnings(summary), "");
    EXPECT_NE(format_bench_table(summary).find("Load average before the first run: 0.10 on 2 usable CPUs."),
              std::string::npos);
    summary.load_before = 2.5;
    EXPECT_NE(format_bench_warnings(summary).find("already busy (load average 2.50"), std::string::npos);
    EXPECT_NE(bench_json(summary).find("\"load_average\": 2.500000"), std::string::npos);
}

TEST(bench_report_test, bars_are_drawn_in_eighths) {
    EXPECT_EQ(unicode_bar(1, 1, 2), "██");
    EXPECT_EQ(unicode_bar(0.5, 1, 1), "▌");
    EXPECT_EQ(unicode_bar(0, 1, 5), "");
}

TEST(bench_report_test, exports_carry_the_documented_fields) {
    const auto summary = two_rows();
    const std::string json = bench_json(summary);
    for (const char* field : {"\"results\"", "\"command\"", "\"mean\"", "\"stddev\"", "\"median\"", "\"user\"",
                              "\"system\"", "\"min\"", "\"max\"", "\"times\"", "\"parameters\"", "\"speedup\"",
                              "\"efficiency\"", "\"floor\"", "\"usable_cpus\""}) {
        EXPECT_NE(json.find(field), std::string::npos) << field;
    }
    const std::string csv = bench_csv(summary);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "command,model,workers,mean,stddev,median,user,system,min,max,speedup,efficiency");
    EXPECT_NE(csv.find(",thread,4,0.500000000,"), std::string::npos) << csv;
    const std::string markdown = bench_markdown(summary);
    EXPECT_NE(markdown.find("| `thread` | 4 | 0.500 | 0.400 | 0.600 | 2.00 | 50% |"), std::string::npos) << markdown;
}

}  // namespace
