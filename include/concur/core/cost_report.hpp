// cost_report: what `concur cost` measured about each execution model, as a table or JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace concur {

/// One measured figure, e.g. thread / start_finish / 23.4 / "µs".
struct cost_figure {
    std::string model;        // "thread", "process", "coroutine"
    std::string measure;      // "start_finish", "round_trip", "stack_reserved", ...: stable keys for JSON
    std::string description;  // what exactly was timed or counted, for people
    double value = 0;         // a median of `samples` measurements, in `unit`
    std::string unit;         // "µs", "KiB", "MiB"
    unsigned samples = 0;     // how many measurements the median is taken over
    /// What the figure can be compared with across models: "time" (µs to start and finish
    /// one unit), "round_trip" (µs), "reserved" (bytes one unit sets aside: a stack, a
    /// frame), "resident" (bytes of memory one idle unit makes resident); empty: nothing.
    std::string compares_as;
    double to_base = 1;       // value * to_base = µs, or bytes, per single unit
    std::optional<double> ratio_to_coroutine;  // filled by compare_with_coroutines
};

/// Sets each figure's ratio_to_coroutine: its per-unit value over the coroutine figure's that
/// compares as the same thing (1.0 for the coroutine figure itself); none when there is none.
void compare_with_coroutines(std::vector<cost_figure>& figures);

/// The table: description, model, median with its unit, how many samples, and the ratio to
/// the coroutine figure ("-" where there is nothing to compare). Every line fits in `columns`
/// - 1: the descriptions wrap onto more lines when the terminal is narrow.
[[nodiscard]] std::string format_cost_table(const std::vector<cost_figure>& figures, unsigned count,
                                            std::size_t columns = 80);

/// {"command": "cost", "count": N, "figures": [{"model", "measure", "description", "value",
/// "unit", "samples", "ratio_to_coroutine" (a number or null)}, ...]}
[[nodiscard]] std::string cost_json(const std::vector<cost_figure>& figures, unsigned count);

}  // namespace concur
