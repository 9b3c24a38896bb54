// bench_exports: `concur bench` results as JSON (hyperfine's layout), CSV and Markdown.
#include "concur/core/bench_exports.hpp"

#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

#include <iterator>
#include <numeric>

namespace concur {
namespace {

double mean_of(const std::vector<double>& values) {
    if (values.empty()) return 0;
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::string json_optional(const std::optional<double>& value) {
    return value ? fmt::format("{:.6f}", *value) : "null";
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

}  // namespace

std::string bench_json(const bench_summary& summary) {
    std::string text = "{\n  \"results\": [";
    for (std::size_t i = 0; i < summary.rows.size(); ++i) {
        const bench_row& row = summary.rows[i];
        std::string times;
        for (std::size_t t = 0; t < row.times.size(); ++t) {
            fmt::format_to(std::back_inserter(times), "{}{:.9f}", t == 0 ? "" : ", ", row.times[t]);
        }
        std::string exit_codes;
        for (std::size_t t = 0; t < row.times.size(); ++t) exit_codes += t == 0 ? "0" : ", 0";
        fmt::format_to(std::back_inserter(text),
                       "{}\n    {{\n      \"command\": {},\n      \"mean\": {:.9f},\n      \"stddev\": {:.9f},\n"
                       "      \"median\": {:.9f},\n      \"user\": {:.9f},\n      \"system\": {:.9f},\n"
                       "      \"min\": {:.9f},\n      \"max\": {:.9f},\n      \"times\": [{}],\n"
                       "      \"exit_codes\": [{}],\n"
                       "      \"parameters\": {{\"model\": {}, \"workers\": \"{}\"}},\n"
                       "      \"speedup\": {},\n      \"efficiency\": {}\n    }}",
                       i == 0 ? "" : ",", json_string(row.command), row.wall.mean, row.wall.stddev,
                       row.wall.median, mean_of(row.user_times), mean_of(row.system_times), row.wall.min,
                       row.wall.max, times, exit_codes, json_string(row.model), row.workers,
                       json_optional(row.speedup), json_optional(row.efficiency));
    }
    fmt::format_to(std::back_inserter(text),
                   "\n  ],\n  \"concur\": {{\"numbers\": {}, \"method\": {}, \"count\": {}, \"runs\": {}, \"warmup\": {}, "
                   "\"usable_cpus\": {}, \"cpu_quota\": {}, \"load_average\": {}, \"floor\": {:.9f}}}\n}}\n",
                   json_string(summary.numbers), json_string(summary.method), summary.count, summary.runs, summary.warmup, summary.usable_cpus,
                   json_optional(summary.cpu_quota), json_optional(summary.load_before), summary.floor);
    return text;
}

std::string bench_csv(const bench_summary& summary) {
    std::string text = "command,model,workers,mean,stddev,median,user,system,min,max,speedup,efficiency\n";
    for (const bench_row& row : summary.rows) {
        fmt::format_to(std::back_inserter(text), "{},{},{},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{},{}\n",
                       csv_field(row.command), row.model, row.workers, row.wall.mean, row.wall.stddev,
                       row.wall.median, mean_of(row.user_times), mean_of(row.system_times), row.wall.min,
                       row.wall.max, row.speedup ? fmt::format("{:.6f}", *row.speedup) : "",
                       row.efficiency ? fmt::format("{:.6f}", *row.efficiency) : "");
    }
    return text;
}

std::string bench_markdown(const bench_summary& summary) {
    std::string text =
        "| Model | Workers | Median [s] | Min [s] | Max [s] | Speedup | Efficiency |\n"
        "|:---|---:|---:|---:|---:|---:|---:|\n";
    for (const bench_row& row : summary.rows) {
        fmt::format_to(std::back_inserter(text), "| `{}` | {} | {:.3f} | {:.3f} | {:.3f} | {} | {} |\n", row.model,
                       row.workers, row.wall.median, row.wall.min, row.wall.max,
                       row.speedup ? fmt::format("{:.2f}", *row.speedup) : "-",
                       row.efficiency ? fmt::format("{:.0f}%", *row.efficiency * 100) : "-");
    }
    return text;
}

}  // namespace concur
