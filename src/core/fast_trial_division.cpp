// fast_trial_division: the seed's trial division, same answers, at the speed of the vector unit.
#include "concur/core/fast_trial_division.hpp"

#include "concur/core/batch_planner.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/trial_kernel_choice.hpp"
#include "wheel_scan.hpp"

#include <algorithm>

namespace concur {

using wheel_scan::block_span;
using wheel_scan::turns_per_block;
using wheel_scan::wheel;
using wheel_scan::wheel_offsets;

std::uint64_t smallest_wheel_divisor(std::uint64_t n, std::uint64_t from, std::uint64_t to,
                                     const trial_kernel& kernel) noexcept {
    std::uint64_t base = from;
    while (base + 1 < to) {  // the block's first divisor, base + 1, is below `to`
        base = kernel.find_block(n, base, to - 1);
        if (base + 1 >= to) break;
        // A divisor is in this block, maybe at or past `to` (n itself, or its cofactor): find
        // the first one in increasing order with exact integer arithmetic, as the seed would.
        for (std::uint64_t turn = 0; turn < turns_per_block; ++turn) {
            for (const std::uint64_t offset : wheel_offsets) {
                const std::uint64_t divisor = base + turn * wheel + offset;
                if (divisor >= to) return 0;
                if (n % divisor == 0) return divisor;
            }
        }
        base += block_span;
    }
    return 0;
}

namespace {

/// Trial division on the wheel, `chunk_divisors` wheel divisors at a time: between two chunks,
/// `stop_requested_at(reached)` is told that every divisor below `reached` has been tried, and
/// stops the check if it returns true.
template <typename StopPoint>
check_verdict wheel_trial_division(std::uint64_t n, const trial_kernel& kernel, std::uint64_t chunk_divisors,
                                   StopPoint&& stop_requested_at) noexcept {
    if (n < 2) return check_verdict::not_prime;
    for (const std::uint64_t small : {2U, 3U, 5U}) {
        if (n % small == 0) return verdict_of(n == small);
    }
    const std::uint64_t root = integer_sqrt(n);
    // The wheel's first turn (7 to 29; 1 is no divisor) is too short to be worth a vector.
    for (std::size_t i = 1; i < wheel_scan::lanes_per_turn; ++i) {
        if (wheel_offsets[i] > root) return check_verdict::prime;
        if (n % wheel_offsets[i] == 0) return check_verdict::not_prime;
    }
    const std::uint64_t divisors_per_block = turns_per_block * wheel_scan::lanes_per_turn;
    const std::uint64_t chunk_span = std::max<std::uint64_t>(1, chunk_divisors / divisors_per_block) * block_span;
    for (std::uint64_t from = wheel; from < root; from += chunk_span) {  // from + 1 <= root
        const std::uint64_t to = std::min(from + chunk_span, root + 1);
        if (smallest_wheel_divisor(n, from, to, kernel) != 0) return check_verdict::not_prime;
        const bool last_chunk = to >= root;  // the next would start past the root: the answer stands
        if (!last_chunk && stop_requested_at(to)) return check_verdict::stopped;
    }
    return check_verdict::prime;
}

}  // namespace

bool is_prime_fast_trial_in_chunks(std::uint64_t n, const trial_kernel& kernel, std::uint64_t chunk_divisors) noexcept {
    return wheel_trial_division(n, kernel, chunk_divisors, [](std::uint64_t) { return false; }) ==
           check_verdict::prime;
}

bool is_prime_fast_trial(std::uint64_t n, const trial_kernel& kernel) noexcept {
    return is_prime_fast_trial_in_chunks(n, kernel, divisors_per_chunk);
}

bool is_prime_fast_trial(std::uint64_t n) noexcept { return is_prime_fast_trial(n, trial_kernel_for(n)); }

check_verdict fast_trial_check(std::uint64_t n, check_control& control) noexcept {
    return wheel_trial_division(n, trial_kernel_for(n), divisors_per_chunk,
                                [&control](std::uint64_t reached) { return control.stop_requested_at(reached); });
}

std::uint64_t fast_trial_division_estimate(std::uint64_t n) noexcept {
    // As trial_division_estimate (about sqrt(n) / 2 divisions), divided by 8: bench/ measures
    // a speed-up of about 6 (SSE2) to 21 (AVX-512) on the book fixture; erring low keeps
    // batches small rather than unbalanced. Plus the fixed cost of a call.
    constexpr std::uint64_t fixed_cost = 16;
    return fixed_cost + static_cast<std::uint64_t>(square_root_estimate(n) / 16);
}

}  // namespace concur
