// cost_report: what `concur cost` measured about each execution model, as a table or JSON.
#pragma once

#include <string>
#include <vector>

namespace concur {

/// One measured figure, e.g. thread / start_finish / 23.4 / "µs".
struct cost_figure {
    std::string model;        // "thread", "process" (and later "coroutine")
    std::string measure;      // "start_finish", "round_trip", "stack_reserved", ...: stable keys for JSON
    std::string description;  // what exactly was timed or counted, for people
    double value = 0;         // a median of `samples` measurements, in `unit`
    std::string unit;         // "µs", "KiB", "MiB"
    unsigned samples = 0;     // how many measurements the median is taken over
};

/// The table: description, model, median with its unit, and how many samples.
[[nodiscard]] std::string format_cost_table(const std::vector<cost_figure>& figures, unsigned count);

/// {"command": "cost", "count": N, "figures": [{"model", "measure", "description", "value",
/// "unit", "samples"}, ...]}
[[nodiscard]] std::string cost_json(const std::vector<cost_figure>& figures, unsigned count);

}  // namespace concur
