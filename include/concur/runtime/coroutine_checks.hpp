// run_coroutine_checks: one task per number on concur's event loop (asyncio.create_task + gather).
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

namespace concur {

/// Spawns one task per number on a fresh event loop (concur::run) and gathers them, a bounded
/// window at a time, so a stream of 10^7 numbers never holds 10^7 frames. Every check runs on
/// the calling thread, one after the other: each is reported as worker 1, and
/// `options.workers` is ignored. Standard input is read through the loop: while the supervisor
/// awaits readable() on it, the thread blocks in one poll() on the input and the signal pipe.
/// SIGINT and SIGTERM stop the run while it waits for standard input, and in the middle of a
/// check, at the check's next stop point: its task then awaits and is cancelled there, and so
/// are the tasks not yet run. The signal is returned in the report, like the other models do;
/// the numbers read but not checked are listed.
[[nodiscard]] pool_report run_coroutine_checks(number_source& source, const pool_options& options,
                                               pool_listener& listener);

}  // namespace concur
