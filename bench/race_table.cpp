// race_table: `concur race`'s table as the median of several runs, with the spread and the ordering of costs.
//
// Usage: concur_race_table [--runs=5] [--threads=N] [--model=thread|process] [--count=M]
// Each row of the table printed is a real row: of the runs, the one whose time per increment
// is the median. Below it, the spread over all runs, and the ways ordered by that median.
#include "concur/core/cpu_identity.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/demos/race.hpp"
#include "concur/sys/cpu_count.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace concur;

/// "Oxide Virtual Turin-like Processor (AMD, family 26, model 2)": what CPUID says, as the
/// other benchmarks record it (a virtual machine's /proc/cpuinfo may name it differently).
std::string cpu_model() {
    const cpu_identity cpu = this_cpu();
    return fmt::format("{} ({}, family {}, model {})", cpu.model_name.empty() ? "unknown CPU" : cpu.model_name,
                       cpu.vendor, cpu.family, cpu.model);
}

std::string load_average() {
    std::ifstream loadavg{"/proc/loadavg"};
    std::string one, five, fifteen;
    loadavg >> one >> five >> fifteen;
    return fmt::format("{} {} {}", one, five, fifteen);
}

/// --name=value's value, or nothing.
std::optional<std::string> option(int argc, char** argv, std::string_view name) {
    const std::string prefix = fmt::format("--{}=", name);
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.rfind(prefix, 0) == 0) return std::string{arg.substr(prefix.size())};
    }
    return std::nullopt;
}

std::uint64_t whole_number(const std::optional<std::string>& text, std::uint64_t otherwise) {
    if (!text) return otherwise;
    const auto value = parse_decimal_u64(*text);
    if (!value) throw std::runtime_error(fmt::format("'{}' is not a whole number", *text));
    return *value;
}

/// Row `index` of every run, ordered by time per increment.
std::vector<race_row> rows_by_speed(const std::vector<race_summary>& summaries, std::size_t index) {
    std::vector<race_row> rows;
    for (const race_summary& summary : summaries) rows.push_back(summary.rows[index]);
    const race_summary& any = summaries.front();
    std::sort(rows.begin(), rows.end(), [&any](const race_row& a, const race_row& b) {
        return race_ns_per_increment(any, a) < race_ns_per_increment(any, b);
    });
    return rows;
}

void print_spread(const std::vector<race_summary>& summaries) {
    const race_summary& any = summaries.front();
    fmt::print("\nspread over the {} runs (cpu: the median share of CPU the units got):\n{:<13}{:>24}{:>22}{:>11}{:>8}\n",
               summaries.size(), "sync", "ns/inc min-median-max", "lost % min-max", "all exact", "cpu");
    for (std::size_t i = 0; i < any.rows.size(); ++i) {
        const auto rows = rows_by_speed(summaries, i);
        double least_lost = 100;
        double most_lost = 0;
        bool exact = true;
        for (const race_row& row : rows) {
            const double expected = static_cast<double>(race_expected(any, row));
            const double percent = 100.0 * static_cast<double>(race_lost(any, row)) / expected;
            least_lost = std::min(least_lost, percent);
            most_lost = std::max(most_lost, percent);
            exact = exact && race_lost(any, row) == 0;
        }
        const auto share = race_cpu_share(any, rows[rows.size() / 2]);
        fmt::print("{:<13}{:>24}{:>22}{:>11}{:>8}\n", race_sync_name(rows.front().sync),
                   fmt::format("{:.2f}-{:.2f}-{:.2f}", race_ns_per_increment(any, rows.front()),
                               race_ns_per_increment(any, rows[rows.size() / 2]),
                               race_ns_per_increment(any, rows.back())),
                   fmt::format("{:.2f}-{:.2f}%", least_lost, most_lost), exact ? "yes" : "no",
                   share ? fmt::format("{:.0f}%", 100 * *share) : std::string{"-"});
    }
}

/// "local 0.25 < false-sharing 1.31 < atomic 6.02 < mutex 21.7", by median time per increment.
void print_ordering(const race_summary& medians) {
    std::vector<race_row> rows = medians.rows;
    std::sort(rows.begin(), rows.end(), [&medians](const race_row& a, const race_row& b) {
        return race_ns_per_increment(medians, a) < race_ns_per_increment(medians, b);
    });
    std::string order;
    for (const race_row& row : rows) {
        order += fmt::format("{}{} {:.2f}", order.empty() ? "" : " < ", race_sync_name(row.sync),
                             race_ns_per_increment(medians, row));
    }
    fmt::print("\nordering by median ns per increment:\n  {}\n", order);
}

}  // namespace

int main(int argc, char** argv) try {
    const auto runs = static_cast<unsigned>(whole_number(option(argc, argv, "runs"), 5));
    race_options options;
    options.threads = static_cast<unsigned>(whole_number(option(argc, argv, "threads"), default_race_threads()));
    if (const auto model = option(argc, argv, "model")) {
        options.model = parse_execution_model(*model).value_or(execution_model::thread);
        if (options.model == execution_model::process) options.syncs = {race_sync::none, race_sync::atomic};
    }
    if (const auto count = option(argc, argv, "count")) options.count = whole_number(count, 0);
    if (runs == 0) throw std::runtime_error("--runs must be at least 1");

    fmt::print("machine: {}, {} usable CPUs (of {} online), load average {}\n", cpu_model(),
               sys::usable_cpu_count(), std::thread::hardware_concurrency(), load_average());
    std::vector<race_summary> summaries;
    for (unsigned run = 0; run < runs; ++run) {
        race_measurement measurement = measure_race(options);
        if (measurement.interrupt_signal != 0 || !measurement.lost_unit.empty()) {
            fmt::print(stderr, "race_table: run {} ended early\n", run + 1);
            return 1;
        }
        summaries.push_back(std::move(measurement.summary));
        fmt::print(stderr, "run {} of {} done\n", run + 1, runs);
    }
    race_summary medians = summaries.front();
    for (std::size_t i = 0; i < medians.rows.size(); ++i) medians.rows[i] = rows_by_speed(summaries, i)[runs / 2];
    fmt::print("each row: of {} runs, the one with the median ns/inc\n\n{}", runs, format_race_table(medians));
    print_spread(summaries);
    print_ordering(medians);
    return 0;
} catch (const std::exception& error) {
    fmt::print(stderr, "race_table: {}\n", error.what());
    return 1;
}
