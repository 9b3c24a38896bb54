// `concur primes`: the seed's processor pool, checking numbers for primality with any execution model.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/core/output_sink.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/core/progress_mode.hpp"
#include "concur/runtime/pool_types.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace concur {

struct primes_options {
    execution_model model = execution_model::process;
    unsigned workers = 1;                // as given: 1 to max_workers, and 1 for a model without
                                         // workers (model_uses_workers), which runs one check at a time
    std::vector<std::uint64_t> numbers;  // what to check, unless from_stdin
    bool from_stdin = false;             // read whitespace-separated numbers from `stdin_fd`
    int stdin_fd = 0;
    std::string input_path;              // when set (with from_stdin): read this file instead of
                                         // stdin_fd, opened by run_primes (on rank 0 alone for MPI)
    bool json = false;                   // one JSON document instead of the seed's lines
    prime_method method = prime_method::trial;  // the check each worker runs, and its cost
    std::string job_log_path;            // when set: one line per number written there
    unsigned retries = 0;                // process model: checks again on a fresh worker
    std::vector<std::string> worker_hosts;  // MPI: each worker rank's host, from worker 1 on
                                            // (the header counts them, the job log names them)
    progress_mode progress = progress_mode::automatic;  // the live status block (primes_progress)
    bool keep_order = false;             // results in input order, not completion order
};

/// Runs the checks with the chosen model, prints each result as it arrives (completion order,
/// like the seed, or input order with keep_order) and a summary, and returns the exit status:
/// 0, 3 when a worker was lost, 130/143 when interrupted. Diagnostics go to `err`.
[[nodiscard]] int run_primes(const primes_options& options, output_sink& out, output_sink& err);

}  // namespace concur
