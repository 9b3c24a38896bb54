// `concur bench`: the book's run_procs.sh and its notebook, as one command.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/core/output_sink.hpp"
#include "concur/core/prime_method.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace concur {

struct bench_options {
    std::vector<execution_model> models;   // in the order given
    std::vector<unsigned> worker_counts;   // swept for every model that has workers
    std::vector<std::uint64_t> numbers;    // checked by every run
    std::string numbers_label;             // "book", "seed", "standard input"
    prime_method method = prime_method::trial_simple;  // the book's loop: slow enough to show the models apart
    unsigned runs = 5;                     // measured runs per configuration
    unsigned warmup = 1;                   // runs before those, not counted
    bool progress = false;                 // show progress on `err` (only on a terminal)
    std::optional<unsigned> columns;       // the terminal's width when the table goes to one
    std::string export_json;               // file paths, each a different file; empty = not exported
    std::string export_csv;
    std::string export_markdown;
    std::string export_svg;
};

/// Measures every configuration in rounds: each round runs every configuration once (each
/// model with each worker count, then the machine's ceiling: independent one-worker runs alone
/// and side by side). A configuration's run is a whole primes run through run_checks (the call
/// `concur primes` makes), without printing the results. Prints the table to `out` (within
/// `columns`, or 80), warnings and progress to `err`, writes the exports, and returns the exit
/// status. SIGINT or SIGTERM stops it after the rounds already finished: those are printed and
/// exported, marked incomplete, and the status is 130 or 143. A lost worker stops it with
/// nothing exported (status 3).
[[nodiscard]] int run_bench(const bench_options& options, output_sink& out, output_sink& err);

}  // namespace concur
