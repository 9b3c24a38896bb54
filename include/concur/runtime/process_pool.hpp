// run_process_pool: the seed's "processor pool", with fork and two pipes.
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

namespace concur {

/// Forks `options.workers` workers, feeds them batches of numbers through one job pipe, reads
/// their verdicts from one result pipe, and stops them the seed's way: one poison pill per
/// worker, each worker answering with a "done" record. Returns once every worker has ended
/// and been reaped. A dead worker never hangs the pool: it is reported through `listener`,
/// the others finish, and the numbers it took are listed as unchecked.
/// SIGINT and SIGTERM are caught for the duration of the call: they stop the run, end the
/// workers and are returned in the report, so the caller decides the exit status.
/// Throws fmt::system_error when the system refuses (pipes, fork); the workers already
/// started are then ended and reaped before the exception leaves.
[[nodiscard]] pool_report run_process_pool(number_source& source, const pool_options& options,
                                           pool_listener& listener);

}  // namespace concur
