// spin_stats: how smoothly a spinner turned: frames drawn and the longest time without one.
#pragma once

#include <cstdint>

namespace concur {

/// Plain data (trivially copyable), so that it can live in shared memory and be filled in by
/// a child process. Times are nanoseconds on the monotonic clock, which is the same clock in
/// every process of the machine.
///
/// The longest gap counts from when the spinner was started to its first frame, between
/// frames, and from the last frame to when it stopped: the longest time a user watched a
/// frozen line. A coroutine spinner frozen by blocking work draws its first frame only after
/// the work, so the freeze shows up as a gap as long as the work.
struct spin_stats {
    std::uint64_t frames = 0;         // frames drawn (counted even when not shown)
    std::int64_t started_ns = 0;      // when the spinner was started
    std::int64_t last_ns = 0;         // the last frame (or the start)
    std::int64_t stopped_ns = 0;      // when it stopped, 0 while it runs
    std::int64_t longest_gap_ns = 0;  // the longest interval seen so far

    void start(std::int64_t now_ns) noexcept;
    void frame(std::int64_t now_ns) noexcept;
    void stop(std::int64_t now_ns) noexcept;
};

/// Now on the monotonic clock, in nanoseconds (what spin_stats records).
[[nodiscard]] std::int64_t monotonic_now_ns() noexcept;

}  // namespace concur
