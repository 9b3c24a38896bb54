// process_event: a flag shared by a process and its forked children (multiprocessing.Event).
#pragma once

#include <chrono>
#include <pthread.h>

namespace concur {

/// The same API as thread_event, for processes. Construct it in MAP_SHARED memory
/// (sys::shared_array) *before* fork: parent and child then use the very same bytes.
///
/// Why not thread_event or std::atomic::wait? Both end in a futex that the kernel keys by
/// the process's private address (FUTEX_PRIVATE_FLAG in libstdc++ 12), so a wake in one
/// process never reaches a waiter in the other, and a copy of an ordinary object after fork
/// is two objects anyway. A pthread mutex and condition variable marked
/// PTHREAD_PROCESS_SHARED use shared futexes keyed by the physical page, which works.
/// The condition variable uses CLOCK_MONOTONIC, so wait(timeout) is immune to clock changes.
/// The mutex is robust: if a process dies holding it, the next locker repairs it instead of
/// waiting forever.
///
/// wait() blocks the calling thread in the kernel until set() in any process sharing the
/// memory, or until the timeout. Not copyable or movable: its address is its identity.
class process_event {
public:
    /// Initialises the process-shared mutex and condition variable. glibc's init functions
    /// cannot fail for these attributes; a failure would be a broken libc, so it aborts.
    process_event() noexcept;
    /// Run by the creator only, after every other process has stopped using it.
    ~process_event();
    process_event(const process_event&) = delete;
    process_event& operator=(const process_event&) = delete;

    void set();
    [[nodiscard]] bool is_set() const;
    /// Blocks until set or `timeout` passes. Returns true if set.
    [[nodiscard]] bool wait(std::chrono::steady_clock::duration timeout) const;

private:
    class lock;
    mutable pthread_mutex_t mutex_{};
    mutable pthread_cond_t changed_{};
    bool is_set_ = false;  // guarded by mutex_
};

}  // namespace concur
