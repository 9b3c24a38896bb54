// loop_clock: the event loop's view of time: read it, and block the thread until a deadline.
#pragma once

#include <chrono>

namespace concur {

/// The event loop asks for time through this interface so that tests can drive it with a
/// manual clock (no real sleeping), while the program uses the monotonic clock.
class loop_clock {
public:
    using time_point = std::chrono::steady_clock::time_point;
    using duration = std::chrono::steady_clock::duration;

    virtual ~loop_clock() = default;
    [[nodiscard]] virtual time_point now() = 0;
    /// Blocks the calling thread until `deadline` has passed. The loop calls it only when no
    /// coroutine is ready, so this is where an idle loop spends its time: in the kernel.
    virtual void sleep_until(time_point deadline) = 0;
};

/// std::chrono::steady_clock (CLOCK_MONOTONIC): never jumps when the wall clock is set.
/// sleep_until is sys::sleep_until: an absolute deadline, so a late wake-up does not push the
/// next one later (no drift), and a signal's EINTR just sleeps again.
class steady_loop_clock final : public loop_clock {
public:
    [[nodiscard]] time_point now() override { return std::chrono::steady_clock::now(); }
    void sleep_until(time_point deadline) override;
};

}  // namespace concur
