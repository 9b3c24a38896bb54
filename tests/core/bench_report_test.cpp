// Tests for the bench figures, table and exports: the documented fields, computed right, within 80 columns.
#include "concur/core/bench_exports.hpp"
#include "concur/core/bench_report.hpp"
#include "concur/core/display_width.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace concur;

bench_row make_row(std::string model, unsigned workers, std::vector<double> times) {
    bench_row row;
    row.model = std::move(model);
    row.workers = workers;
    row.command = "concur primes --model=" + row.model + " --numbers=book";
    row.user_times.assign(times.size(), 1);
    row.system_times.assign(times.size(), 0);
    row.times = std::move(times);
    return row;
}

ceiling_row make_ceiling(unsigned copies, std::vector<double> times) {
    ceiling_row ceiling;
    ceiling.copies = copies;
    ceiling.times = std::move(times);
    return ceiling;
}

bench_summary two_rows() {
    bench_summary summary;
    summary.numbers = "book";
    summary.method = "trial-simple";
    summary.method_description = "simple trial division";
    summary.count = 20;
    summary.runs = 3;
    summary.warmup = 1;
    summary.usable_cpus = 2;
    summary.floor = 0.25;
    summary.rows.push_back(make_row("sequential", 1, {1.0, 1.2, 0.9}));
    summary.rows.push_back(make_row("thread", 4, {0.5, 0.6, 0.4}));
    compute_bench_figures(summary);
    return summary;
}

