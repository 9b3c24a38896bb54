// execution_model: the ways concur runs the same work (threads, processes, coroutines, or a plain loop), by name.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace concur {

/// The book's scripts as one switch: sequential.py, threads.py, procs.py, and asyncio, and
/// the same pool across machines on MPI. `concur primes` and `concur bench` offer all five;
/// `concur spin` the three that run something beside the work (thread, process, coroutine).
enum class execution_model {
    sequential,  // one loop on the calling thread (sequential.py)
    thread,      // std::thread workers sharing the process's memory (threads.py, spinner_thread.py)
    process,     // forked workers that share nothing unless asked (procs.py, spinner_proc.py)
    coroutine,   // tasks on concur's event loop: one thread, one step at a time (spinner_async.py)
    mpi,         // ranks an MPI launcher (mpiexec) started, on one machine or several: rank 0
                 // runs the pool, the others are its workers
};

/// The most workers any pool starts (--procs). Far above any CPU count concur is run on, and
/// low enough that a typing slip (--procs=50000) is refused instead of forking a process per
/// number until the system says no.
inline constexpr unsigned max_workers = 512;

/// Every model, in the order tables list them (sequential first: the baseline).
[[nodiscard]] std::span<const execution_model> all_execution_models() noexcept;

/// "sequential", "thread", "process", "coroutine", "mpi": the names used on the command line and in JSON.
[[nodiscard]] std::string_view model_name(execution_model model) noexcept;
[[nodiscard]] std::optional<execution_model> parse_execution_model(std::string_view name) noexcept;

/// Whether the model runs a pool of workers, so that --procs means something (false: one
/// check at a time on one thread, whatever the count).
[[nodiscard]] bool model_uses_workers(execution_model model) noexcept;

/// Whether the model's workers are started by a launcher before concur runs (mpiexec starts
/// every rank of an MPI job), so that one process alone cannot run it. A list that runs "every
/// model" in one process (tests, bench's default) leaves such a model out, saying why, or
/// launches it.
[[nodiscard]] bool model_needs_launcher(execution_model model) noexcept;

}  // namespace concur
