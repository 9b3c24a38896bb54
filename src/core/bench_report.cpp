// bench_report: what `concur bench` measured, and the table it prints.
#include "concur/core/bench_report.hpp"

#include "concur/core/duration_text.hpp"
#include "concur/core/text_table.hpp"
#include "concur/core/text_wrap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace concur {
namespace {

constexpr std::size_t widest_bar = 24;
constexpr std::size_t narrowest_bar = 11;  // as wide as its header, "speedup bar"

std::string plural(unsigned count, std::string_view word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

std::string times_x(const std::optional<double>& value) { return value ? fmt::format("{:.2f}x", *value) : "-"; }

}  // namespace

unsigned bench_summary::rounds_finished() const {
    std::size_t rounds = runs;
    for (const bench_row& row : rows) rounds = std::min(rounds, row.times.size());
    for (const ceiling_row& ceiling : ceilings) rounds = std::min(rounds, ceiling.times.size());
    return static_cast<unsigned>(rounds);
}

std::optional<double> bench_summary::ceiling_for(unsigned workers) const {
    if (workers < 2) return std::nullopt;
    const unsigned copies = std::min(workers, usable_cpus);
    for (const ceiling_row& ceiling : ceilings) {
        if (ceiling.copies == copies) return ceiling.speedup;
    }
    return std::nullopt;
}

std::vector<unsigned> ceiling_copy_counts(const std::vector<unsigned>& worker_counts, unsigned usable_cpus) {
    std::vector<unsigned> counts{1};
    for (const unsigned workers : worker_counts) {
        const unsigned copies = std::min(workers, usable_cpus);
        if (copies >= 2 && std::find(counts.begin(), counts.end(), copies) == counts.end()) counts.push_back(copies);
    }
    std::sort(counts.begin(), counts.end());
    return counts;
}

void compute_bench_figures(bench_summary& summary) {
    // Each copy count against the run alone of the same round: a burst of load from elsewhere
    // then stretches both sides of one ratio, not one side of it.
    const ceiling_row* alone = nullptr;
    for (const ceiling_row& ceiling : summary.ceilings) {
        if (ceiling.copies == 1) alone = &ceiling;
    }
    for (ceiling_row& ceiling : summary.ceilings) {
        ceiling.speedup.reset();
        if (alone == nullptr || ceiling.copies < 2) continue;
        std::vector<double> ratios;
        for (std::size_t round = 0; round < std::min(ceiling.times.size(), alone->times.size()); ++round) {
            if (ceiling.times[round] > 0) ratios.push_back(ceiling.copies * alone->times[round] / ceiling.times[round]);
        }
        if (!ratios.empty()) ceiling.speedup = describe_samples(ratios).median;
    }
    std::optional<double> baseline;
    for (bench_row& row : summary.rows) {
        row.wall = describe_samples(row.times);
        if (row.model == "sequential" && !row.times.empty()) baseline = row.wall.median;
    }
    for (bench_row& row : summary.rows) {
        row.ceiling = summary.ceiling_for(row.workers);
        row.speedup.reset();
        row.efficiency.reset();
        if (!baseline || row.wall.median <= 0) continue;
        row.speedup = *baseline / row.wall.median;
        row.efficiency = *row.speedup / row.workers;
    }
}

std::string unicode_bar(double value, double full, std::size_t width) {
    static constexpr std::array<const char*, 8> eighths{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    if (!(value > 0) || !(full > 0)) return "";
    const double cells = std::min(value / full, 1.0) * static_cast<double>(width);
    const auto total_eighths = static_cast<std::size_t>(std::lround(cells * 8));
    std::string bar;
    for (std::size_t i = 0; i < total_eighths / 8; ++i) bar += "█";
    bar += eighths[total_eighths % 8];
    return bar;
}

std::string describe_machine(const bench_machine& machine) {
    std::string text = machine.cpu_name.empty() ? std::string{"an unnamed CPU"} : machine.cpu_name;
    if (!machine.vendor.empty()) {
        text += fmt::format(" ({} family {} model {})", machine.vendor, machine.family, machine.model);
    }
    if (!machine.simd.empty()) text += fmt::format(", SIMD {}", fmt::join(machine.simd, " "));
    if (!machine.kernel.empty()) text += fmt::format(", kernel {} ({})", machine.kernel, machine.kernel_choice);
    return text;
}

std::string format_bench_table(const bench_summary& summary, std::size_t columns) {
    // The last column of a terminal is left empty: some terminals wrap as soon as it is written.
    const std::size_t width = std::max<std::size_t>(columns, 40) - 1;
    const unsigned rounds = summary.rounds_finished();
    const std::string runs =
        summary.complete() ? plural(summary.runs, "run") + " each" : fmt::format("{} of {} runs each", rounds, summary.runs);
    std::string text = wrap_text(fmt::format("Checking {} numbers ({}{}{}), {}, {}:", summary.count, summary.numbers,
                                             summary.method_description.empty() ? "" : ", ",
                                             summary.method_description, runs, plural(summary.warmup, "warm-up")),
                                 width, "", 2);
    if (!summary.complete()) {
        text += wrap_text(fmt::format("Incomplete: interrupted by {} after {} of {} rounds.", summary.interrupted_by,
                                      rounds, summary.runs),
                          width, "", 2);
    }

    double full = 1;  // bars share one scale: the largest speedup, or the ideal for the most workers
    for (const bench_row& row : summary.rows) {
        full = std::max({full, row.speedup.value_or(0), static_cast<double>(row.workers)});
    }
    const auto make_table = [&](std::size_t bar_width) {
        std::vector<text_column> headers{{"model"},
                                         {"workers", column_align::right},
                                         {"median", column_align::right},
                                         {"min", column_align::right},
                                         {"max", column_align::right},
                                         {"speedup", column_align::right},
                                         {"ceiling", column_align::right},
                                         {"efficiency", column_align::right}};
        if (bar_width > 0) headers.push_back({"speedup bar"});
        text_table table{std::move(headers)};
        for (const bench_row& row : summary.rows) {
            // min and max in the median's unit, as hyperfine writes them: one row reads in one
            // unit. Except a slow outlier that would need four digits before the point there
            // (47292.6 µs): it takes its own unit (47.3 ms), and no time is wider than 8 columns,
            // which keeps the table within 80.
            const time_unit unit = unit_for(row.wall.median);
            const auto time = [&](double seconds) {
                if (row.times.empty()) return std::string{"-"};
                return duration_text(seconds, std::min(unit, unit_for(seconds)));  // the larger unit
            };
            table.add_row({row.model, fmt::format("{}", row.workers), time(row.wall.median), time(row.wall.min),
                           time(row.wall.max), times_x(row.speedup), times_x(row.ceiling),
                           row.efficiency ? fmt::format("{:.0f}%", *row.efficiency * 100) : "-",
                           unicode_bar(row.speedup.value_or(0), full, bar_width)});
        }
        return table;
    };
    // The bar only where it fits: in an 80-column terminal the figures come first.
    const std::size_t figures_width = make_table(0).width_within(width);
    const std::size_t bar_room = width > figures_width + 2 ? std::min(widest_bar, width - figures_width - 2) : 0;
    text += make_table(bar_room >= narrowest_bar ? bar_room : 0).render(width);

    std::string notes;
    const auto note = [&](const std::string& line) { notes += wrap_text(line, width, "", 2); };
    const bool has_sequential = std::any_of(summary.rows.begin(), summary.rows.end(),
                                            [](const bench_row& row) { return row.model == "sequential"; });
    if (has_sequential) note("Speedup: the sequential median over the row's median. Efficiency: speedup / workers.");
    else note("No speedup: add sequential to --models to have a baseline.");
    for (const ceiling_row& ceiling : summary.ceilings) {
        if (ceiling.copies < 2) continue;
        note(fmt::format("Ceiling: {} one-worker runs side by side, each in its own process with no pool, "
                         "finished {} as fast as one after the other (median of {}): the most this machine "
                         "gives {} workers.",
                         ceiling.copies, times_x(ceiling.speedup), plural(rounds, "round"), ceiling.copies));
    }
    unsigned most = 0;
    for (const bench_row& row : summary.rows) most = std::max(most, row.workers);
    if (most > summary.usable_cpus) {
        note(fmt::format("Past {} workers (the CPUs this process may use), workers take turns: those rows show "
                         "where parallelism saturates.",
                         summary.usable_cpus));
    }
    if (rounds > 0) {
        note(fmt::format("Floor: the longest single check took {}; no number of workers can finish sooner.",
                         duration_text(summary.floor)));
    }
    note("Machine: " + describe_machine(summary.machine) + ".");
    if (summary.load_before) {
        note(fmt::format("Load average before the first run: {:.2f} on {} usable CPU{}.", *summary.load_before,
                         summary.usable_cpus, summary.usable_cpus == 1 ? "" : "s"));
    }
    return text + notes;
}

std::string format_bench_warnings(const bench_summary& summary) {
    unsigned most = 0;
    for (const bench_row& row : summary.rows) most = std::max(most, row.workers);
    std::string text;
    if (summary.cpu_quota && most > *summary.cpu_quota) {
        text += fmt::format("concur: warning: up to {} workers but the cgroup's CPU quota allows {:.2f} CPUs' "
                            "worth of time: beyond that, workers are throttled\n",
                            most, *summary.cpu_quota);
    }
    if (summary.load_before && *summary.load_before >= 0.5) {
        text += fmt::format("concur: warning: the machine is already busy (load average {:.2f} on {} usable "
                            "CPU{}): other work competes with the workers, so speedups come out lower than on "
                            "an idle machine\n",
                            *summary.load_before, summary.usable_cpus, summary.usable_cpus == 1 ? "" : "s");
    }
    return text;
}

}  // namespace concur
