// bench_exports: `concur bench` results as JSON (hyperfine's layout), CSV and Markdown.
#pragma once

#include "concur/core/bench_report.hpp"

#include <string>

namespace concur {

/// hyperfine's --export-json layout, so its scripts (plot_whisker.py, plot_parametrized.py)
/// read it: {"results": [{"command", "mean", "stddev", "median", "user", "system", "min",
/// "max", "times", "exit_codes", "parameters": {"model", "workers"}}, ...]}. Each result also
/// carries "speedup" and "efficiency", and a top-level "concur" object says what was run
/// and where (numbers, count, runs, warmup, usable_cpus, cpu_quota, load_average, floor). Times in seconds.
[[nodiscard]] std::string bench_json(const bench_summary& summary);

/// A header line, then one line per row: command,model,workers,mean,stddev,median,user,
/// system,min,max,speedup,efficiency (seconds; speedup and efficiency empty without a
/// sequential row).
[[nodiscard]] std::string bench_csv(const bench_summary& summary);

/// A Markdown table: | Model | Workers | Median [s] | Min [s] | Max [s] | Speedup | Efficiency |.
[[nodiscard]] std::string bench_markdown(const bench_summary& summary);

}  // namespace concur
