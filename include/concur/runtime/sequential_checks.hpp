// run_sequential_checks: the book's sequential.py, a plain loop on the calling thread.
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

namespace concur {

/// Checks every number in turn on the calling thread: the baseline every model is measured
/// against. Reports each as worker 1. `options.workers` is ignored. SIGINT and SIGTERM stop
/// the loop, even in the middle of a check, at the check's next stop point (microseconds
/// away): that number and those not yet checked are listed unchecked, and the signal is
/// returned in the report, like the pools do.
[[nodiscard]] pool_report run_sequential_checks(number_source& source, const pool_options& options,
                                                pool_listener& listener);

}  // namespace concur
