// thread_event: a flag threads wait for (Python's threading.Event: set, is_set, wait).
#include "concur/runtime/thread_event.hpp"

namespace concur {

void thread_event::set() {
    {
        const std::lock_guard guard{mutex_};
        is_set_ = true;
    }
    changed_.notify_all();  // after unlocking: the woken waiters need not block on the mutex
}

bool thread_event::is_set() const {
    const std::lock_guard guard{mutex_};
    return is_set_;
}

bool thread_event::wait(std::chrono::steady_clock::duration timeout) const {
    std::unique_lock guard{mutex_};
    // The predicate form handles spurious wake-ups, and libstdc++ waits on the steady clock.
    return changed_.wait_for(guard, timeout, [this] { return is_set_; });
}

void thread_event::wait() const {
    std::unique_lock guard{mutex_};
    changed_.wait(guard, [this] { return is_set_; });
}

}  // namespace concur