/// A sweep past the CPUs with every column as wide as it gets: what an 80-column terminal shows.
bench_summary wide_sweep() {
    bench_summary summary = two_rows();
    summary.rows.clear();
    summary.numbers = "standard input";
    summary.rows.push_back(make_row("sequential", 1, {1234.5, 1200.1, 1300.2}));
    for (const char* model : {"thread", "process"}) {
        for (unsigned workers = 1; workers <= 16; ++workers) {
            summary.rows.push_back(make_row(model, workers, {1234.5 / workers, 999.9, 1250}));
        }
    }
    summary.rows.push_back(make_row("coroutine", 1, {1234.5, 1200.1, 1300.2}));
    summary.ceilings = {make_ceiling(1, {1.0, 1.0, 1.0}), make_ceiling(2, {0.52, 0.51, 0.53})};
    summary.load_before = 12.34;
    summary.cpu_quota = 1.5;
    summary.machine = {"Intel(R) Xeon(R) Platinum 8488C with a long brand string", "GenuineIntel", 6, 143,
                       {"sse2", "avx2", "avx512"}, "avx512-reciprocal", "measured"};
    compute_bench_figures(summary);
    return summary;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

TEST(bench_report_test, speedup_and_efficiency_come_from_the_sequential_median) {
    const auto summary = two_rows();
    EXPECT_DOUBLE_EQ(summary.rows[0].wall.median, 1.0);
    EXPECT_DOUBLE_EQ(*summary.rows[1].speedup, 2.0);
    EXPECT_DOUBLE_EQ(*summary.rows[1].efficiency, 0.5);
    const std::string table = format_bench_table(summary);
    EXPECT_NE(table.find("2.00x"), std::string::npos) << table;
    EXPECT_NE(table.find("50%"), std::string::npos) << table;
    EXPECT_NE(table.find("took 250.0 ms"), std::string::npos) << table;  // the floor
    EXPECT_EQ(lines_of(table)[0], "Checking 20 numbers (book, simple trial division), 3 runs each, 1 warm-up:");
}

TEST(bench_report_test, times_are_written_in_the_unit_that_fits_the_median) {
    auto summary = two_rows();
    summary.rows[1].times = {0.00041, 0.00039, 0.00052};
    compute_bench_figures(summary);
    const std::string table = format_bench_table(summary);
    EXPECT_EQ(table.find("0.000"), std::string::npos) << table;
    EXPECT_NE(table.find("410.0 µs  390.0 µs  520.0 µs"), std::string::npos) << table;
    EXPECT_NE(table.find("1.000 s"), std::string::npos) << table;
    EXPECT_NE(bench_markdown(summary).find("| Median [µs] |"), std::string::npos);
    // A slow outlier is written in its own, larger unit: "47292.6 µs" would widen the column.
    summary.rows[1].times = {0.0002046, 0.0000964, 0.0472926};
    compute_bench_figures(summary);
    const std::string with_outlier = format_bench_table(summary);
    EXPECT_NE(with_outlier.find("204.6 µs  96.4 µs  47.3 ms"), std::string::npos) << with_outlier;
    EXPECT_EQ(with_outlier.find("47292.6"), std::string::npos) << with_outlier;
}

TEST(bench_report_test, the_table_fits_80_columns_and_draws_the_bar_only_where_there_is_room) {
    const auto summary = wide_sweep();
    const std::string narrow = format_bench_table(summary, 80);
    for (const std::string& line : lines_of(narrow)) EXPECT_LT(display_width(line), 80U) << line;
    EXPECT_EQ(narrow.find("█"), std::string::npos) << narrow;
    EXPECT_NE(narrow.find("speedup  ceiling  efficiency"), std::string::npos) << narrow;

    const std::string wide = format_bench_table(summary, 120);
    for (const std::string& line : lines_of(wide)) EXPECT_LT(display_width(line), 120U) << line;
    EXPECT_NE(wide.find("speedup bar"), std::string::npos) << wide;
    EXPECT_NE(wide.find("█"), std::string::npos) << wide;
}

TEST(bench_report_test, the_ceiling_is_the_median_of_each_rounds_ratio_and_holds_past_the_cpus) {
    auto summary = two_rows();
    // Round by round: 2 * 1.0 / 0.5 = 4 (noise), 2 * 1.0 / 0.55, 2 * 1.1 / 0.6: the median is the middle one.
    summary.ceilings = {make_ceiling(1, {1.0, 1.0, 1.1}), make_ceiling(2, {0.5, 0.55, 0.6})};
    compute_bench_figures(summary);
    ASSERT_TRUE(summary.ceilings[1].speedup);
    EXPECT_DOUBLE_EQ(*summary.ceilings[1].speedup, 2 * 1.1 / 0.6);
    EXPECT_FALSE(summary.ceilings[0].speedup);  // one copy alone has nothing to be compared with
    EXPECT_DOUBLE_EQ(*summary.rows[1].ceiling, 2 * 1.1 / 0.6);  // 4 workers on 2 CPUs: the 2-copy ceiling
    EXPECT_FALSE(summary.rows[0].ceiling);
    const std::string table = format_bench_table(summary);
    EXPECT_NE(table.find("Ceiling: 2 one-worker runs side by side"), std::string::npos) << table;
    EXPECT_NE(table.find("Past 2 workers"), std::string::npos) << table;
    EXPECT_NE(bench_json(summary).find("\"ceiling\": 3.666667"), std::string::npos);
}

TEST(bench_report_test, ceilings_are_measured_for_each_count_up_to_the_cpus) {
    EXPECT_EQ(ceiling_copy_counts({1, 2, 3, 4}, 2), (std::vector<unsigned>{1, 2}));
    EXPECT_EQ(ceiling_copy_counts({1, 2, 4, 8, 12, 16}, 8), (std::vector<unsigned>{1, 2, 4, 8}));
    EXPECT_EQ(ceiling_copy_counts({3}, 8), (std::vector<unsigned>{1, 3}));
    EXPECT_EQ(ceiling_copy_counts({1, 2, 4}, 1), (std::vector<unsigned>{1}));  // one CPU: nothing side by side
}

TEST(bench_report_test, a_busy_machine_is_named_in_a_warning_and_under_the_table) {
    auto summary = two_rows();
    summary.rows.pop_back();
    summary.load_before = 0.1;
    EXPECT_EQ(format_bench_warnings(summary), "");
    EXPECT_NE(format_bench_table(summary).find("Load average before the first run: 0.10 on 2 usable CPUs."),
              std::string::npos);
    summary.load_before = 2.5;
    EXPECT_NE(format_bench_warnings(summary).find("already busy (load average 2.50"), std::string::npos);
    EXPECT_NE(bench_json(summary).find("\"load_average\": 2.500000"), std::string::npos);
}

TEST(bench_report_test, the_machine_and_its_kernel_are_named) {
    const auto summary = wide_sweep();
    const std::string machine = describe_machine(summary.machine);
    EXPECT_EQ(machine, "Intel(R) Xeon(R) Platinum 8488C with a long brand string (GenuineIntel family 6 model 143), "
                       "SIMD sse2 avx2 avx512, kernel avx512-reciprocal (measured)");
    EXPECT_NE(format_bench_table(summary).find("Machine: Intel(R) Xeon(R)"), std::string::npos);
    const std::string json = bench_json(summary);
    EXPECT_NE(json.find("\"vendor\": \"GenuineIntel\", \"family\": 6, \"model\": 143, \"simd\": [\"sse2\", \"avx2\", "
                        "\"avx512\"], \"kernel\": \"avx512-reciprocal\", \"kernel_choice\": \"measured\""),
              std::string::npos)
        << json;
}

TEST(bench_report_test, an_interrupted_bench_says_so_in_the_table_and_every_export) {
    auto summary = two_rows();
    for (bench_row& row : summary.rows) row.times.resize(2);
    summary.interrupted_by = "SIGINT";
    compute_bench_figures(summary);
    EXPECT_EQ(summary.rounds_finished(), 2U);
    const std::string table = format_bench_table(summary);
    EXPECT_NE(table.find("2 of 3 runs each, 1 warm-up:\nIncomplete: interrupted by SIGINT after 2 of 3 rounds."),
              std::string::npos)
        << table;
    const std::string json = bench_json(summary);
    EXPECT_NE(json.find("\"rounds_finished\": 2, \"complete\": false, \"interrupted_by\": \"SIGINT\""),
              std::string::npos)
        << json;
    EXPECT_NE(bench_csv(summary).find(",thread,4,2,false,"), std::string::npos) << bench_csv(summary);
    EXPECT_NE(bench_markdown(summary).find("*Incomplete: interrupted by SIGINT after 2 of 3 rounds.*"),
              std::string::npos);
}

TEST(bench_report_test, an_interrupt_before_any_round_ended_gives_dashes_not_zeros) {
    auto summary = two_rows();
    for (bench_row& row : summary.rows) row.times.clear();
    summary.interrupted_by = "SIGTERM";
    compute_bench_figures(summary);
    const std::string table = format_bench_table(summary);
    EXPECT_NE(table.find("0 of 3 runs each"), std::string::npos) << table;
    EXPECT_NE(table.find("Incomplete: interrupted by SIGTERM after 0 of 3 rounds."), std::string::npos) << table;
    EXPECT_EQ(table.find("0.0"), std::string::npos) << table;
    EXPECT_EQ(table.find("0x"), std::string::npos) << table;     // no speedup without a baseline
    EXPECT_EQ(table.find("Floor"), std::string::npos) << table;  // nothing was measured
}

TEST(bench_report_test, bars_are_drawn_in_eighths) {
    EXPECT_EQ(unicode_bar(1, 1, 2), "██");
    EXPECT_EQ(unicode_bar(0.5, 1, 1), "▌");
    EXPECT_EQ(unicode_bar(0, 1, 5), "");
}

TEST(bench_report_test, exports_carry_the_documented_fields_and_the_raw_times) {
    const auto summary = two_rows();
    const std::string json = bench_json(summary);
    for (const char* field : {"\"results\"", "\"command\"", "\"mean\"", "\"stddev\"", "\"median\"", "\"user\"",
                              "\"system\"", "\"min\"", "\"max\"", "\"times\"", "\"user_times\"", "\"system_times\"",
                              "\"parameters\"", "\"speedup\"", "\"ceiling\"", "\"efficiency\"", "\"floor\"",
                              "\"usable_cpus\"", "\"complete\": true", "\"ceilings\""}) {
        EXPECT_NE(json.find(field), std::string::npos) << field;
    }
    EXPECT_NE(json.find("\"times\": [0.500000000, 0.600000000, 0.400000000]"), std::string::npos) << json;
    const std::string csv = bench_csv(summary);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "command,model,workers,runs,complete,mean,stddev,median,user,system,min,max,speedup,ceiling,efficiency");
    EXPECT_NE(csv.find(",thread,4,3,true,0.500000000,"), std::string::npos) << csv;
    const std::string markdown = bench_markdown(summary);
    EXPECT_NE(markdown.find("| `thread` | 4 | 500.0 | 400.0 | 600.0 | 2.00 | - | 50% |"), std::string::npos)
        << markdown;
}

}  // namespace
