// in_order_release: results that finish out of order, handed on in input order (--keep-order).
#pragma once

#include "concur/runtime/pool_types.hpp"

#include <cstdint>
#include <map>
#include <optional>

namespace concur {

/// A reorder buffer, like the one a CPU uses to retire instructions in program order: each
/// result comes with its **sequence number** (its place in the input, from 0) and is handed to
/// the listener as soon as every earlier sequence number has been handed on or skipped. So a
/// result waits only for the ones before it: the output streams, it is not sorted at the end.
///
/// A number that will never be answered (its worker was lost, the run was stopped) must be
/// skip()ped, or everything after it would wait forever. What is held at the end is released
/// by release_all(), in order, over the gaps.
///
/// Memory: one entry per result held. The buffer never refuses a result (a check that has
/// finished cannot be undone); it says when it is full(), and the pool then stops handing out
/// new numbers until the slow one before them comes in (pool_ledger::take_next_record).
class in_order_release {
public:
    in_order_release(pool_listener& listener, std::size_t bound) noexcept : listener_(listener), bound_(bound) {}

    /// The answer for `sequence`: handed on now, with every held one it was the last gap
    /// before, or held until the ones before it come. Each sequence number is answered or
    /// skipped once.
    void answered(std::uint64_t sequence, const checked_number& result);

    /// `sequence` will never be answered: nothing waits for it any more.
    void skip(std::uint64_t sequence);

    /// At the end of a run: every held result, in order, whatever is missing before it.
    void release_all();

    /// How many results are held, waiting for an earlier one.
    [[nodiscard]] std::size_t held() const noexcept { return held_count_; }
    /// Held as many as the bound: the pool should stop sending new numbers.
    [[nodiscard]] bool full() const noexcept { return held_count_ >= bound_; }
    /// The first sequence number not yet handed on or skipped.
    [[nodiscard]] std::uint64_t next() const noexcept { return next_; }

private:
    /// Hands on (or passes over, for a skipped one) every entry from next_ on with no gap.
    void release_ready();

    pool_listener& listener_;
    std::size_t bound_;
    std::uint64_t next_ = 0;  // every sequence number below it has been handed on or skipped
    // Ahead of next_: a result waiting, or nothing for a skipped number. An ordered map, so
    // the front is the next candidate; its size is at most the bound plus what is skipped.
    std::map<std::uint64_t, std::optional<checked_number>> waiting_;
    std::size_t held_count_ = 0;  // entries of waiting_ that hold a result
};

}  // namespace concur
