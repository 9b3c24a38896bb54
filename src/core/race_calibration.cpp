// race_calibration: how many increments per unit make a row of `concur race` last as long as wanted.
#include "concur/core/race_calibration.hpp"

#include <algorithm>
#include <cmath>

namespace concur {
namespace {

/// count * factor, rounded, from 1 to `most`, computed in double: the product can pass 2^64.
std::uint64_t scaled(std::uint64_t count, double factor, std::uint64_t most) noexcept {
    const double wanted = std::round(static_cast<double>(count) * factor);
    if (!(wanted < static_cast<double>(most))) return most;  // also catches an infinite factor
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
}

}  // namespace

std::uint64_t next_trial_count(std::uint64_t count, std::chrono::nanoseconds elapsed, std::uint64_t most) noexcept {
    const double minimum = std::chrono::duration<double>(race_trial_minimum).count();
    const double seconds = std::chrono::duration<double>(elapsed).count();
    // 1.5: the margin, so that the next trial is long enough even if it runs a little faster.
    const double factor = seconds > 0 ? std::clamp(1.5 * minimum / seconds, 2.0, 64.0) : 64.0;
    return scaled(count, factor, most);
}

std::uint64_t count_for_duration(std::uint64_t count, std::chrono::nanoseconds elapsed,
                                 std::chrono::nanoseconds target, std::uint64_t most) noexcept {
    if (elapsed.count() <= 0) return std::min(count, most);  // no speed seen: nothing to scale by
    return scaled(count, static_cast<double>(target.count()) / static_cast<double>(elapsed.count()), most);
}

}  // namespace concur
