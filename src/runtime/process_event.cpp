// process_event: a flag shared by a process and its forked children (multiprocessing.Event).
#include "concur/runtime/process_event.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace concur {
namespace {

using steady = std::chrono::steady_clock;

/// The futex system call (glibc has no wrapper). FUTEX_WAIT and FUTEX_WAKE without
/// FUTEX_PRIVATE_FLAG: shared futexes, the only kind another process can wake.
long futex(std::atomic<std::uint32_t>& word, int operation, std::uint32_t value, const timespec* timeout) {
    auto* address = reinterpret_cast<std::uint32_t*>(&word);  // same size, lock-free: see the header
    return ::syscall(SYS_futex, address, operation, value, timeout, nullptr, 0);
}

timespec to_timespec(steady::duration duration) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
    const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(duration - seconds);
    return {static_cast<time_t>(seconds.count()), static_cast<long>(nanoseconds.count())};
}

/// One FUTEX_WAIT while the word is 0 (`timeout`: relative, on CLOCK_MONOTONIC; null: none).
/// It returns on a wake, a signal (EINTR), the timeout (ETIMEDOUT), or at once if the word is
/// no longer 0 (EAGAIN: set() came between our check and the call, so no wake is lost).
/// The caller looks at the word again in every case: a wake may also be spurious.
void wait_while_clear(std::atomic<std::uint32_t>& word, const timespec* timeout) {
    if (futex(word, FUTEX_WAIT, 0, timeout) == 0) return;
    if (errno == EINTR || errno == EAGAIN || errno == ETIMEDOUT) return;
    throw fmt::system_error(errno, "cannot wait for a process-shared event");
}

}  // namespace

void process_event::set() noexcept {
    word_.store(1, std::memory_order_release);
    // Wake every waiter, in any process. If the memory was unmapped meanwhile (a waiter that
    // saw 1 returned and its owner freed the event), the kernel answers EFAULT or wakes some
    // other futex that happens to live there now: harmless, since every futex waiter
    // must treat a wake as "look again". So the result is ignored, and set() cannot fail.
    (void)futex(word_, FUTEX_WAKE, INT_MAX, nullptr);
}

bool process_event::is_set() const noexcept { return word_.load(std::memory_order_acquire) == 1; }

bool process_event::wait(steady::duration timeout) const {
    const auto start = steady::now();
    // The deadline is fixed once, so a wait cut short by a signal or a spurious wake is
    // resumed for what is left, never for a whole `timeout` again.
    const auto deadline =
        timeout >= steady::time_point::max() - start ? steady::time_point::max() : start + timeout;
    while (!is_set()) {
        const auto left = deadline - steady::now();
        if (left <= steady::duration::zero()) return false;
        const timespec relative = to_timespec(left);  // FUTEX_WAIT measures it on CLOCK_MONOTONIC
        wait_while_clear(word_, &relative);
    }
    return true;
}

void process_event::wait() const {
    while (!is_set()) wait_while_clear(word_, nullptr);
}

}  // namespace concur
