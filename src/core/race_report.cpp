// race_report: what `concur race` measured, one row per way to synchronise, as a table or JSON.
#include "concur/core/race_report.hpp"

#include "concur/core/primes_report.hpp"
#include "concur/core/race_calibration.hpp"

#include <fmt/format.h>

#include <iterator>

namespace concur {
namespace {

double nanoseconds_per(std::chrono::nanoseconds elapsed, std::uint64_t increments) noexcept {
    if (increments == 0) return 0;
    return static_cast<double>(elapsed.count()) / static_cast<double>(increments);
}

double lost_percent(const race_summary& summary, const race_row& row) noexcept {
    const std::uint64_t expected = race_expected(summary, row);
    if (expected == 0) return 0;
    return 100.0 * static_cast<double>(race_lost(summary, row)) / static_cast<double>(expected);
}

/// Three significant digits, or two decimals below 10: 0.61, 2.51, 24.5, 245, 2450.
std::string three_digits(double value) {
    if (value < 10) return fmt::format("{:.2f}", value);
    if (value < 100) return fmt::format("{:.1f}", value);
    return fmt::format("{:.0f}", value);
}

std::string percent_text(const race_summary& summary, const race_row& row) {
    const double percent = lost_percent(summary, row);
    // A few updates lost out of billions are still lost: never round them to 0.0%.
    if (percent > 0 && percent < 0.05) return "<0.1%";
    return fmt::format("{:.1f}%", percent);
}

std::string unit_noun(const race_summary& summary, unsigned count) {
    if (summary.model == race_model::process) return count == 1 ? "process" : "processes";
    return count == 1 ? "thread" : "threads";
}

}  // namespace

std::uint64_t race_expected(const race_summary& summary, const race_row& row) noexcept {
    return static_cast<std::uint64_t>(summary.units) * row.count_per_unit;
}

std::int64_t race_lost(const race_summary& summary, const race_row& row) noexcept {
    return static_cast<std::int64_t>(race_expected(summary, row)) - static_cast<std::int64_t>(row.total);
}

double race_ns_per_increment(const race_summary& summary, const race_row& row) noexcept {
    return nanoseconds_per(row.elapsed, race_expected(summary, row));
}

double race_one_unit_ns_per_increment(const race_row& row) noexcept {
    return nanoseconds_per(row.one_unit_elapsed, row.one_unit_count);
}

std::optional<double> race_vs_one_unit(const race_summary& summary, const race_row& row) noexcept {
    const double alone = race_one_unit_ns_per_increment(row);
    if (alone <= 0) return std::nullopt;
    return race_ns_per_increment(summary, row) / alone;
}

std::string race_note(const race_summary& summary) {
    if (summary.units == 1) {
        return fmt::format("One {} counts alone: nothing runs between its read and its write, so no\n"
                           "update can be lost, and \"vs one\" compares it with itself.\n",
                           unit_noun(summary, 1));
    }
    if (summary.usable_cpus == 1) {
        return fmt::format("Only 1 CPU is usable: the {} take turns on it, each for a whole\n"
                           "time slice, so another rarely runs between one's read and its write:\n"
                           "lost updates become rare here. Give it two CPUs (taskset -c 0,1) to\n"
                           "see them.\n",
                           unit_noun(summary, summary.units));
    }
    return {};
}

std::string format_race_table(const race_summary& summary) {
    const std::string units = fmt::format("{} {}", summary.units, unit_noun(summary, summary.units));
    std::string text = fmt::format(
        "race: {} each add 1 to {}count M times ({} usable CPU{})\n", units,
        summary.model == race_model::process ? "one MAP_SHARED " : "one ", summary.usable_cpus,
        summary.usable_cpus == 1 ? "" : "s");
    if (summary.calibrated) {
        text += fmt::format("M: calibrated so that each row takes about {:.1f} s\n",
                            std::chrono::duration<double>(race_row_target).count());
    } else if (!summary.rows.empty()) {
        text += fmt::format("M: {} (--count)\n", summary.rows.front().count_per_unit);
    }
    // 13 + 3 * 14 + 3 * 8 = 79 columns: 512 units of 10^10 increments need 13 digits.
    fmt::format_to(std::back_inserter(text), "\n{:<13}{:>14}{:>14}{:>14}{:>8}{:>8}{:>8}\n", "sync", "expected",
                   "total", "lost", "lost %", "ns/inc", "vs one");
    for (const race_row& row : summary.rows) {
        const auto vs_one = race_vs_one_unit(summary, row);
        fmt::format_to(std::back_inserter(text), "{:<13}{:>14}{:>14}{:>14}{:>8}{:>8}{:>8}\n", race_sync_name(row.sync),
                       race_expected(summary, row), row.total, race_lost(summary, row), percent_text(summary, row),
                       three_digits(race_ns_per_increment(summary, row)),
                       vs_one ? three_digits(*vs_one) + "x" : std::string{"-"});
    }
    const std::string one = unit_noun(summary, 1);
    text += fmt::format("\nlost: updates one {} wrote over another's (expected - total).\n"
                        "ns/inc: elapsed time / expected increments, all {} together.\n"
                        "vs one: that time / the time per increment of one {} counting alone.\n",
                        one, unit_noun(summary, 2), one);
    if (const std::string note = race_note(summary); !note.empty()) text += "\n" + note;
    return text;
}

std::string race_json(const race_summary& summary) {
    std::string text = fmt::format(
        "{{\n  \"command\": \"race\",\n  \"model\": {},\n  \"units\": {},\n  \"usable_cpus\": {},\n"
        "  \"calibrated\": {},\n  \"rows\": [",
        json_string(race_model_name(summary.model)), summary.units, summary.usable_cpus, summary.calibrated);
    for (std::size_t i = 0; i < summary.rows.size(); ++i) {
        const race_row& row = summary.rows[i];
        const auto vs_one = race_vs_one_unit(summary, row);
        fmt::format_to(std::back_inserter(text),
                       "{}\n    {{\"sync\": {}, \"count_per_unit\": {}, \"expected\": {}, \"total\": {}, \"lost\": {}, "
                       "\"lost_percent\": {:.6f}, \"elapsed\": {}, \"ns_per_increment\": {:.6f}, "
                       "\"one_unit\": {{\"count\": {}, \"elapsed\": {}, \"ns_per_increment\": {:.6f}}}, "
                       "\"vs_one_unit\": {}}}",
                       i == 0 ? "" : ",", json_string(race_sync_name(row.sync)), row.count_per_unit,
                       race_expected(summary, row), row.total, race_lost(summary, row), lost_percent(summary, row),
                       json_seconds(row.elapsed), race_ns_per_increment(summary, row), row.one_unit_count,
                       json_seconds(row.one_unit_elapsed), race_one_unit_ns_per_increment(row),
                       vs_one ? fmt::format("{:.6f}", *vs_one) : "null");
    }
    std::string note = race_note(summary);  // one line in JSON: its line breaks were for the terminal
    for (char& c : note) c = c == '\n' ? ' ' : c;
    while (!note.empty() && note.back() == ' ') note.pop_back();
    text += fmt::format("\n  ],\n  \"note\": {}\n}}\n", note.empty() ? "null" : json_string(note));
    return text;
}

}  // namespace concur
