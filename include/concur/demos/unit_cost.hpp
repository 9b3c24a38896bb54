// `concur cost`: "creating a thread or a process is not cheap", measured.
#pragma once

#include "concur/core/output_sink.hpp"

#include <optional>

namespace concur {

struct cost_options {
    unsigned count = 1000;  // repetitions per timing, and threads parked; children: count / 50;
                            // suspended tasks: 100 * min(count, 10000)
    bool json = false;
    std::optional<unsigned> columns;  // the terminal's width when the table goes to one (else 80)
};

/// Measures every model's costs now (threads, then processes, then coroutines), prints them as
/// a table or JSON with each figure's ratio to the coroutine figure of the same kind, and
/// returns the exit status. Nothing printed is a constant: every figure comes from this run.
[[nodiscard]] int run_cost(const cost_options& options, output_sink& out, output_sink& err);

}  // namespace concur
