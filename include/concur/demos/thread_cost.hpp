// measure_thread_costs: what a std::thread costs to start, to talk to, and to keep.
#pragma once

#include "concur/core/cost_report.hpp"

#include <vector>

namespace concur {

/// Measures, now: create + join one thread (`count` times); one round trip between two
/// threads through a mutex and a condition variable (`count` times); and, with `count`
/// threads parked on a condition variable, the address space reserved per thread (its stack)
/// and the resident memory they add, per 1,000 threads.
[[nodiscard]] std::vector<cost_figure> measure_thread_costs(unsigned count);

}  // namespace concur
