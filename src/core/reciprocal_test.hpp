// reciprocal_test: "does d divide n" at multiply speed: a reciprocal estimate, refined, and an
// exact remainder by fused multiply-add. Private to src/core (see wheel_scan.hpp).
#pragma once

#include "wheel_scan.hpp"

namespace concur::wheel_scan {

// Why: packed double division is fast on recent AMD cores and several times slower per lane on
// many Intel cores. A reciprocal estimate (vrcp14pd, vrcpps), a few fused multiply-adds (FMA:
// a * b + c rounded once) and a comparison run at multiply speed everywhere.
//
// Notation: u = 2^-53, the unit roundoff of a double; fl(x) is x rounded to the nearest double.
// ops::reciprocal(d) returns r with r * d = 1 - e, |e| <= 1.2u; each instruction set proves
// its own bound from its estimate, with the two steps below.
//
// Newton step: given r with d * r = 1 - e, |e| <= 2^-10, the step computes t = fl(1 - d * r) =
// e * (1 + a) and r' = fl(r + r * t) = r * (1 + t) * (1 + b), |a|, |b| <= u (each one FMA).
// Then 1 - d * r' = e^2 - e * a * (1 - e) - b * (1 - e^2 + e * a * (1 - e)), so
//     |e'| <= e^2 + u * (1 + 2|e|).
// Cubic step: as Newton with p = fl(t + t * t) in place of t: r * (1 + e + e^2) * d = 1 - e^3,
// and the three roundings give |e'| <= |e|^3 + u * (1 + 3|e|).
//
// The remainder, for an integer x with |x| < 2^53 and a divisor d with 7 <= d < 2^33:
//  - k = fl(x * r + M) - M with M = 1.5 * 2^52. |x * r| < 2^51, so x * r + M lies in [2^52, 2^53),
//    where the doubles are exactly the integers: k is the integer nearest x * r (the subtraction
//    is exact).
//  - |x * r - x/d| = |x/d| * |e| < (2^53 / 7) * 1.2u < 0.18, so |k - x/d| < 1/2 + 0.18 < 1.
//  - rem = fl(x - k * d), one FMA: x - k * d is an integer with |x - k * d| < d < 2^33, exactly
//    representable, so rem is exact.
//  - If d divides x, x/d is an integer within 0.18 < 1/2 of x * r: it is the nearest, k = x/d
//    and rem = 0. If not, rem = x - k * d is congruent to x modulo d: not 0.
// So "d divides x" is exactly "rem == 0".
//
// Narrow numbers (n < 2^53): x = n. Wide numbers: n = a * 4096 + b (wheel_scan.hpp); v, the
// remainder of a (|v| < d), gives w = fl(v * 4096 + b) = v * 4096 + b exactly (|w| < 2^46), and
// w is congruent to n modulo d: d divides n exactly when the remainder of w is 0.
template <class ops>
struct reciprocal_test {
    using doubles = typename ops::doubles;

    [[gnu::always_inline]] static doubles newton_step(doubles d, doubles r) noexcept {
        const doubles t = ops::negative_multiply_add(d, r, ops::broadcast(1.0));
        return ops::multiply_add(r, t, r);
    }

    [[gnu::always_inline]] static doubles cubic_step(doubles d, doubles r) noexcept {
        const doubles t = ops::negative_multiply_add(d, r, ops::broadcast(1.0));
        return ops::multiply_add(r, ops::multiply_add(t, t, t), r);
    }

    /// x - k * d for the integer k nearest x * r: congruent to x modulo d, and 0 exactly when d
    /// divides x (proof above).
    [[gnu::always_inline]] static doubles remainder(doubles x, doubles d, doubles r) noexcept {
        const doubles magic = ops::broadcast(6755399441055744.0);  // 1.5 * 2^52
        const doubles k = ops::subtract(ops::multiply_add(x, r, magic), magic);
        return ops::negative_multiply_add(k, d, x);
    }

    template <bool wide>
    [[gnu::always_inline]] static typename ops::hits divides(const number<ops>& n, doubles d) noexcept {
        const doubles r = ops::reciprocal(d);
        doubles x = n.high;
        if constexpr (wide) x = ops::multiply_add(remainder(x, d, r), ops::broadcast(split_scale), n.low);
        return ops::equal(remainder(x, d, r), ops::broadcast(0.0));
    }
};

}  // namespace concur::wheel_scan
