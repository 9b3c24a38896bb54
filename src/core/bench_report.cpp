// bench_report: what `concur bench` measured, and the table it prints.
#include "concur/core/bench_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace concur {

void compute_bench_figures(bench_summary& summary) {
    std::optional<double> baseline;
    for (bench_row& row : summary.rows) {
        row.wall = describe_samples(row.times);
        if (row.model == "sequential" && !row.times.empty()) baseline = row.wall.median;
    }
    for (bench_row& row : summary.rows) {
        if (!baseline || row.wall.median <= 0) continue;
        row.speedup = *baseline / row.wall.median;
        row.efficiency = *row.speedup / row.workers;
    }
}

std::string unicode_bar(double value, double full, std::size_t width) {
    static constexpr std::array<const char*, 8> eighths{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    if (!(value > 0) || !(full > 0)) return "";
    const double cells = std::min(value / full, 1.0) * static_cast<double>(width);
    const auto total_eighths = static_cast<std::size_t>(std::lround(cells * 8));
    std::string bar;
    for (std::size_t i = 0; i < total_eighths / 8; ++i) bar += "█";
    bar += eighths[total_eighths % 8];
    return bar;
}

std::string format_bench_table(const bench_summary& summary) {
    std::string text = fmt::format("Checking {} numbers ({}{}{}), {} run{} per row after {} warm-up{}:\n",
                                   summary.count, summary.numbers, summary.method_description.empty() ? "" : ", ",
                                   summary.method_description, summary.runs, summary.runs == 1 ? "" : "s",
                                   summary.warmup, summary.warmup == 1 ? "" : "s");
    double full = 1;  // bars share one scale: the largest speedup, or the ideal for the most workers
    for (const bench_row& row : summary.rows) {
        full = std::max({full, row.speedup.value_or(0), static_cast<double>(row.workers)});
    }
    fmt::format_to(std::back_inserter(text), "{:<10}  {:>7}  {:>8}  {:>8}  {:>8}  {:>7}  {:>10}  {}\n", "model",
                   "workers", "median", "min", "max", "speedup", "efficiency", "speedup bar");
    for (const bench_row& row : summary.rows) {
        const std::string speedup = row.speedup ? fmt::format("{:.2f}x", *row.speedup) : "-";
        const std::string efficiency = row.efficiency ? fmt::format("{:.0f}%", *row.efficiency * 100) : "-";
        fmt::format_to(std::back_inserter(text), "{:<10}  {:>7}  {:>7.3f}s  {:>7.3f}s  {:>7.3f}s  {:>7}  {:>10}  {}\n",
                       row.model, row.workers, row.wall.median, row.wall.min, row.wall.max, speedup, efficiency,
                       unicode_bar(row.speedup.value_or(0), full, 24));
    }
    fmt::format_to(std::back_inserter(text),
                   "Floor: the longest single check took {:.3f}s; no number of workers can finish sooner.\n",
                   summary.floor);
    if (summary.load_before) {
        fmt::format_to(std::back_inserter(text), "Load average before the first run: {:.2f} on {} usable CPU{}.\n",
                       *summary.load_before, summary.usable_cpus, summary.usable_cpus == 1 ? "" : "s");
    }
    if (std::none_of(summary.rows.begin(), summary.rows.end(),
                     [](const bench_row& row) { return row.model == "sequential"; })) {
        text += "No speedup: add sequential to --models to have a baseline.\n";
    }
    return text;
}

std::string format_bench_warnings(const bench_summary& summary) {
    unsigned most = 0;
    for (const bench_row& row : summary.rows) most = std::max(most, row.workers);
    std::string text;
    if (most > summary.usable_cpus) {
        text += fmt::format("concur: warning: up to {} workers but this process may use {} CPU{} (its affinity "
                            "mask): beyond that, workers take turns and cannot go faster\n",
                            most, summary.usable_cpus, summary.usable_cpus == 1 ? "" : "s");
    }
    if (summary.cpu_quota && most > *summary.cpu_quota) {
        text += fmt::format("concur: warning: up to {} workers but the cgroup's CPU quota allows {:.2f} CPUs' "
                            "worth of time: beyond that, workers are throttled\n",
                            most, *summary.cpu_quota);
    }
    if (summary.load_before && *summary.load_before >= 0.5) {
        text += fmt::format("concur: warning: the machine is already busy (load average {:.2f} on {} usable "
                            "CPU{}): other work competes with the workers, so speedups come out lower than on "
                            "an idle machine\n",
                            *summary.load_before, summary.usable_cpus, summary.usable_cpus == 1 ? "" : "s");
    }
    return text;
}

}  // namespace concur
