// bench_runs: the runs `concur bench` times: one model with its workers, or independent copies side by side.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/runtime/pool_types.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace concur {

/// One timed run, whatever ran: how it ended, and what it took.
struct measured_run {
    pool_ending ending = pool_ending::complete;
    int signal = 0;             // SIGINT or SIGTERM when interrupted
    std::string lost;           // when a worker (or a copy) was lost: which, and how
    double wall = 0;            // seconds
    double user = 0;            // CPU seconds, this process and its children
    double system = 0;
    double longest_check = 0;   // seconds, the longest single check; 0 when not known
};

/// A whole primes run in this process through run_checks, the call `concur primes` makes
/// (pool start, every check, poison pills, shutdown and reaping), without printing results.
/// SIGINT and SIGTERM end it as they end `concur primes`: the run says so.
[[nodiscard]] measured_run run_model_once(execution_model model, unsigned workers,
                                          const std::vector<std::uint64_t>& numbers, const prime_method_info& method);

/// `copies` independent one-worker runs started together: each a forked process that runs the
/// sequential model on `numbers`, sharing nothing with the others. The children are forked and
/// waiting before the clock starts, so `wall` is the time from the start signal until the last
/// copy reports done: k copies against one is the machine's parallel ceiling (ceiling_row).
/// SIGINT and SIGTERM stop the copies (killed and reaped) and the run says so.
[[nodiscard]] measured_run run_copies_side_by_side(unsigned copies, const std::vector<std::uint64_t>& numbers,
                                                   const prime_method_info& method);

}  // namespace concur
