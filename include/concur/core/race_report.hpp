// race_report: what `concur race` measured, one row per way to synchronise, as a table or JSON.
#pragma once

#include "concur/core/race_options.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace concur {

/// One way to synchronise, measured: `units` counted `count_per_unit` times each, all at once;
/// then one unit alone counted `one_unit_count` times the same way, for comparison.
struct race_row {
    race_sync sync = race_sync::none;
    std::uint64_t count_per_unit = 0;      // M: the increments each unit made
    std::uint64_t total = 0;               // what the count held at the end (summed, for local ways)
    std::chrono::nanoseconds elapsed{};    // from the first unit's start to the last one's finish
    std::chrono::nanoseconds cpu_time{};   // CPU time the units got meanwhile, added up
    std::uint64_t one_unit_count = 0;      // increments made by one unit counting alone
    std::chrono::nanoseconds one_unit_elapsed{};
    std::chrono::nanoseconds one_unit_cpu_time{};
};

/// A whole run of `concur race`.
struct race_summary {
    execution_model model = execution_model::thread;
    unsigned units = 0;        // threads or processes counting at once (--threads)
    unsigned usable_cpus = 0;  // CPUs this process may run on
    bool calibrated = false;   // true: each row's count was chosen to last about race_row_target
    std::vector<race_row> rows;
};

/// units × count_per_unit: what the count holds if no update is lost.
[[nodiscard]] std::uint64_t race_expected(const race_summary& summary, const race_row& row) noexcept;
/// Updates lost: expected - total (negative only if the count somehow gained some).
[[nodiscard]] std::int64_t race_lost(const race_summary& summary, const race_row& row) noexcept;
/// The time per increment, all units together: elapsed / expected.
[[nodiscard]] double race_ns_per_increment(const race_summary& summary, const race_row& row) noexcept;
/// The time per increment of one unit counting alone the same way.
[[nodiscard]] double race_one_unit_ns_per_increment(const race_row& row) noexcept;
/// race_ns_per_increment / race_one_unit_ns_per_increment: below 1, the units together beat
/// one alone; above 1, adding units made every increment slower. None if nothing was timed.
[[nodiscard]] std::optional<double> race_vs_one_unit(const race_summary& summary, const race_row& row) noexcept;

/// How much of the time it took the units spent running: cpu_time / (elapsed × the CPUs
/// they could fill, min(units, usable_cpus)). Near 1 on an idle machine, except where they
/// sleep waiting for a lock; well below 1 when other programs hold the CPUs. None if untimed.
[[nodiscard]] std::optional<double> race_cpu_share(const race_summary& summary, const race_row& row) noexcept;
[[nodiscard]] std::optional<double> race_one_unit_cpu_share(const race_row& row) noexcept;

/// Below this share of CPU (race_cpu_share, the mutex rows aside), the machine was busy.
inline constexpr double race_busy_share = 0.75;

/// What the table cannot show, as one paragraph (no line breaks): with one unit there is
/// nobody to race; with one usable CPU the units take turns and lost updates become rare;
/// on a busy machine every figure is inflated and contention shows less. Empty when none is so.
[[nodiscard]] std::string race_note(const race_summary& summary);

/// Two header lines, the table (sync, expected, total, lost, lost %, ns per increment, vs one
/// unit alone), a legend and the note; every line fits 80 columns (the note is wrapped).
[[nodiscard]] std::string format_race_table(const race_summary& summary);

/// {"command": "race", "model", "units", "usable_cpus", "calibrated", "rows": [{"sync",
/// "count_per_unit", "expected", "total", "lost", "lost_percent", "elapsed" (seconds),
/// "ns_per_increment", "cpu_share", "one_unit": {"count", "elapsed", "ns_per_increment",
/// "cpu_share"}, "vs_one_unit"}], "note"}; a figure that cannot be computed, and an empty
/// note, are null.
[[nodiscard]] std::string race_json(const race_summary& summary);

}  // namespace concur
