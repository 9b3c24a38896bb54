// run_thread_pool: the processor pool again, with std::thread workers and in-memory queues.
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

namespace concur {

/// The same pool as run_process_pool, record for record: the same batches, poison pills and
/// done records, the same worker loop; only the transport differs (two blocking_queues in
/// shared memory instead of two pipes between address spaces). Returns once every worker
/// thread has been joined. A thread cannot die alone (a crash ends the whole process), so
/// the ending is `complete` or `interrupted`.
/// SIGINT and SIGTERM are caught for the duration of the call: dispatching stops, each worker
/// is asked to stop (std::jthread::request_stop) and its check stops at its next stop point, a
/// few microseconds away; every worker is joined, the verdicts finished before the stop are
/// delivered, and the signal is returned in the report. Threads cannot be killed from
/// outside, only asked to stop.
[[nodiscard]] pool_report run_thread_pool(number_source& source, const pool_options& options,
                                          pool_listener& listener);

}  // namespace concur
