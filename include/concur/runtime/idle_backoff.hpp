// idle_backoff: how long to sleep between two looks for MPI messages, which no descriptor announces.
#pragma once

#include <chrono>

namespace concur {

/// MPI offers no descriptor that poll() could wait on until a message comes: whoever waits for
/// one must look (MPI_Iprobe) again and again. Looking in a tight loop burns a whole CPU the
/// workers need (MPI's own blocking calls spin so, by default); sleeping a fixed time between
/// looks adds that time to every answer. So the sleep grows while nothing comes: a few looks
/// back to back first (a message is often just behind the last one), then sleeps doubling from
/// first_sleep up to longest_sleep. Make a new one for each wait: whatever arrives starts the
/// schedule again from the top.
///
/// Idle at longest_sleep, a waiter wakes 1000 times a second for a look of a few microseconds:
/// well under 1% of a CPU. The price is latency: a message that arrives during a sleep waits
/// for its end, at most 1 ms, once per idle period.
class idle_backoff {
public:
    static constexpr unsigned quick_looks = 16;
    static constexpr std::chrono::microseconds first_sleep{16};
    static constexpr std::chrono::microseconds longest_sleep{1000};

    /// How long to sleep before the next look: zero for the first quick_looks, then doubling.
    [[nodiscard]] std::chrono::microseconds next() noexcept {
        if (looks_ < quick_looks) {
            ++looks_;
            return std::chrono::microseconds{0};
        }
        sleep_ = sleep_.count() == 0 ? first_sleep : std::min(sleep_ * 2, longest_sleep);
        return sleep_;
    }

private:
    unsigned looks_ = 0;                     // quick looks taken so far
    std::chrono::microseconds sleep_{0};     // the last sleep handed out
};

}  // namespace concur
