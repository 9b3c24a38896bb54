// in_order_release: results that finish out of order, handed on in input order (--keep-order).
#include "concur/runtime/in_order_release.hpp"

#include <stdexcept>

namespace concur {

void in_order_release::answered(std::uint64_t sequence, const checked_number& result) {
    if (sequence < next_ || waiting_.contains(sequence)) {
        throw std::logic_error("a number was answered twice, or answered after it was skipped");
    }
    if (sequence == next_) {
        // The common case when one check is not much slower than the others: no map at all.
        listener_.on_result(result);
        ++next_;
        release_ready();
        return;
    }
    waiting_.emplace(sequence, result);
    ++held_count_;
}

void in_order_release::skip(std::uint64_t sequence) {
    if (sequence < next_ || waiting_.contains(sequence)) return;  // already passed: nothing waits
    if (sequence == next_) {
        ++next_;
        release_ready();
        return;
    }
    waiting_.emplace(sequence, std::nullopt);
}

void in_order_release::release_ready() {
    while (!waiting_.empty() && waiting_.begin()->first == next_) {
        const auto front = waiting_.begin();
        if (front->second) {
            listener_.on_result(*front->second);
            --held_count_;
        }
        waiting_.erase(front);
        ++next_;
    }
}

void in_order_release::release_all() {
    for (const auto& [sequence, result] : waiting_) {
        if (result) listener_.on_result(*result);
        next_ = sequence + 1;
    }
    waiting_.clear();
    held_count_ = 0;
}

}  // namespace concur
