// measure_coroutine_costs: what a task on concur's event loop costs to start, to talk to, and to keep.
#pragma once

#include "concur/core/cost_report.hpp"

#include <vector>

namespace concur {

/// Measures, now, on a fresh event loop: spawn + await + destroy one task that returns at
/// once (`count` times); one round trip between two tasks through two async_events
/// (`count` times); the heap bytes one coroutine frame takes (from malloc's own accounting,
/// over 100 * min(count, 10000) frames); and, with as many tasks suspended on an event, the
/// heap each holds and the resident memory they add, per 100,000 tasks.
[[nodiscard]] std::vector<cost_figure> measure_coroutine_costs(unsigned count);

}  // namespace concur
