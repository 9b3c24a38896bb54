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
/// Idle at longest_sleep, a waiter wakes 250 times a second. A look is no cheap read of memory:
/// MPI_Iprobe drives MPI's progress engine, and with the wake-up itself it costs tens of
/// microseconds on a busy two-core machine, so waking every 1 ms cost rank 0 about 5% of the
/// workers' CPU time on the book fixture (bench/mpi_cpu_share.sh), 4 ms a quarter of that. The
/// price is latency: a message that arrives during a sleep waits for its end. A waiter that
/// expects an answer soon (work it knows to be cheap is out) passes a shorter ceiling,
/// short_sleep: otherwise rank 0 and its workers take turns sleeping, each waiting for the
/// other, and a stream of cheap numbers crawls.
class idle_backoff {
public:
    static constexpr unsigned quick_looks = 16;
    static constexpr std::chrono::microseconds first_sleep{16};
    static constexpr std::chrono::microseconds longest_sleep{4000};
    static constexpr std::chrono::microseconds short_sleep{250};

    /// `ceiling`: the longest sleep this waiter accepts (longest_sleep, or short_sleep).
    explicit idle_backoff(std::chrono::microseconds ceiling = longest_sleep) noexcept : ceiling_(ceiling) {}

    /// How long to sleep before the next look: zero for the first quick_looks, then doubling.
    [[nodiscard]] std::chrono::microseconds next() noexcept {
        if (looks_ < quick_looks) {
            ++looks_;
            return std::chrono::microseconds{0};
        }
        sleep_ = sleep_.count() == 0 ? first_sleep : std::min(sleep_ * 2, ceiling_);
        return sleep_;
    }

private:
    std::chrono::microseconds ceiling_;      // the longest sleep handed out
    unsigned looks_ = 0;                     // quick looks taken so far
    std::chrono::microseconds sleep_{0};     // the last sleep handed out
};

}  // namespace concur
