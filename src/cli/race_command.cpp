// concur race: its options, and the call to the race demo.
#include "commands.hpp"
#include "exit_statuses.hpp"
#include "option_checks.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/race_calibration.hpp"
#include "concur/core/race_options.hpp"
#include "concur/demos/race.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <vector>

namespace concur::cli {
namespace {

struct race_arguments {
    std::string model = "thread";
    unsigned threads = default_race_threads();
    std::uint64_t count = 0;  // 0: not given (the check refuses 0), so calibrated
    std::string syncs;        // empty: not given, so every way the model offers
    bool json = false;
};

constexpr std::array<command_status, 6> race_statuses{{
    {exit_status::success, ""},
    {exit_status::failure, "threads, processes, shared memory, pipes, writing the output"},
    {exit_status::usage, "nothing started"},
    {exit_status::worker_lost, "a counting process died (--model=process); no table"},
    {exit_status::interrupted_by(SIGINT), "the threads stop within a few milliseconds; no table"},
    {exit_status::output_closed, ""},
}};

/// "thread", "process": the models race_offers_model accepts, in the models' usual order.
std::vector<std::string> race_model_names() {
    std::vector<std::string> names;
    for (const execution_model model : all_execution_models()) {
        if (race_offers_model(model)) names.emplace_back(model_name(model));
    }
    return names;
}

/// "none", "mutex", ...: every way to synchronise, in the table's order.
std::vector<std::string> race_sync_names() {
    std::vector<std::string> names;
    for (const race_sync sync : all_race_syncs) names.emplace_back(race_sync_name(sync));
    return names;
}

int run_race_command(const race_arguments& args, output_sink& out, output_sink& err) {
    // Each value was checked as it was parsed (see setup_race); run_race checks how they
    // combine (--model=process with a way processes cannot share) before starting anything.
    race_options options;
    options.model = parse_execution_model(args.model).value_or(execution_model::thread);
    options.threads = args.threads;
    if (args.count != 0) options.count = args.count;
    if (!args.syncs.empty()) {
        options.syncs = parse_race_syncs(args.syncs);
    } else if (options.model == execution_model::process) {
        options.syncs.clear();  // not given: the ways processes can share
        for (const race_sync sync : all_race_syncs) {
            if (process_model_offers(sync)) options.syncs.push_back(sync);
        }
    }
    options.json = args.json;
    return run_race(options, out, err);
}

}  // namespace

command setup_race(CLI::App& app) {
    const auto args = std::make_shared<race_arguments>();
    const double row_seconds = std::chrono::duration<double>(race_row_target).count();
    const double alone_seconds = std::chrono::duration<double>(race_one_unit_target).count();
    CLI::App* race = app.add_subcommand(
        "race",
        "Race threads on one shared counter: N threads each add 1 to it M times, all released at "
        "once, for each way to synchronise (--sync); then one thread counts alone the same way, for "
        "comparison. The table shows the total expected (N x M) and the total reached, the updates "
        "lost, the time per increment, and that time against one thread alone. A note says when the "
        "machine was too busy, or had too few CPUs, for the figures to show contention.");
    add_choice(*race, "--model", args->model, "a model concur race offers", race_model_names(),
               "Who counts:\n"
               "thread = threads of this process, which share all of its memory;\n"
               "process = forked processes, which share only the count, mapped MAP_SHARED; "
               "with --sync=none and atomic only (a std::mutex is private to one process)");
    add_count(*race, "--threads", args->threads, "a thread count", 1, max_workers,
              fmt::format("Threads (or processes) counting at once, 1 to {} (default: the CPUs this process "
                          "may use, at least 2, here {})",
                          max_workers, default_race_threads()));
    add_count(*race, "--count", args->count, "a count of increments", 1, race_max_count,
              fmt::format("Increments per thread and row, M, 1 to {}; the thread counting alone makes as many "
                          "(default: chosen on this machine so that each row takes about {:.1f} s, and counting "
                          "alone about {:.1f} s)",
                          race_max_count, row_seconds, alone_seconds));
    race->add_option("--sync", args->syncs,
                     "Ways to synchronise, one row each, comma-separated (a repeat counts once; the rows "
                     "keep this order):\n"
                     "none = read, add 1, write back, with no lock: updates are lost;\n"
                     "mutex = the same read and write under a std::mutex;\n"
                     "atomic = one fetch_add;\n"
                     "local = a counter each, alone on its cache line, summed at the end;\n"
                     "false-sharing = like local, the counters side by side in one line.\n"
                     "Default: all five; with --model=process, none,atomic (the only ones it offers)")
        ->type_name("{" + join(race_sync_names(), ",") + "},...")
        ->check(parsed_by(race_syncs_allowed(), [](std::string_view text) { (void)parse_race_syncs(text); }));
    race->add_flag("--json", args->json,
                   "Print one JSON document (each row's totals, updates lost, time per increment and share "
                   "of CPU, and the note) instead of the table");
    race->footer(exit_status_section(race_statuses, "The table goes to stdout, diagnostics to stderr."));
    return {race, [args](output_sink& out, output_sink& err) { return run_race_command(*args, out, err); }};
}

}  // namespace concur::cli
