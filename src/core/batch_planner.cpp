// How many numbers go into the next job batch.
#include "concur/core/batch_planner.hpp"

#include <cmath>

namespace concur {

double square_root_estimate(std::uint64_t n) noexcept {
    // Only an estimate, so the rounding of a double does not matter (is_prime's integer_sqrt
    // is the exact one); one hardware square root keeps it cheap on a stream of millions.
    return std::sqrt(static_cast<double>(n));
}

std::uint64_t trial_division_estimate(std::uint64_t n) noexcept {
    constexpr std::uint64_t fixed_cost = 16;  // the call, the timing, the record slot
    return fixed_cost + static_cast<std::uint64_t>(square_root_estimate(n) / 2);
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

}  // namespace concur
