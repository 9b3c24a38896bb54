// bench_exports: `concur bench` results as JSON (hyperfine's layout), CSV and Markdown.
#pragma once

#include "concur/core/bench_report.hpp"

#include <string>

namespace concur {

/// hyperfine's --export-json layout, so its scripts (plot_whisker.py, plot_parametrized.py)
/// read it: {"results": [{"command", "mean", "stddev", "median", "user", "system", "min",
/// "max", "times", "exit_codes", "parameters": {"model", "workers"}}, ...]}, "times" holding
/// every measured run's wall time. Each result also carries "user_times" and "system_times"
/// (per run), "speedup", "ceiling" and "efficiency", and a top-level "concur" object says what
/// was run and where: numbers, method, count, runs, rounds_finished, complete (false when a
/// signal stopped the bench, named in "interrupted_by"), warmup, usable_cpus, cpu_quota,
/// load_average, floor, the machine (cpu_name, vendor, family, model, simd, kernel,
/// kernel_choice) and the ceilings ([{"copies", "times", "speedup"}]). Times in seconds.
[[nodiscard]] std::string bench_json(const bench_summary& summary);

/// A header line, then one line per row: command,model,workers,runs,complete,mean,stddev,
/// median,user,system,min,max,speedup,ceiling,efficiency (seconds; speedup and efficiency
/// empty without a sequential row, ceiling empty for one worker). `complete` is false on
/// every row of an interrupted bench.
[[nodiscard]] std::string bench_csv(const bench_summary& summary);

/// A Markdown table: | Model | Workers | Median [ms] | Min [ms] | Max [ms] | Speedup | Ceiling |
/// Efficiency |, times in the unit that fits the fastest median (named in the header), and
/// under it a line saying the bench was interrupted when it was.
[[nodiscard]] std::string bench_markdown(const bench_summary& summary);

}  // namespace concur
