// bench_report: what `concur bench` measured, and the table it prints.
#pragma once

#include "concur/core/sample_stats.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace concur {

/// One configuration (a model with a worker count), measured once per round.
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
    std::optional<double> ceiling;     // the machine's ceiling for this many workers (see ceiling_row)
};

/// The machine's parallel ceiling: `copies` independent one-worker runs (the sequential model,
/// each in a process of its own, sharing nothing) started together, against one such run alone
/// in the same round. No pool is involved, so what keeps k runs from finishing k times as fast
/// is the machine: shared caches and memory, a clock that drops when more cores are busy, a
/// hypervisor's other guests. A pool's speedup can reach this ceiling but not pass it; the gap
/// between the two is what the pool itself costs.
struct ceiling_row {
    unsigned copies = 1;               // 1: the run alone, which every other count is compared with
    std::vector<double> times;         // wall seconds until the last copy ended, one per round
    std::optional<double> speedup;     // median over rounds of copies * alone / times (none for 1)
};

/// Which processor ran the bench, and which vector kernel the checks used.
struct bench_machine {
    std::string cpu_name;              // CPUID's brand string, "AMD EPYC 9R45"; may be empty
    std::string vendor;                // "AuthenticAMD", "GenuineIntel"
    unsigned family = 0;               // as /proc/cpuinfo's "cpu family"
    unsigned model = 0;                // as /proc/cpuinfo's "model"
    std::vector<std::string> simd;     // the instruction sets the kernels may use: "sse2", "avx2", ...
    std::string kernel;                // the trial-division kernel in use; empty when the method has none
    std::string kernel_choice;         // how it was chosen: "measured", "preset", "forced"
};

struct bench_summary {
    std::vector<bench_row> rows;
    std::vector<ceiling_row> ceilings; // copies 1 (the run alone) first; empty when no row has 2 workers
    std::string numbers;               // "book", "seed" or "standard input"
    std::string method;                // how each number is checked: "trial-simple", "trial", ...
    std::string method_description;    // the same for people: "simple trial division"
    std::size_t count = 0;             // numbers checked per run
    unsigned runs = 0;                 // rounds asked for (--runs)
    unsigned warmup = 0;
    unsigned usable_cpus = 1;          // the affinity mask
    std::optional<double> cpu_quota;   // the cgroup's CPU time limit, in CPUs
    std::optional<double> load_before; // one-minute load average before the first run
    double floor = 0;                  // seconds: the longest single check, which no pool can split
    bench_machine machine;
    std::string interrupted_by;        // "SIGINT" when a signal stopped the bench: the figures then
                                       // come from the rounds that finished before it (maybe none)

    /// The measured rounds every row has: `runs`, or fewer when interrupted.
    [[nodiscard]] unsigned rounds_finished() const;
    [[nodiscard]] bool complete() const { return interrupted_by.empty(); }
    /// The ceiling a row of `workers` is held to: the one measured for min(workers, usable CPUs)
    /// copies (beyond the CPUs, more copies only take turns); none for one worker.
    [[nodiscard]] std::optional<double> ceiling_for(unsigned workers) const;
};

/// The copy counts whose ceiling a bench measures for rows of `worker_counts` on `usable_cpus`
/// CPUs: 1 (the run alone), then min(w, usable_cpus) for each w from 2 up, without repeats.
/// Only 1 when no count reaches 2: then there is nothing to compare with.
[[nodiscard]] std::vector<unsigned> ceiling_copy_counts(const std::vector<unsigned>& worker_counts,
                                                        unsigned usable_cpus);

/// Fills each row's `wall`, `speedup`, `efficiency` and `ceiling`, and each ceiling's speedup.
void compute_bench_figures(bench_summary& summary);

/// What bench prints: a header line, the table (model, workers, median, min and max in the
/// unit that fits the median, speedup, ceiling, efficiency, and when `columns` leave room, a
/// bar as long as the speedup), then what the terms mean, the floor, the machine and the
/// load. Every line fits in `columns` - 1 (a terminal's last column wraps on some terminals).
[[nodiscard]] std::string format_bench_table(const bench_summary& summary, std::size_t columns = 80);

/// A warning when the cgroup's CPU quota allows fewer CPUs than the most workers (a limit no
/// CPU count shows), and one when the machine was already busy (a load average of 0.5 or
/// more before the first run); empty when none applies.
[[nodiscard]] std::string format_bench_warnings(const bench_summary& summary);

/// "AMD EPYC 9R45 (AuthenticAMD family 26 model 17), SIMD sse2 avx2 avx512, kernel
/// avx512-reciprocal (measured)": the machine for a table's foot and a chart's caption.
[[nodiscard]] std::string describe_machine(const bench_machine& machine);

/// A bar `value / full * width` characters long, in eighths of a block: "████▍".
[[nodiscard]] std::string unicode_bar(double value, double full, std::size_t width);

}  // namespace concur
