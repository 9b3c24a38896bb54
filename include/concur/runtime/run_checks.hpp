// run_checks: the one entry point that runs the same checks with any execution model.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

namespace concur {

/// Runs the checks with `model`: every model reports through the same listener and report,
/// so the commands built on it (primes, bench) do not care which one ran. Adding a model is
/// one enumerator in core/execution_model.hpp and one run_* function with this signature.
[[nodiscard]] pool_report run_checks(execution_model model, number_source& source, const pool_options& options,
                                     pool_listener& listener);

}  // namespace concur
