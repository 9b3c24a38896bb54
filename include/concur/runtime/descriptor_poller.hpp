// descriptor_poller: the loop's one blocking call, on descriptors and a timeout (ae.c's aeApiPoll).
#pragma once

#include "concur/runtime/loop_clock.hpp"

#include <optional>
#include <span>

#include <poll.h>

namespace concur {

/// The one system call an event loop is built around: "block this thread until one of these
/// descriptors is ready, or until this much time has passed, whichever comes first". The loop
/// asks through this interface, as it asks loop_clock for time, so that tests can drive it
/// with descriptors that are ready only when the test says so, and never really block.
/// Like ae.c's aeApiPoll, which select(), epoll or kqueue implement behind one signature.
class descriptor_poller {
public:
    virtual ~descriptor_poller() = default;
    /// Blocks until a descriptor in `descriptors` is ready for what its `events` ask, or until
    /// `timeout` has passed (none: no limit; zero: just look, never block), and sets each
    /// entry's `revents`. May also return early with nothing ready (a signal handler ran): the
    /// loop then simply turns again.
    virtual void wait(std::span<pollfd> descriptors,
                      std::optional<loop_clock::duration> timeout) = 0;
};

/// poll(2), through ppoll for a timeout in nanoseconds: poll's milliseconds would round a
/// timer's deadline down and wake the loop a little early, to poll again. poll rather than
/// epoll: the loop watches a handful of descriptors, and poll needs no descriptor of its own
/// that could leak into a forked child. Stateless: every loop may share one.
class system_poller final : public descriptor_poller {
public:
    void wait(std::span<pollfd> descriptors, std::optional<loop_clock::duration> timeout) override;
};

}  // namespace concur
