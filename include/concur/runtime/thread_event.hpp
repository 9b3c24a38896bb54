// thread_event: a flag threads wait for (Python's threading.Event: set, is_set, wait).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace concur {

/// One thread sets, others wait; once set it stays set. wait() blocks the calling thread in
/// the kernel (a futex, through the condition variable) and wakes it as soon as set() is
/// called from any thread of this process, or when the timeout passes.
/// Process-private: after fork, a set() in one process is never seen by the other (use
/// process_event for that).
class thread_event {
public:
    /// Sets the flag and wakes every waiter.
    void set();
    [[nodiscard]] bool is_set() const;
    /// Blocks until the flag is set or `timeout` has passed (on the monotonic clock, so a
    /// wall-clock change does not shorten or stretch it). Returns the flag: true if set.
    [[nodiscard]] bool wait(std::chrono::steady_clock::duration timeout) const;
    /// Blocks until the flag is set.
    void wait() const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    bool is_set_ = false;  // guarded by mutex_
};

}  // namespace concur
