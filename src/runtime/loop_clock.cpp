// loop_clock: the event loop's view of time: read it, and block the thread until a deadline.
#include "concur/runtime/loop_clock.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <ctime>

namespace concur {

void steady_loop_clock::sleep_until(time_point deadline) {
    // libstdc++'s steady_clock is CLOCK_MONOTONIC, so its time_since_epoch is what
    // clock_nanosleep expects for an absolute deadline on that clock.
    const auto since_epoch = deadline.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    timespec until{};
    until.tv_sec = static_cast<time_t>(seconds.count());
    const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
    until.tv_nsec = static_cast<long>(nanoseconds.count());
    for (;;) {
        // Returns the error number (not -1/errno). EINTR: a signal handler ran; the deadline
        // is absolute, so sleeping again loses nothing.
        const int error = ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr);
        if (error == 0) return;
        if (error != EINTR) throw fmt::system_error(error, "cannot sleep until the next timer");
    }
}

}  // namespace concur
