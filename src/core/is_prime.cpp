// is_prime: the seed's trial division, exact over the whole uint64 range.
#include "concur/core/is_prime.hpp"

#include <algorithm>
#include <cmath>

namespace concur {
namespace {

/// The seed's loop, in chunks: between two chunks, `stop_requested_at(reached)` is told that
/// every divisor below `reached` has been tried, and stops the check if it returns true. The
/// inner loop is the seed's own, so a chunk costs what it did without the stop point.
template <typename StopPoint>
check_verdict seed_trial_division(std::uint64_t n, StopPoint&& stop_requested_at) noexcept {
    if (n < 2) return check_verdict::not_prime;
    if (n == 2) return check_verdict::prime;
    if (n % 2 == 0) return check_verdict::not_prime;
    const std::uint64_t root = integer_sqrt(n);  // at most 2^32 - 1: no sum below overflows
    constexpr std::uint64_t chunk_span = 2 * divisors_per_chunk;  // odd divisors only
    for (std::uint64_t from = 3; from <= root; from += chunk_span) {
        const std::uint64_t to = std::min(from + chunk_span, root + 1);
        for (std::uint64_t divisor = from; divisor < to; divisor += 2) {
            if (n % divisor == 0) return check_verdict::not_prime;
        }
        const bool last_chunk = to > root;  // once every divisor is tried, the answer stands
        if (!last_chunk && stop_requested_at(to)) return check_verdict::stopped;
    }
    return check_verdict::prime;
}

}  // namespace

std::uint64_t integer_sqrt(std::uint64_t n) noexcept {
    // Start from the floating-point estimate, then correct it with exact integer arithmetic.
    // The estimate is off by at most one or two near 2^64; the loops fix that.
    auto root = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
    constexpr std::uint64_t largest_root = 0xFFFF'FFFFULL;  // floor(sqrt(2^64 - 1))
    if (root > largest_root) root = largest_root;
    while (root * root > n) --root;
    while (root < largest_root && (root + 1) * (root + 1) <= n) ++root;
    return root;
}

bool is_prime(std::uint64_t n) noexcept {
    return seed_trial_division(n, [](std::uint64_t) { return false; }) == check_verdict::prime;
}

check_verdict trial_simple_check(std::uint64_t n, check_control& control) noexcept {
    return seed_trial_division(n, [&control](std::uint64_t reached) { return control.stop_requested_at(reached); });
}

}  // namespace concur
