// spin_stats: how smoothly a spinner turned: frames drawn and the longest time without one.
#include "concur/core/spin_stats.hpp"

#include <algorithm>
#include <chrono>

namespace concur {

void spin_stats::start(std::int64_t now_ns) noexcept {
    *this = spin_stats{};
    started_ns = now_ns;
    last_ns = now_ns;
}

void spin_stats::frame(std::int64_t now_ns) noexcept {
    ++frames;
    longest_gap_ns = std::max(longest_gap_ns, now_ns - last_ns);
    last_ns = now_ns;
}

void spin_stats::stop(std::int64_t now_ns) noexcept {
    longest_gap_ns = std::max(longest_gap_ns, now_ns - last_ns);
    stopped_ns = now_ns;
}

std::int64_t monotonic_now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace concur
