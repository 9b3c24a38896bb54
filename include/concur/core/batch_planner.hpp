// How many numbers go into the next job batch: enough to make a pipe message worth its cost,
// few enough that no worker is handed much more work than another.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>

namespace concur {

/// A rough cost of checking `n`, in units of one trial division.
using work_estimate = std::uint64_t (*)(std::uint64_t n) noexcept;

/// sqrt(n), roughly: what trial division's cost grows with.
[[nodiscard]] double square_root_estimate(std::uint64_t n) noexcept;

/// Trial division's worst case (n prime): about sqrt(n) / 2 odd divisors. It comes from the
/// square root itself, not from n's bit length: every 16-digit number of the book's fixture
/// has 52 to 54 bits, which would rank a 2 ms check level with a 3.3 ms one, and the heaviest-
/// first order (below) then ends the run on a long check instead of a short one.
[[nodiscard]] std::uint64_t trial_division_estimate(std::uint64_t n) noexcept;

/// Waking a process on another CPU costs microseconds, so one message per number wastes most
/// of the time on small numbers; but a batch is checked by one worker, so a batch of big
/// numbers can leave the other workers idle at the end. A batch therefore grows until its
/// estimated work reaches `budget` (about a millisecond of divisions by default) or the
/// record is full. A number that alone exceeds the budget travels alone.
struct batch_planner {
    work_estimate estimate = trial_division_estimate;
    std::uint64_t budget = std::uint64_t{1} << 19;
    std::size_t capacity = 1;  // the most numbers one record carries

    /// How many numbers from the front of `pending` form the next batch (0 if it is empty).
    [[nodiscard]] std::size_t next_batch_size(const std::deque<std::uint64_t>& pending) const noexcept;

    /// Longest first: when numbers that travel alone (estimated above the budget) are among
    /// [first, last), orders the range by estimated work, heaviest first (stable). Handed out
    /// in input order, the book's fixture ends with its biggest prime checked by one worker
    /// while the other idles; handed out heaviest first, the small ones fill in at the end.
    /// A range of light numbers is left alone: their batches are balanced already, and the
    /// sort would cost the parent time on a stream of millions.
    /// `number_of` finds the number in an element, for a range of numbers with more attached.
    template <std::random_access_iterator Iterator, class Number = std::identity>
    void order_longest_first(Iterator first, Iterator last, Number number_of = {}) const {
        const auto work = [&](const auto& element) { return estimate(std::invoke(number_of, element)); };
        if (std::none_of(first, last, [&](const auto& element) { return work(element) > budget; })) return;
        std::stable_sort(first, last, [&](const auto& a, const auto& b) { return work(a) > work(b); });
    }
};

}  // namespace concur
