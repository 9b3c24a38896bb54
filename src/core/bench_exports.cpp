// bench_exports: `concur bench` results as JSON (hyperfine's layout), CSV and Markdown.
#include "concur/core/bench_exports.hpp"

#include "concur/core/duration_text.hpp"
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

std::string json_seconds_list(const std::vector<double>& values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) fmt::format_to(std::back_inserter(text), "{}{:.9f}", i == 0 ? "" : ", ", values[i]);
    return text + "]";
}

std::string json_strings(const std::vector<std::string>& values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i == 0 ? "" : ", ") + json_string(values[i]);
    return text + "]";
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

std::string csv_optional(const std::optional<double>& value) { return value ? fmt::format("{:.6f}", *value) : ""; }

}  // namespace

std::string bench_json(const bench_summary& summary) {
    std::string text = "{\n  \"results\": [";
    for (std::size_t i = 0; i < summary.rows.size(); ++i) {
        const bench_row& row = summary.rows[i];
        std::string exit_codes;
        for (std::size_t t = 0; t < row.times.size(); ++t) exit_codes += t == 0 ? "0" : ", 0";
        fmt::format_to(std::back_inserter(text),
                       "{}\n    {{\n      \"command\": {},\n      \"mean\": {:.9f},\n      \"stddev\": {:.9f},\n"
                       "      \"median\": {:.9f},\n      \"user\": {:.9f},\n      \"system\": {:.9f},\n"
                       "      \"min\": {:.9f},\n      \"max\": {:.9f},\n      \"times\": {},\n"
                       "      \"user_times\": {},\n      \"system_times\": {},\n      \"exit_codes\": [{}],\n"
                       "      \"parameters\": {{\"model\": {}, \"workers\": \"{}\"}},\n"
                       "      \"speedup\": {},\n      \"ceiling\": {},\n      \"efficiency\": {}\n    }}",
                       i == 0 ? "" : ",", json_string(row.command), row.wall.mean, row.wall.stddev,
                       row.wall.median, mean_of(row.user_times), mean_of(row.system_times), row.wall.min,
                       row.wall.max, json_seconds_list(row.times), json_seconds_list(row.user_times),
                       json_seconds_list(row.system_times), exit_codes, json_string(row.model), row.workers,
                       json_optional(row.speedup), json_optional(row.ceiling), json_optional(row.efficiency));
    }
    std::string ceilings = "[";
    for (std::size_t i = 0; i < summary.ceilings.size(); ++i) {
        const ceiling_row& ceiling = summary.ceilings[i];
        fmt::format_to(std::back_inserter(ceilings), "{}\n      {{\"copies\": {}, \"times\": {}, \"speedup\": {}}}",
                       i == 0 ? "" : ",", ceiling.copies, json_seconds_list(ceiling.times),
                       json_optional(ceiling.speedup));
    }
    ceilings += summary.ceilings.empty() ? "]" : "\n    ]";
    const bench_machine& machine = summary.machine;
    fmt::format_to(std::back_inserter(text),
                   "\n  ],\n  \"concur\": {{\n    \"numbers\": {}, \"method\": {}, \"count\": {},\n"
                   "    \"runs\": {}, \"rounds_finished\": {}, \"complete\": {}, \"interrupted_by\": {}, \"warmup\": {},\n"
                   "    \"usable_cpus\": {}, \"cpu_quota\": {}, \"load_average\": {}, \"floor\": {:.9f},\n"
                   "    \"machine\": {{\"cpu_name\": {}, \"vendor\": {}, \"family\": {}, \"model\": {}, \"simd\": {}, "
                   "\"kernel\": {}, \"kernel_choice\": {}}},\n"
                   "    \"ceilings\": {}\n  }}\n}}\n",
                   json_string(summary.numbers), json_string(summary.method), summary.count, summary.runs,
                   summary.rounds_finished(), summary.complete(),
                   summary.complete() ? "null" : json_string(summary.interrupted_by), summary.warmup,
                   summary.usable_cpus, json_optional(summary.cpu_quota), json_optional(summary.load_before),
                   summary.floor, json_string(machine.cpu_name), json_string(machine.vendor), machine.family,
                   machine.model, json_strings(machine.simd),
                   machine.kernel.empty() ? "null" : json_string(machine.kernel),
                   machine.kernel.empty() ? "null" : json_string(machine.kernel_choice), ceilings);
    return text;
}

std::string bench_csv(const bench_summary& summary) {
    std::string text =
        "command,model,workers,runs,complete,mean,stddev,median,user,system,min,max,speedup,ceiling,efficiency\n";
    for (const bench_row& row : summary.rows) {
        fmt::format_to(std::back_inserter(text),
                       "{},{},{},{},{},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{},{},{}\n",
                       csv_field(row.command), row.model, row.workers, row.times.size(), summary.complete(),
                       row.wall.mean, row.wall.stddev, row.wall.median, mean_of(row.user_times),
                       mean_of(row.system_times), row.wall.min, row.wall.max, csv_optional(row.speedup),
                       csv_optional(row.ceiling), csv_optional(row.efficiency));
    }
    return text;
}

std::string bench_markdown(const bench_summary& summary) {
    // One unit for the whole table, named in the header as hyperfine does: the one that fits
    // the fastest median, so that no figure reads 0.000.
    double fastest = 0;
    for (const bench_row& row : summary.rows) {
        if (!row.times.empty() && (fastest == 0 || row.wall.median < fastest)) fastest = row.wall.median;
    }
    const time_unit unit = unit_for(fastest > 0 ? fastest : 1);
    const std::string_view symbol = unit_symbol(unit);
    std::string text = fmt::format(
        "| Model | Workers | Median [{0}] | Min [{0}] | Max [{0}] | Speedup | Ceiling | Efficiency |\n"
        "|:---|---:|---:|---:|---:|---:|---:|---:|\n",
        symbol);
    const auto times_x = [](const std::optional<double>& value) {
        return value ? fmt::format("{:.2f}", *value) : std::string{"-"};
    };
    for (const bench_row& row : summary.rows) {
        fmt::format_to(std::back_inserter(text), "| `{}` | {} | {} | {} | {} | {} | {} | {} |\n", row.model,
                       row.workers, duration_number(row.wall.median, unit), duration_number(row.wall.min, unit),
                       duration_number(row.wall.max, unit), times_x(row.speedup),
                       times_x(row.ceiling),
                       row.efficiency ? fmt::format("{:.0f}%", *row.efficiency * 100) : "-");
    }
    if (!summary.complete()) {
        fmt::format_to(std::back_inserter(text), "\n*Incomplete: interrupted by {} after {} of {} rounds.*\n",
                       summary.interrupted_by, summary.rounds_finished(), summary.runs);
    }
    return text;
}

}  // namespace concur
