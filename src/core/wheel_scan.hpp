// wheel_scan: the loop every trial-division kernel runs, written once for any vector width.
// Private to src/core: each kernel file instantiates it with its own instruction set.
#pragma once

#include "concur/core/trial_kernel.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

// The divisor tests are proved for IEEE arithmetic: -ffast-math would fold (q + M) - M into q
// and reorder the exact remainders.
#if defined(__FAST_MATH__)
#error "the trial-division kernels need IEEE arithmetic: build without -ffast-math"
#endif

namespace concur::wheel_scan {

// The mod-30 wheel: past 2, 3 and 5, every prime is 30k plus one of these eight, so one turn of
// the wheel fills 8 lanes. The seed tries 15 odd divisors per 30; the wheel tries 8.
constexpr std::size_t lanes_per_turn = 8;
constexpr std::uint64_t wheel = 30;
constexpr std::uint64_t wheel_offsets[lanes_per_turn] = {1, 7, 11, 13, 17, 19, 23, 29};
constexpr double wheel_offsets_as_doubles[lanes_per_turn] = {1, 7, 11, 13, 17, 19, 23, 29};
// Turns tested between two looks at the hits: the look costs about as much as a turn.
constexpr std::uint64_t turns_per_block = 4;
constexpr std::uint64_t block_span = wheel * turns_per_block;  // 32 divisors per block

// Numbers below 2^53 are exact doubles; wider ones are split as n = high * 2^12 + low, both
// exact (high < 2^52). How each divisor test uses the halves is proved in its own header.
constexpr std::uint64_t narrow_limit = std::uint64_t{1} << 53;
constexpr unsigned split_bits = 12;
constexpr double split_scale = 4096.0;  // 2^split_bits

/// n, broadcast to every lane: narrow (high = n, low unused) or wide (the split above).
template <class ops>
struct number {
    typename ops::doubles high;
    typename ops::doubles low;
};

template <class ops, bool wide>
[[gnu::always_inline]] inline number<ops> broadcast_number(std::uint64_t n) noexcept {
    if constexpr (wide) {
        return {ops::broadcast(static_cast<double>(n >> split_bits)),
                ops::broadcast(static_cast<double>(n & ((std::uint64_t{1} << split_bits) - 1)))};
    } else {
        return {ops::broadcast(static_cast<double>(n)), ops::broadcast(0.0)};
    }
}

// An instruction set (`ops`) supplies `width` lanes; `doubles` and `hits` (a comparison's
// result) registers; broadcast, load, add, no_hits, either (the "or" of two hits), any and
// lane_bits for the loops below, and the arithmetic its divisor tests use. A divisor test
// (`test`) supplies divides<wide>(number, divisors) -> hits, exact for every n and every divisor
// from 7 to 2^33 (each test's header proves it).

/// The base (a multiple of 30) of the first block of `turns_per_block` wheel turns, from `base`
/// on, holding a divisor of n; the first base >= `end` if no block starting below `end` does.
/// Blocks are tested whole: a hit may be a divisor past `end`, which the caller rules out.
template <class ops, class test, bool wide>
[[gnu::always_inline]] inline std::uint64_t find_block(std::uint64_t n, std::uint64_t base,
                                                       std::uint64_t end) noexcept {
    constexpr std::size_t registers = lanes_per_turn / ops::width;
    const number<ops> value = broadcast_number<ops, wide>(n);
    const typename ops::doubles step = ops::broadcast(static_cast<double>(wheel));
    typename ops::doubles divisors[registers];
    for (std::size_t r = 0; r < registers; ++r) {
        // base + offset < 2^53: exact, as every divisor below.
        divisors[r] = ops::add(ops::broadcast(static_cast<double>(base)), ops::load(wheel_offsets_as_doubles + r * ops::width));
    }
    for (; base < end; base += block_span) {
        typename ops::hits hit = ops::no_hits();
        for (std::uint64_t turn = 0; turn < turns_per_block; ++turn) {
            for (std::size_t r = 0; r < registers; ++r) {
                hit = ops::either(hit, test::template divides<wide>(value, divisors[r]));
                divisors[r] = ops::add(divisors[r], step);
            }
        }
        if (ops::any(hit)) return base;
    }
    return base;
}

/// Bit i set when the test finds that divisors[i] divides n (8 divisors, each 7 to 2^32 - 1).
template <class ops, class test, bool wide>
[[gnu::always_inline]] inline unsigned divisibility_mask(std::uint64_t n, const std::uint64_t* divisors) noexcept {
    const number<ops> value = broadcast_number<ops, wide>(n);
    unsigned mask = 0;
    for (std::size_t r = 0; r < lanes_per_turn / ops::width; ++r) {
        double lanes[ops::width];
        for (std::size_t i = 0; i < ops::width; ++i) lanes[i] = static_cast<double>(divisors[r * ops::width + i]);
        const unsigned bits = ops::lane_bits(test::template divides<wide>(value, ops::load(lanes)));
        mask |= bits << (r * ops::width);
    }
    return mask;
}

/// The two entry points of a kernel, narrow or wide chosen by n.
template <class ops, class test>
std::uint64_t find_block_for(std::uint64_t n, std::uint64_t base, std::uint64_t end) noexcept {
    return n < narrow_limit ? find_block<ops, test, false>(n, base, end) : find_block<ops, test, true>(n, base, end);
}

template <class ops, class test>
unsigned divisibility_mask_for(std::uint64_t n, const std::uint64_t* divisors) noexcept {
    return n < narrow_limit ? divisibility_mask<ops, test, false>(n, divisors)
                            : divisibility_mask<ops, test, true>(n, divisors);
}

/// The kernel `ops` and `test` make, under its name (kernels_*.cpp).
template <class ops, class test>
constexpr trial_kernel kernel(std::string_view name, simd_level level, divisor_test kind) noexcept {
    return {name, level, kind, find_block_for<ops, test>, divisibility_mask_for<ops, test>};
}

}  // namespace concur::wheel_scan
