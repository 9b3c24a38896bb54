// timer_queue: coroutines waiting for a deadline, earliest first (a binary heap).
#include "concur/runtime/timer_queue.hpp"

namespace concur {

timer_queue::timer_id timer_queue::add(time_point deadline, scheduled_coroutine waiter) {
    const timer_id id = next_id_++;
    heap_.push({deadline, id, waiter});
    return id;
}

void timer_queue::cancel(timer_id id) { cancelled_.insert(id); }

void timer_queue::drop_cancelled_top() {
    while (!heap_.empty()) {
        const auto found = cancelled_.find(heap_.top().id);
        if (found == cancelled_.end()) return;
        cancelled_.erase(found);
        heap_.pop();
    }
}

std::optional<timer_queue::time_point> timer_queue::next_deadline() {
    drop_cancelled_top();
    if (heap_.empty()) return std::nullopt;
    return heap_.top().deadline;
}

std::optional<scheduled_coroutine> timer_queue::pop_due(time_point now) {
    drop_cancelled_top();
    if (heap_.empty() || heap_.top().deadline > now) return std::nullopt;
    const scheduled_coroutine waiter = heap_.top().waiter;
    heap_.pop();
    return waiter;
}

}  // namespace concur
