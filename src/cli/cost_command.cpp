// concur cost: its options, and the call to the cost demo.
#include "commands.hpp"
#include "exit_statuses.hpp"
#include "option_checks.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/demos/unit_cost.hpp"
#include "concur/sys/terminal.hpp"

#include <array>
#include <memory>
#include <unistd.h>

namespace concur::cli {
namespace {

constexpr std::array<command_status, 5> cost_statuses{{
    {exit_status::success, ""},
    {exit_status::failure, "threads, processes, pipes, writing the output"},
    {exit_status::usage, "nothing started"},
    // No handler: the signal ends the process at once, and the shell reports 128 + its number.
    {exit_status::interrupted_by(SIGINT), "ended at once, with no message"},
    {exit_status::output_closed, ""},
}};

}  // namespace

command setup_cost(CLI::App& app) {
    const auto options = std::make_shared<cost_options>();  // nothing to check beyond each option
    CLI::App* cost = app.add_subcommand(
        "cost",
        "Measure what each execution unit costs, now, on this machine: start and finish one (thread "
        "create + join, fork + _exit + waitpid, spawn + await a coroutine task), one message round "
        "trip (mutex + condition variable, pipes, async_events on the event loop), and the memory an "
        "idle one holds. Each figure is a median, with its ratio to the coroutine figure of the same kind.");
    add_count(*cost, "--count", options->count, "a repetition count", 10, 100000,
              "Repetitions per timing and threads parked, 10 to 100000; children parked: count / 50, "
              "at least 2; coroutine tasks suspended: 100 * count, at most 1000000. A large count may "
              "meet the system's limit on threads (kernel.pid_max, ulimit -u): it then stops with status 1")
        ->capture_default_str();
    cost->add_flag("--json", options->json, "Print one JSON document instead of the table");
    cost->footer(exit_status_section(cost_statuses, "The table goes to stdout."));
    return {cost, [options](output_sink& out, output_sink& err) {
                options->columns = sys::terminal_columns(STDOUT_FILENO);  // the table fits the terminal it is printed on
                return run_cost(*options, out, err);
            }};
}

}  // namespace concur::cli
