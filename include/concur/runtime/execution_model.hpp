// execution_model: the ways concur can run the same checks, and the one entry point for each.
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace concur {

/// The book's three scripts, and coroutines, as one switch. Adding a model is one enumerator
/// here, one row in the table in execution_model.cpp and one run_* function with
/// run_process_pool's signature.
enum class execution_model {
    sequential,  // one loop on the calling thread (sequential.py)
    thread,      // a pool of std::thread workers and in-memory queues (threads.py)
    process,     // a pool of forked workers and pipes (procs.py)
    coroutine,   // one task per number on concur's event loop: one check at a time, one thread
};

/// Every model, in the order tables list them (sequential first: the baseline).
[[nodiscard]] std::span<const execution_model> all_execution_models() noexcept;

/// "sequential", "thread", "process", "coroutine": the names used on the command line and in JSON.
[[nodiscard]] std::string_view model_name(execution_model model) noexcept;
[[nodiscard]] std::optional<execution_model> parse_execution_model(std::string_view name) noexcept;
/// "sequential, thread, process, coroutine", for messages that say what is allowed.
[[nodiscard]] std::string_view model_names_list() noexcept;

/// Whether --procs means something for this model (false: it runs one check at a time).
[[nodiscard]] bool model_uses_workers(execution_model model) noexcept;

/// How the header line names the units: "with 2 threads", "with 1 process", "sequentially",
/// "with coroutines, one at a time on one thread".
[[nodiscard]] std::string describe_units(execution_model model, unsigned workers);

/// Runs the checks with `model`: every model reports through the same listener and report,
/// so the commands built on it (primes, bench) do not care which one ran.
[[nodiscard]] pool_report run_checks(execution_model model, number_source& source, const pool_options& options,
                                     pool_listener& listener);

}  // namespace concur
