// descriptor_poller: the loop's one blocking call, on descriptors and a timeout (ae.c's aeApiPoll).
#include "concur/runtime/descriptor_poller.hpp"

#include <fmt/os.h>

#include <algorithm>
#include <cerrno>
#include <ctime>

namespace concur {

void system_poller::wait(std::span<pollfd> descriptors,
                         std::optional<loop_clock::duration> timeout) {
    timespec limit{};
    if (timeout) {
        using std::chrono::duration_cast;
        const auto wait_for = std::max(*timeout, loop_clock::duration::zero());
        const auto seconds = duration_cast<std::chrono::seconds>(wait_for);
        const auto nanoseconds = duration_cast<std::chrono::nanoseconds>(wait_for - seconds);
        limit.tv_sec = static_cast<time_t>(seconds.count());
        limit.tv_nsec = static_cast<long>(nanoseconds.count());
    }
    for (pollfd& entry : descriptors) entry.revents = 0;
    if (::ppoll(descriptors.data(), descriptors.size(), timeout ? &limit : nullptr, nullptr) >= 0) {
        return;
    }
    // EINTR: a signal handler ran. Nothing is reported ready, and the loop turns again with a
    // timeout computed afresh; the handler's byte in a signal pipe is seen by that next poll.
    // Unlike read(), retrying here would be wrong: the timeout would start over.
    if (errno == EINTR) {
        for (pollfd& entry : descriptors) entry.revents = 0;
        return;
    }
    throw fmt::system_error(errno, "cannot poll the descriptors the event loop waits on");
}

}  // namespace concur
