// commands: concur's subcommands, one file each (CLI11's subcom_in_files layout).
//
// Each file holds a command's arguments struct, `setup_X`, which adds the subcommand and its
// options to the app, and `run_X`, which turns the parsed arguments into the demo's options
// and calls the demo. run_cli parses once, checks what CLI11 cannot, then runs the command
// the user named.
#pragma once

#include "concur/core/output_sink.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace concur::cli {

/// A command once set up: its CLI11 subcommand, and how to run it after parsing. `run`
/// returns the exit status; it may throw usage_error (arguments that only make sense
/// together, standard input) and anything the demo throws.
struct command {
    CLI::App* app;
    std::function<int(output_sink& out, output_sink& err)> run;
};

[[nodiscard]] command setup_primes(CLI::App& app);
[[nodiscard]] command setup_spin(CLI::App& app);
[[nodiscard]] command setup_bench(CLI::App& app);
[[nodiscard]] command setup_cost(CLI::App& app);
[[nodiscard]] command setup_race(CLI::App& app);

}  // namespace concur::cli
