// timer_queue: coroutines waiting for a deadline, earliest first (a binary heap).
#pragma once

#include "concur/runtime/loop_clock.hpp"
#include "concur/runtime/task_root.hpp"

#include <cstdint>
#include <optional>
#include <queue>
#include <unordered_set>
#include <vector>

namespace concur {

/// The loop's timers, as in Redis's ae.c but a heap instead of a list: add is O(log n), the
/// earliest deadline is at the top. Equal deadlines come out in the order they were added
/// (the id is a sequence number and breaks ties), so two sleeps of the same length wake
/// in the order they started. Cancelling is lazy: the entry stays in the heap, marked, and
/// is skipped when it reaches the top (a heap cannot remove from the middle cheaply).
class timer_queue {
public:
    using time_point = loop_clock::time_point;
    using timer_id = std::uint64_t;

    /// Schedules `waiter` to be made ready at `deadline`. Returns the id cancel() takes.
    timer_id add(time_point deadline, scheduled_coroutine waiter);
    /// Forgets a timer that has not fired yet. The caller must not cancel a fired timer.
    void cancel(timer_id id);

    /// The earliest live deadline, if any timer is set.
    [[nodiscard]] std::optional<time_point> next_deadline();
    /// Removes and returns the earliest timer if its deadline is not after `now`.
    [[nodiscard]] std::optional<scheduled_coroutine> pop_due(time_point now);

    [[nodiscard]] std::size_t size() const noexcept { return heap_.size() - cancelled_.size(); }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }

private:
    struct entry {
        time_point deadline;
        timer_id id;  // also the tie-breaker: smaller ids were added first
        scheduled_coroutine waiter;
    };
    struct later_first {
        bool operator()(const entry& a, const entry& b) const noexcept {
            return a.deadline != b.deadline ? a.deadline > b.deadline : a.id > b.id;
        }
    };
    void drop_cancelled_top();

    std::priority_queue<entry, std::vector<entry>, later_first> heap_;
    std::unordered_set<timer_id> cancelled_;  // ids still in the heap but no longer wanted
    timer_id next_id_ = 1;
};

}  // namespace concur
