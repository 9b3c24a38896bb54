// `concur cost`: "creating a thread or a process is not cheap", measured.
#pragma once

#include "concur/core/output_sink.hpp"

namespace concur {

struct cost_options {
    unsigned count = 1000;  // repetitions per timing, and threads parked; children: count / 50
    bool json = false;
};

/// Measures every model's costs now (threads, then processes; coroutines will join them
/// through a measure_coroutine_costs of the same shape), prints them as a table or JSON, and
/// returns the exit status. Nothing printed is a constant: every figure comes from this run.
[[nodiscard]] int run_cost(const cost_options& options, output_sink& out, output_sink& err);

}  // namespace concur
