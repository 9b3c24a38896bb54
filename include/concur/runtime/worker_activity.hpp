// worker_activity: what a pool worker is checking, published where its parent can read it.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

namespace concur {

/// Written by the worker, read by the parent, even after the worker died: so the parent can
/// say which number a lost worker was checking, and (for a display) how far the check has
/// got. For a process it lives in MAP_SHARED memory, which is why it holds only lock-free
/// atomics (they work across processes; a mutex there could be left locked by a worker killed
/// while holding it). The sequential and coroutine models keep one too, for their one check.
struct worker_activity {
    std::atomic<std::uint64_t> number{0};   // the number being checked, valid while busy
    std::atomic<std::uint32_t> busy{0};     // 1 between taking a number and answering it
    std::atomic<std::uint64_t> reached{0};  // every divisor below it has been tried: the
                                            // check's stop points publish it (check_control)

    /// The worker's side: it takes `n` (the store to `busy` publishes `number` with it).
    void begin(std::uint64_t n) noexcept {
        number.store(n, std::memory_order_relaxed);
        reached.store(0, std::memory_order_relaxed);
        busy.store(1, std::memory_order_release);
    }
    void end() noexcept { busy.store(0, std::memory_order_release); }

    /// The parent's side: the number being checked, if the worker is inside a check.
    [[nodiscard]] std::optional<std::uint64_t> checking() const noexcept {
        if (busy.load(std::memory_order_acquire) == 0) return std::nullopt;
        return number.load(std::memory_order_relaxed);
    }
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

}  // namespace concur
