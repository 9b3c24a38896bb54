// `concur race`: shared memory, lost updates, locks and contention, measured.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/core/race_options.hpp"
#include "concur/core/race_report.hpp"

#include <string>

namespace concur {

/// --threads when it is not given: the CPUs this process may use, at least 2 (one thread
/// has nobody to race with) and at most max_workers.
[[nodiscard]] unsigned default_race_threads() noexcept;

/// What one run measured: every row, or the rows before it ended early, and why it did.
struct race_measurement {
    race_summary summary;
    int interrupt_signal = 0;  // SIGINT or SIGTERM came while measuring `stopped_at`
    std::string lost_unit;     // a counting process died while measuring `stopped_at`
    race_sync stopped_at = race_sync::none;
};

/// The measuring half of run_race, for callers that print their own figures (the benchmark).
/// SIGINT and SIGTERM are caught while it runs. Throws as run_race does.
[[nodiscard]] race_measurement measure_race(const race_options& options);

/// For each way in options.syncs, in the table's order: `threads` units (threads, or forked
/// processes with execution_model::process) add 1 to a count, `count` times each (calibrated when
/// not given, so that each row takes about half a second), all released at once; then one
/// unit alone counts the same way, for comparison. Prints the table (or JSON) on `out` and
/// returns the exit status:
///   0 done; 3 a counting process died (named on `err`, no table);
///   130/143 SIGINT/SIGTERM came (the units stop within a few thousand increments; one line
///   on `err`, no table).
/// Throws usage_error for options check_race_options refuses, before anything starts, and
/// std::system_error (or fmt's) when the system refuses a thread, a process or a pipe.
[[nodiscard]] int run_race(const race_options& options, output_sink& out, output_sink& err);

}  // namespace concur
