// How many numbers go into the next job batch.
#include "concur/core/batch_planner.hpp"

#include <algorithm>
#include <bit>

namespace concur {

std::uint64_t trial_division_estimate(std::uint64_t n) noexcept {
    constexpr std::uint64_t fixed_cost = 16;  // the call, the timing, the record slot
    const auto half_bits = std::bit_width(n) / 2;
    return fixed_cost + (std::uint64_t{1} << half_bits) / 2;
}

std::size_t batch_planner::next_batch_size(const std::deque<std::uint64_t>& pending) const noexcept {
    std::size_t size = 0;
    std::uint64_t work = 0;
    for (const std::uint64_t n : pending) {
        if (size == capacity) break;
        const std::uint64_t cost = estimate(n);
        if (size > 0 && work + cost > budget) break;
        work += cost;
        ++size;
    }
    return size;
}

void batch_planner::order_longest_first(std::deque<std::uint64_t>::iterator first,
                                        std::deque<std::uint64_t>::iterator last) const {
    const bool any_heavy = std::any_of(first, last, [&](std::uint64_t n) { return estimate(n) > budget; });
    if (!any_heavy) return;
    std::stable_sort(first, last, [&](std::uint64_t a, std::uint64_t b) { return estimate(a) > estimate(b); });
}

}  // namespace concur
