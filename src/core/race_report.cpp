// race_report: what `concur race` measured, one row per way to synchronise, as a table or JSON.
#include "concur/core/race_report.hpp"

#include "concur/core/primes_report.hpp"
#include "concur/core/race_calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>

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

std::string json_number(const std::optional<double>& value) {
    return value ? fmt::format("{:.6f}", *value) : std::string{"null"};
}

std::string percent_text(const race_summary& summary, const race_row& row) {
    const double percent = lost_percent(summary, row);
    // A few updates lost out of billions are still lost: never round them to 0.0%.
    if (percent > 0 && percent < 0.05) return "<0.1%";
    return fmt::format("{:.1f}%", percent);
}

/// `text` broken into lines of at most `width` columns, at spaces, each line ending in '\n'.
std::string wrapped(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t line_length = 0;
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        if (line_length > 0 && line_length + 1 + word.size() > width) {
            out += '\n';
            line_length = 0;
        } else if (line_length > 0) {
            out += ' ';
            ++line_length;
        }
        out += word;
        line_length += word.size();
        text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    }
    return out.empty() ? out : out + '\n';
}

std::string unit_noun(const race_summary& summary, unsigned count) {
    if (summary.model == execution_model::process) return count == 1 ? "process" : "processes";
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

std::optional<double> race_cpu_share(const race_summary& summary, const race_row& row) noexcept {
    const double cpus = std::min(summary.units, std::max(summary.usable_cpus, 1U));
    const double available = static_cast<double>(row.elapsed.count()) * cpus;
    if (available <= 0) return std::nullopt;
    return static_cast<double>(row.cpu_time.count()) / available;
}

std::optional<double> race_one_unit_cpu_share(const race_row& row) noexcept {
    if (row.one_unit_elapsed.count() <= 0) return std::nullopt;
    return static_cast<double>(row.one_unit_cpu_time.count()) / static_cast<double>(row.one_unit_elapsed.count());
}

std::string race_note(const race_summary& summary) {
    std::vector<std::string> sentences;
    if (summary.units == 1) {
        sentences.push_back(fmt::format("One {} counts alone: nothing runs between its read and its write, so no "
                                        "update can be lost, and \"vs one\" compares it with itself.",
                                        unit_noun(summary, 1)));
    } else if (summary.usable_cpus == 1) {
        sentences.push_back(fmt::format("Only 1 CPU is usable: the {} take turns on it, each for a whole time "
                                        "slice, so another rarely runs between one's read and its write: lost "
                                        "updates become rare here. Give it two CPUs (taskset -c 0,1) to see them.",
                                        unit_noun(summary, summary.units)));
    }
    // The least share of CPU any round got, the mutex rows' aside: there a unit that finds the
    // lock taken sleeps until it is free, which is the lock's cost, not the machine's load.
    std::optional<std::pair<double, race_sync>> least;
    for (const race_row& row : summary.rows) {
        for (const auto share : {row.sync == race_sync::mutex ? std::nullopt : race_cpu_share(summary, row),
                                 race_one_unit_cpu_share(row)}) {
            if (share && (!least || *share < least->first)) least = {{*share, row.sync}};
        }
    }
    if (least && least->first < race_busy_share) {
        sentences.push_back(fmt::format(
            "Busy machine: in the {} row the {} ran on a CPU only {:.0f}% of the time they took; other programs "
            "had the rest. Every time per increment is inflated, and units that seldom run side by side seldom "
            "contend: lost updates, and the cost of sharing a cache line, show less than on an idle machine.",
            race_sync_name(least->second), unit_noun(summary, 2), 100 * least->first));
    }
    std::string note;
    for (const std::string& sentence : sentences) note += (note.empty() ? "" : " ") + sentence;
    return note;
}

std::string format_race_table(const race_summary& summary) {
    const std::string units = fmt::format("{} {}", summary.units, unit_noun(summary, summary.units));
    std::string text = fmt::format(
        "race: {} each add 1 to {}count M times ({} usable CPU{})\n", units,
        summary.model == execution_model::process ? "one MAP_SHARED " : "one ", summary.usable_cpus,
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
    if (const std::string note = race_note(summary); !note.empty()) text += "\n" + wrapped(note, 80);
    return text;
}

std::string race_json(const race_summary& summary) {
    std::string text = fmt::format(
        "{{\n  \"command\": \"race\",\n  \"model\": {},\n  \"units\": {},\n  \"usable_cpus\": {},\n"
        "  \"calibrated\": {},\n  \"rows\": [",
        json_string(model_name(summary.model)), summary.units, summary.usable_cpus, summary.calibrated);
    for (std::size_t i = 0; i < summary.rows.size(); ++i) {
        const race_row& row = summary.rows[i];
        fmt::format_to(std::back_inserter(text),
                       "{}\n    {{\"sync\": {}, \"count_per_unit\": {}, \"expected\": {}, \"total\": {}, \"lost\": {}, "
                       "\"lost_percent\": {:.6f}, \"elapsed\": {}, \"ns_per_increment\": {:.6f}, \"cpu_share\": {}, "
                       "\"one_unit\": {{\"count\": {}, \"elapsed\": {}, \"ns_per_increment\": {:.6f}, "
                       "\"cpu_share\": {}}}, \"vs_one_unit\": {}}}",
                       i == 0 ? "" : ",", json_string(race_sync_name(row.sync)), row.count_per_unit,
                       race_expected(summary, row), row.total, race_lost(summary, row), lost_percent(summary, row),
                       json_seconds(row.elapsed), race_ns_per_increment(summary, row),
                       json_number(race_cpu_share(summary, row)), row.one_unit_count,
                       json_seconds(row.one_unit_elapsed), race_one_unit_ns_per_increment(row),
                       json_number(race_one_unit_cpu_share(row)), json_number(race_vs_one_unit(summary, row)));
    }
    const std::string note = race_note(summary);
    text += fmt::format("\n  ],\n  \"note\": {}\n}}\n", note.empty() ? "null" : json_string(note));
    return text;
}

}  // namespace concur
