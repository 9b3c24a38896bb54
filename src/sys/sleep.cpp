// sleep_until: block the calling thread until a deadline on the monotonic clock.
#include "concur/sys/sleep.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <ctime>

namespace concur::sys {

void sleep_until(std::chrono::steady_clock::time_point deadline) {
    // A relative nanosleep, its length computed again from the deadline after every signal
    // handler that cuts it short: the deadline is kept as well as with clock_nanosleep's
    // TIMER_ABSTIME, and nanosleep is a call ThreadSanitizer knows to be blocking, so a signal
    // is handled during it; inside clock_nanosleep, which it does not know, Ctrl-C would wait
    // until the sleep was over.
    for (auto now = std::chrono::steady_clock::now(); now < deadline; now = std::chrono::steady_clock::now()) {
        const auto left = deadline - now;
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(left);
        const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(left - seconds);
        const timespec length{static_cast<time_t>(seconds.count()), static_cast<long>(nanoseconds.count())};
        if (::nanosleep(&length, nullptr) != 0 && errno != EINTR) {
            throw fmt::system_error(errno, "cannot sleep until a deadline");
        }
    }
}

}  // namespace concur::sys
