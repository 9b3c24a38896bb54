// `concur bench`: the book's run_procs.sh and its notebook, as one command.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/core/output_sink.hpp"
#include "concur/core/prime_method.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace concur {

struct bench_options {
    std::vector<execution_model> models;   // in the order given
    std::vector<unsigned> worker_counts;   // swept for every model that has workers
    std::vector<std::uint64_t> numbers;    // checked by every run
    std::string numbers_label;             // "book", "seed", "standard input"
    prime_method method = prime_method::trial_simple;  // the seed's loop: slow enough to show the models apart
    unsigned runs = 5;                     // measured runs per configuration
    unsigned warmup = 1;                   // runs before those, not counted
    bool progress = false;                 // show progress on `err` (only on a terminal)
    std::string export_json;               // file paths; empty = not exported
    std::string export_csv;
    std::string export_markdown;
    std::string export_svg;
};

/// Measures every configuration: each run is a whole primes run through run_checks (the
/// call `concur primes` makes: pool start, every check, poison pills and shutdown), without
/// printing the results. Prints the table to `out`, warnings and progress to `err`, writes
/// the exports, and returns the exit status (130/143 if a run was interrupted).
[[nodiscard]] int run_bench(const bench_options& options, output_sink& out, output_sink& err);

}  // namespace concur
