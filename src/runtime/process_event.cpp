// process_event: a flag shared by a process and its forked children (multiprocessing.Event).
#include "concur/runtime/process_event.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>

namespace concur {
namespace {

void must(int error) noexcept {
    if (error != 0) std::abort();
}

timespec monotonic_deadline(std::chrono::steady_clock::duration timeout) {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    constexpr long per_second = 1'000'000'000;
    const long long total = static_cast<long long>(now.tv_nsec) + (nanoseconds > 0 ? nanoseconds : 0);
    now.tv_sec += static_cast<time_t>(total / per_second);
    now.tv_nsec = static_cast<long>(total % per_second);
    return now;
}

}  // namespace

/// Locks the robust mutex. EOWNERDEAD means a process died while holding it: the flag it
/// guards is a single bool, always consistent, so the lock is simply marked consistent again.
class process_event::lock {
public:
    explicit lock(pthread_mutex_t& mutex) : mutex_(mutex) {
        const int error = ::pthread_mutex_lock(&mutex_);
        if (error == EOWNERDEAD) {
            ::pthread_mutex_consistent(&mutex_);
        } else if (error != 0) {
            throw fmt::system_error(error, "cannot lock a process-shared event");
        }
    }
    ~lock() { ::pthread_mutex_unlock(&mutex_); }
    lock(const lock&) = delete;
    lock& operator=(const lock&) = delete;

private:
    pthread_mutex_t& mutex_;
};

process_event::process_event() noexcept {
    pthread_mutexattr_t mutex_attributes;
    must(::pthread_mutexattr_init(&mutex_attributes));
    must(::pthread_mutexattr_setpshared(&mutex_attributes, PTHREAD_PROCESS_SHARED));
    must(::pthread_mutexattr_setrobust(&mutex_attributes, PTHREAD_MUTEX_ROBUST));
    must(::pthread_mutex_init(&mutex_, &mutex_attributes));
    ::pthread_mutexattr_destroy(&mutex_attributes);

    pthread_condattr_t condition_attributes;
    must(::pthread_condattr_init(&condition_attributes));
    must(::pthread_condattr_setpshared(&condition_attributes, PTHREAD_PROCESS_SHARED));
    must(::pthread_condattr_setclock(&condition_attributes, CLOCK_MONOTONIC));
    must(::pthread_cond_init(&changed_, &condition_attributes));
    ::pthread_condattr_destroy(&condition_attributes);
}

process_event::~process_event() {
    ::pthread_cond_destroy(&changed_);
    ::pthread_mutex_destroy(&mutex_);
}

void process_event::set() {
    const lock guard{mutex_};
    is_set_ = true;
    // Broadcast while holding the lock: the waiter may be in another process that could
    // otherwise see the flag, return, and have the memory unmapped under our feet.
    ::pthread_cond_broadcast(&changed_);
}

bool process_event::is_set() const {
    const lock guard{mutex_};
    return is_set_;
}

bool process_event::wait(std::chrono::steady_clock::duration timeout) const {
    const timespec deadline = monotonic_deadline(timeout);
    const lock guard{mutex_};
    while (!is_set_) {
        // Sleeps in the kernel on a shared futex; no polling. The deadline is absolute, so
        // spurious wake-ups and EINTR do not extend the wait.
        const int error = ::pthread_cond_timedwait(&changed_, &mutex_, &deadline);
        if (error == ETIMEDOUT) break;
        if (error == EOWNERDEAD) {
            ::pthread_mutex_consistent(&mutex_);
        } else if (error != 0) {
            throw fmt::system_error(error, "cannot wait for a process-shared event");
        }
    }
    return is_set_;
}

}  // namespace concur
