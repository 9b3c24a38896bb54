// `concur race`: shared memory, lost updates, locks and contention, measured.
#include "concur/demos/race.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/race_calibration.hpp"
#include "concur/core/race_report.hpp"
#include "concur/demos/race_units.hpp"
#include "concur/sys/cpu_count.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace concur {
namespace {

/// Runs rounds with one model, and remembers why the run must end early, if it must.
class race_rounds {
public:
    race_rounds(execution_model model, sys::signal_pipe& signals) noexcept : model_(model), signals_(signals) {}

    /// One round; nothing if a signal came or a unit was lost (see interrupt_signal, lost_unit).
    std::optional<race_outcome> run(const race_round& round) {
        race_outcome outcome = model_ == execution_model::process ? race_with_processes(round, signals_)
                                                                  : race_with_threads(round, signals_);
        if (outcome.interrupt_signal != 0 || !outcome.lost_unit.empty()) {
            interrupt_signal_ = outcome.interrupt_signal;
            lost_unit_ = outcome.lost_unit;
            return std::nullopt;
        }
        return outcome;
    }

    /// The count per unit that makes a round of `units` last about `target`: trials grow until
    /// one lasts race_trial_minimum, then race_confirming_trials more run at that count, and
    /// the fastest is scaled up. The fastest, because a unit that lost its CPU to another
    /// program for a while makes a trial slower, never faster: one such trial alone would make
    /// the row far too short.
    std::optional<std::uint64_t> calibrate(race_sync sync, unsigned units, std::chrono::nanoseconds target) {
        std::uint64_t count = race_first_trial_count;
        while (true) {
            const auto trial = run({sync, units, count});
            if (!trial) return std::nullopt;
            if (trial->elapsed >= race_trial_minimum || count == race_max_count) {
                std::chrono::nanoseconds fastest = trial->elapsed;
                for (unsigned again = 0; again < race_confirming_trials; ++again) {
                    const auto confirming = run({sync, units, count});
                    if (!confirming) return std::nullopt;
                    fastest = std::min(fastest, confirming->elapsed);
                }
                return count_for_duration(count, fastest, target, race_max_count);
            }
            count = next_trial_count(count, trial->elapsed, race_max_count);
        }
    }

    [[nodiscard]] int interrupt_signal() const noexcept { return interrupt_signal_; }
    [[nodiscard]] const std::string& lost_unit() const noexcept { return lost_unit_; }

private:
    execution_model model_;
    sys::signal_pipe& signals_;
    int interrupt_signal_ = 0;
    std::string lost_unit_;
};

/// One row: the units together, then one unit alone, the same way. Nothing if the run ends.
std::optional<race_row> measure_row(race_rounds& rounds, const race_options& options, race_sync sync) {
    race_row row;
    row.sync = sync;
    const auto count = options.count ? options.count : rounds.calibrate(sync, options.threads, race_row_target);
    if (!count) return std::nullopt;
    const auto together = rounds.run({sync, options.threads, *count});
    if (!together) return std::nullopt;
    row.count_per_unit = *count;
    row.total = together->total;
    row.elapsed = together->elapsed;
    row.cpu_time = together->cpu_time;
    if (options.threads == 1) {  // the row is its own comparison
        row.one_unit_count = row.count_per_unit;
        row.one_unit_elapsed = row.elapsed;
        row.one_unit_cpu_time = row.cpu_time;
        return row;
    }
    // Alone, a shorter run is enough: no contention, so little to vary.
    const auto one_count = options.count ? options.count : rounds.calibrate(sync, 1, race_one_unit_target);
    if (!one_count) return std::nullopt;
    const auto alone = rounds.run({sync, 1, *one_count});
    if (!alone) return std::nullopt;
    row.one_unit_count = *one_count;
    row.one_unit_elapsed = alone->elapsed;
    row.one_unit_cpu_time = alone->cpu_time;
    return row;
}

}  // namespace

unsigned default_race_threads() noexcept { return std::clamp(sys::usable_cpu_count(), 2U, max_workers); }

race_measurement measure_race(const race_options& options) {
    check_race_options(options);
    // Ctrl-C and SIGTERM become bytes on a pipe, which the parent watches while the units
    // count; it then tells them to stop, and they do within stop_check_interval increments.
    sys::signal_pipe signals{SIGINT, SIGTERM};
    race_rounds rounds{options.model, signals};

    race_measurement measurement;
    race_summary& summary = measurement.summary;
    summary.model = options.model;
    summary.units = options.threads;
    summary.usable_cpus = sys::usable_cpu_count();
    summary.calibrated = !options.count;
    for (const race_sync sync : options.syncs) {
        const auto row = measure_row(rounds, options, sync);
        if (!row) {
            measurement.interrupt_signal = rounds.interrupt_signal();
            measurement.lost_unit = rounds.lost_unit();
            measurement.stopped_at = sync;
            break;
        }
        summary.rows.push_back(*row);
    }
    return measurement;
}

int run_race(const race_options& options, output_sink& out, output_sink& err) {
    const race_measurement measurement = measure_race(options);
    const std::string_view stopped_at = race_sync_name(measurement.stopped_at);
    if (measurement.interrupt_signal != 0) {
        err.write(fmt::format("concur: race interrupted by {} while measuring {}; no table printed\n",
                              sys::signal_name(measurement.interrupt_signal), stopped_at));
        err.flush();
        return exit_status::interrupted_by(measurement.interrupt_signal);
    }
    if (!measurement.lost_unit.empty()) {
        err.write(fmt::format("concur: race: {} while measuring {}; no table printed\n", measurement.lost_unit,
                              stopped_at));
        err.flush();
        return exit_status::worker_lost;
    }
    out.write(options.json ? race_json(measurement.summary) : format_race_table(measurement.summary));
    out.flush();
    return exit_status::success;
}

}  // namespace concur
