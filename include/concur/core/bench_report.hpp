// bench_report: what `concur bench` measured, and the table it prints.
#pragma once

#include "concur/core/sample_stats.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace concur {

/// One configuration (a model with a worker count), measured `runs` times.
struct bench_row {
    std::string model;                 // "sequential", "thread", "process", "coroutine"
    unsigned workers = 1;              // 1 for sequential, which has no workers
    std::string command;               // the `concur primes` command line it stands for
    std::vector<double> times;         // wall-clock seconds, one per measured run
    std::vector<double> user_times;    // CPU seconds in user mode, all threads and children
    std::vector<double> system_times;  // CPU seconds in the kernel
    sample_stats wall;                 // of `times`
    std::optional<double> speedup;     // sequential median / this median (needs a sequential row)
    std::optional<double> efficiency;  // speedup / workers: 1.0 is every worker fully useful
};

struct bench_summary {
    std::vector<bench_row> rows;
    std::string numbers;               // "book", "seed" or "standard input"
    std::string method;                // how each number is checked: "trial-simple", "trial", ...
    std::string method_description;    // the same for people: "simple trial division"
    std::size_t count = 0;             // numbers checked per run
    unsigned runs = 0;
    unsigned warmup = 0;
    unsigned usable_cpus = 1;          // the affinity mask
    std::optional<double> cpu_quota;   // the cgroup's CPU time limit, in CPUs
    std::optional<double> load_before; // one-minute load average before the first run
    double floor = 0;                  // seconds: the longest single check, which no pool can split
};

/// Fills each row's `wall`, `speedup` and `efficiency` from its times and the sequential row.
void compute_bench_figures(bench_summary& summary);

/// The table: model, workers, median, min, max, speedup, efficiency, and a bar drawn with
/// unicode blocks whose length is the speedup; then the floor.
[[nodiscard]] std::string format_bench_table(const bench_summary& summary);

/// A warning line for each way the sweep asks for more workers than CPUs this process may
/// use (affinity mask, cgroup quota), and one when the machine was already busy (a load
/// average of 0.5 or more before the first run); empty when none applies.
[[nodiscard]] std::string format_bench_warnings(const bench_summary& summary);

/// A bar `value / full * width` characters long, in eighths of a block: "████▍".
[[nodiscard]] std::string unicode_bar(double value, double full, std::size_t width);

}  // namespace concur
