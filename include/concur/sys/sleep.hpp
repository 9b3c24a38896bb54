// sleep_until: block the calling thread until a deadline on the monotonic clock.
#pragma once

#include <chrono>

namespace concur::sys {

/// Sleeps in the kernel until `deadline` (CLOCK_MONOTONIC), however often a signal handler cuts
/// the sleep short. The deadline is absolute, as Python's time.sleep keeps one: a stop by Ctrl-Z
/// counts, and one that outlasts the deadline ends the sleep when the process is continued.
/// std::this_thread::sleep_for, and libstdc++'s sleep_until on steady_clock, resume for the
/// time that was left instead, so the stop is added on top. Throws fmt::system_error if the
/// system refuses (it does not: the deadline is a valid time).
void sleep_until(std::chrono::steady_clock::time_point deadline);

}  // namespace concur::sys
