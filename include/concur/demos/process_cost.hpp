// measure_process_costs: what a forked process costs to start, to talk to, and to keep.
#pragma once

#include "concur/core/cost_report.hpp"

#include <vector>

namespace concur {

/// Measures, now: fork + _exit + waitpid (`count` times); one round trip of one byte to a
/// child and back through two pipes (`count` times); and, for max(2, count / 50) children
/// parked in read(), the memory each holds from /proc/PID/smaps_rollup: resident (Rss),
/// proportional (Pss: shared pages divided among their sharers) and private.
[[nodiscard]] std::vector<cost_figure> measure_process_costs(unsigned count);

}  // namespace concur
