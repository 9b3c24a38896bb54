// Tests for race_report: lost updates, time per increment, the 80-column table and the JSON.
#include "concur/core/race_report.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace concur;
using namespace std::chrono_literals;

/// A row whose units ran all along (a CPU share of 1 on 2 CPUs), unless `share` says otherwise.
race_row row_of(race_sync sync, std::uint64_t count, std::uint64_t total, std::chrono::nanoseconds elapsed,
                std::uint64_t alone_count, std::chrono::nanoseconds alone_elapsed, double share = 1.0) {
    const auto times = [share](std::chrono::nanoseconds t) {
        return std::chrono::nanoseconds{static_cast<std::int64_t>(static_cast<double>(t.count()) * share)};
    };
    return {sync, count, total, elapsed, 2 * times(elapsed), alone_count, alone_elapsed, times(alone_elapsed)};
}

race_summary two_threads() {
    race_summary summary;
    summary.units = 2;
    summary.usable_cpus = 2;
    summary.calibrated = true;
    //                     sync             M              total          elapsed  alone M       alone
    summary.rows = {row_of(race_sync::none, 100'000'000, 150'000'000, 200ms, 100'000'000, 100ms),
                    row_of(race_sync::mutex, 10'000'000, 20'000'000, 1000ms, 10'000'000, 200ms),
                    row_of(race_sync::local, 1'000'000'000, 2'000'000'000, 500ms, 200'000'000, 100ms)};
    return summary;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST(race_report_test, lost_updates_and_times_per_increment) {
    const race_summary summary = two_threads();
    const race_row& none = summary.rows[0];
    EXPECT_EQ(race_expected(summary, none), 200'000'000U);
    EXPECT_EQ(race_lost(summary, none), 50'000'000);
    EXPECT_DOUBLE_EQ(race_ns_per_increment(summary, none), 1.0);          // 200 ms / 2e8
    EXPECT_DOUBLE_EQ(race_one_unit_ns_per_increment(none), 1.0);          // 100 ms / 1e8
    EXPECT_DOUBLE_EQ(*race_vs_one_unit(summary, none), 1.0);
    const race_row& mutex = summary.rows[1];
    EXPECT_EQ(race_lost(summary, mutex), 0);
    EXPECT_DOUBLE_EQ(*race_vs_one_unit(summary, mutex), 50.0 / 20.0);    // 50 ns together, 20 alone
    const race_row& local = summary.rows[2];
    EXPECT_DOUBLE_EQ(*race_vs_one_unit(summary, local), 0.25 / 0.5);     // twice the work per second
    race_row untimed = local;
    untimed.one_unit_elapsed = 0ns;
    EXPECT_FALSE(race_vs_one_unit(summary, untimed));
}

TEST(race_report_test, the_table_shows_each_row_and_says_what_its_columns_mean) {
    const std::string table = format_race_table(two_threads());
    EXPECT_NE(table.find("race: 2 threads each add 1 to one count M times (2 usable CPUs)\n"), std::string::npos)
        << table;
    EXPECT_NE(table.find("M: calibrated so that each row takes about 0.5 s\n"), std::string::npos);
    EXPECT_NE(table.find("none              200000000     150000000      50000000   25.0%    1.00   1.00x\n"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("mutex              20000000      20000000             0    0.0%    50.0   2.50x\n"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("ns/inc: elapsed time / expected increments, all threads together."), std::string::npos);
    EXPECT_EQ(race_note(two_threads()), "");
}

TEST(race_report_test, every_line_fits_80_columns_even_at_the_limits) {
    race_summary summary = two_threads();
    summary.model = execution_model::process;
    summary.units = 512;
    summary.usable_cpus = 1;
    summary.calibrated = false;
    summary.rows = {row_of(race_sync::false_sharing, race_max_count, 1, 999'999s, 1, 1ns, 0.01),
                    row_of(race_sync::atomic, race_max_count, 512 * race_max_count, 1ns, race_max_count, 100s)};
    const std::string table = format_race_table(summary);
    EXPECT_NE(table.find("M: 10000000000 (--count)\n"), std::string::npos) << table;
    EXPECT_NE(table.find("5120000000000"), std::string::npos) << table;
    for (const std::string& line : lines_of(table)) EXPECT_LE(line.size(), 80U) << line;
    summary.units = 1;
    for (const std::string& line : lines_of(format_race_table(summary))) EXPECT_LE(line.size(), 80U) << line;
}

TEST(race_report_test, a_few_lost_updates_are_never_shown_as_none) {
    race_summary summary = two_threads();
    summary.rows = {row_of(race_sync::none, 1'000'000'000, 1'999'999'990, 1s, 1, 1ns)};
    EXPECT_NE(format_race_table(summary).find("10   <0.1%"), std::string::npos) << format_race_table(summary);
}

TEST(race_report_test, one_cpu_and_one_unit_are_explained) {
    race_summary summary = two_threads();
    summary.usable_cpus = 1;
    EXPECT_NE(race_note(summary).find("Only 1 CPU is usable: the threads take turns"), std::string::npos);
    EXPECT_NE(race_note(summary).find(" lost updates become rare here."), std::string::npos) << race_note(summary);
    const std::string table = format_race_table(summary);
    EXPECT_NE(table.find("\nOnly 1 CPU is usable: the threads take turns on it, each for a whole time slice,\n"),
              std::string::npos)
        << table;  // wrapped at 80 columns
    summary.model = execution_model::process;
    EXPECT_NE(race_note(summary).find("the processes take turns"), std::string::npos);
    summary.units = 1;
    EXPECT_NE(race_note(summary).find("One process counts alone"), std::string::npos);
}

TEST(race_report_test, a_busy_machine_is_named_from_the_least_cpu_share) {
    race_summary summary = two_threads();
    // The mutex row's units slept half the time, waiting for the lock: that is no busy machine.
    summary.rows[1].cpu_time = summary.rows[1].elapsed;
    EXPECT_DOUBLE_EQ(*race_cpu_share(summary, summary.rows[1]), 0.5);
    EXPECT_EQ(race_note(summary), "");
    // The local row's units ran a fifth of the time: other programs had the CPUs.
    summary.rows[2] = row_of(race_sync::local, 1'000'000'000, 2'000'000'000, 500ms, 200'000'000, 100ms, 0.2);
    EXPECT_DOUBLE_EQ(*race_cpu_share(summary, summary.rows[2]), 0.2);
    EXPECT_DOUBLE_EQ(*race_one_unit_cpu_share(summary.rows[2]), 0.2);
    EXPECT_NE(race_note(summary).find("Busy machine: in the local row the threads ran on a CPU only 20% of the time "
                                      "they took; other programs had the rest."),
              std::string::npos)
        << race_note(summary);
    for (const std::string& line : lines_of(format_race_table(summary))) EXPECT_LE(line.size(), 80U) << line;
    // More units than CPUs: the share is of the CPUs they could fill.
    summary.usable_cpus = 1;
    EXPECT_DOUBLE_EQ(*race_cpu_share(summary, summary.rows[0]), 2.0);
}

TEST(race_report_test, json_carries_every_figure) {
    race_summary summary = two_threads();
    const std::string json = race_json(summary);
    EXPECT_NE(json.find("\"command\": \"race\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"model\": \"thread\",\n  \"units\": 2,\n  \"usable_cpus\": 2,\n  \"calibrated\": true"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find("{\"sync\": \"none\", \"count_per_unit\": 100000000, \"expected\": 200000000, "
                        "\"total\": 150000000, \"lost\": 50000000, \"lost_percent\": 25.000000, "
                        "\"elapsed\": 0.200000000, \"ns_per_increment\": 1.000000, \"cpu_share\": 1.000000, "
                        "\"one_unit\": {\"count\": 100000000, \"elapsed\": 0.100000000, \"ns_per_increment\": "
                        "1.000000, \"cpu_share\": 1.000000}, \"vs_one_unit\": 1.000000}"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find("\"note\": null\n}\n"), std::string::npos);
    summary.usable_cpus = 1;
    summary.rows[0].one_unit_elapsed = 0ns;
    const std::string single = race_json(summary);
    EXPECT_NE(single.find("\"cpu_share\": null}, \"vs_one_unit\": null"), std::string::npos) << single;
    EXPECT_NE(single.find("\"note\": \"Only 1 CPU is usable: the threads take turns on it, each for a whole time "
                          "slice, so another"),
              std::string::npos)
        << single;
    EXPECT_EQ(single.find("\\n"), std::string::npos);  // the note is one line in JSON
}

}  // namespace
