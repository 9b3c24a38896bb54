// process_pool_retries: --retries, the numbers a dead worker held checked again on a fresh worker.
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_transport.hpp"
#include "concur/runtime/pool_types.hpp"

namespace concur {

/// The pool loop, plus this: a worker that ends without saying done is replaced by a fresh one
/// in its slot, and what it held goes back in the queue, `options.retries` times at most per
/// number (see pool_options::retries). `transport` must be able to start a worker again after
/// the first ones (for processes: it keeps the workers' pipe ends), and say what a dead worker
/// held (last_job).
[[nodiscard]] pool_report run_pool_with_retries(pool_transport& transport, number_source& source,
                                                const pool_options& options, pool_listener& listener);

}  // namespace concur
