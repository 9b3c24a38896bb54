// check_control: where a long check may be asked to stop, and where it says how far it has got.
#pragma once

#include <atomic>
#include <cstdint>
#include <stop_token>

namespace concur {

/// How a check ended: an answer, or none because it was asked to stop half-way. A stopped
/// check is not a result: whoever ran it lists its number as unchecked.
enum class check_verdict : std::uint8_t {
    not_prime,
    prime,
    stopped,
};

[[nodiscard]] constexpr check_verdict verdict_of(bool prime) noexcept {
    return prime ? check_verdict::prime : check_verdict::not_prime;
}

/// A check runs its divisors in chunks of this many (a few microseconds with the fast method,
/// about ten with the seed's loop); between two chunks is its stop point.
constexpr std::uint64_t divisors_per_chunk = 4096;

/// What a check looks at between two chunks of divisors: whether it is asked to stop, and where
/// it publishes how far it has got. One per worker, made once and passed by reference, so a
/// check of a small number pays nothing to receive it.
///
/// A thread cannot be killed from outside, only asked; who asks depends on the model:
/// - another thread, through a std::stop_token: the thread pool's loop calls request_stop()
///   on each std::jthread, and every worker's check sees it at its next stop point;
/// - a signal handler, through a lock-free flag: the sequential and coroutine models run the
///   check on the thread the signal interrupts, and a handler may set an atomic flag but not
///   call request_stop() (it takes a lock: not async-signal-safe);
/// - nobody: a process worker is never asked; its parent ends it with SIGKILL.
/// Looking costs one relaxed load per chunk (the flag) or one acquire load (the token, a
/// plain load on x86), and publishing one relaxed store: at most 1% of a chunk, measured in
/// bench/stop_point_bench.cpp.
class check_control {
public:
    /// Never asked to stop, publishes nowhere: a check run on its own (tests, benchmarks).
    check_control() noexcept = default;

    /// Asked through `stop` (may be an empty token), and through `*stop_flag` when it is not
    /// null; publishes its progress to `*reached` when it is not null. The pointees must
    /// outlive the control.
    check_control(std::stop_token stop, const std::atomic<bool>* stop_flag,
                  std::atomic<std::uint64_t>* reached) noexcept
        : stop_(std::move(stop)), stop_flag_(stop_flag), reached_(reached) {}

    /// Whether the check must stop now.
    [[nodiscard]] bool stop_requested() const noexcept {
        return (stop_flag_ != nullptr && stop_flag_->load(std::memory_order_relaxed)) || stop_.stop_requested();
    }

    /// The stop point, between two chunks: publishes that every divisor below `reached` has
    /// been tried (a display divides it by the integer square root for a percentage, whatever
    /// the method skips), then says whether the check must stop now.
    [[nodiscard]] bool stop_requested_at(std::uint64_t reached) noexcept {
        if (reached_ != nullptr) reached_->store(reached, std::memory_order_relaxed);
        return stop_requested();
    }

private:
    std::stop_token stop_;                          // another thread's request (std::jthread)
    const std::atomic<bool>* stop_flag_ = nullptr;  // a signal handler's request
    std::atomic<std::uint64_t>* reached_ = nullptr;  // where the progress is published
};

}  // namespace concur
