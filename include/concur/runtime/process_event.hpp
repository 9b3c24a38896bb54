// process_event: a flag shared by a process and its forked children (multiprocessing.Event).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace concur {

/// The same API as thread_event, for processes. Construct it in MAP_SHARED memory
/// (sys::shared_array) *before* fork: parent and child then use the very same bytes.
///
/// The whole event is one 32-bit word, 0 (clear) or 1 (set), and two futex system calls:
/// set() stores 1 and wakes every waiter (FUTEX_WAKE); wait() sleeps in the kernel while the
/// word is 0 (FUTEX_WAIT). The futexes are *shared* ones, which the kernel keys by the
/// physical page, so a wake in one process reaches a waiter in another.
///
/// Why not thread_event or std::atomic::wait? Both end in a futex that libstdc++ 12 makes
/// process-private (FUTEX_PRIVATE_FLAG: keyed by this process's address space), so a wake in
/// one process never reaches a waiter in the other; and a copy of an ordinary object after
/// fork is two objects anyway.
/// Why not a pthread mutex and condition variable marked PTHREAD_PROCESS_SHARED (what this
/// class used to be)? Because a process may die at any instant, and nothing a dead process
/// held may wedge the living. A robust mutex repairs a lock whose owner died, but glibc's
/// condition variable keeps counts of its waiters in the shared memory, and its signal and
/// broadcast can wait for a waiter that was SIGKILLed to give its count back: it never does,
/// and set() blocks forever (`concur spin --model=process` hung this way when its spinner
/// child was killed). Here there is no lock and no count: a dead waiter's futex wait simply
/// vanishes from the kernel's queue.
///
/// wait() blocks the calling thread in the kernel until set() in any process (or thread)
/// sharing the memory, or until the timeout. Not copyable or movable: its address is its
/// identity.
class process_event {
public:
    process_event() noexcept = default;
    /// Run by the creator only, after every other process has stopped using it.
    ~process_event() = default;
    process_event(const process_event&) = delete;
    process_event& operator=(const process_event&) = delete;

    /// Sets the flag and wakes every waiter. Never blocks.
    void set() noexcept;
    [[nodiscard]] bool is_set() const noexcept;
    /// Blocks until set or `timeout` passes (on the monotonic clock). Returns true if set.
    [[nodiscard]] bool wait(std::chrono::steady_clock::duration timeout) const;
    /// Blocks until set.
    void wait() const;

private:
    // The futex word: the kernel reads it as a plain 32-bit integer at this address.
    static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));
    static_assert(std::atomic<std::uint32_t>::is_always_lock_free);
    mutable std::atomic<std::uint32_t> word_{0};  // 0: clear, 1: set (and set stays set)
};

}  // namespace concur
