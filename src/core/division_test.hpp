// division_test: "does d divide n" by one floating-point division per lane, proved exact.
// Private to src/core: the divisor test of the division kernels (see wheel_scan.hpp).
#pragma once

#include "wheel_scan.hpp"

namespace concur::wheel_scan {

// Why floating point: a 64-bit integer division takes tens of cycles and gives one answer; a
// double division in the vector unit gives 2 to 8 answers in a few cycles. Is it exact? Yes:
//
// Narrow numbers (n < 2^53) are exact doubles, and so is every divisor d (7 <= d < 2^33).
// q = fl(n / d) is n / d correctly rounded.
//  - If d divides n, n / d is an integer below 2^53, exactly representable: q is that integer.
//  - If not, n / d is at least 1/d away from every integer, and rounding moves it by at most
//    2^-53 * n/d < 1/d: q is not an integer.
// So "d divides n" is exactly "q is an integer".
//
// Wide numbers (2^53 <= n < 2^64) are not exact doubles. Split n = a * 4096 + b with
// a = n >> 12 (< 2^52, exact) and b < 4096. Let k = fl(a / d) rounded to an integer: |k - a/d| < 1,
// so k * d <= a + d < 2^53 is exact, and so is r = a - k * d (|r| < d). Then
// v = r * 4096 + b = n - k * d * 4096 is congruent to n modulo d and |v| < 2^45 is exact:
// d divides n exactly when d divides v, which is tested as above (v may be negative; the
// argument is symmetric). Two divisions instead of one, still exact.
//
// "Is q an integer" compares q with q rounded to the nearest integer (ops::round, exact for
// |q| < 2^51; every quotient here is, as d >= 7). Every product above is exact, so a compiler
// that fuses a multiply and a subtract (FMA) changes nothing.
template <class ops>
struct division_test {
    template <bool wide>
    [[gnu::always_inline]] static typename ops::hits divides(const number<ops>& n, typename ops::doubles d) noexcept {
        typename ops::doubles q = ops::divide(n.high, d);
        if constexpr (wide) {
            const typename ops::doubles k = ops::round(q);
            const typename ops::doubles r = ops::subtract(n.high, ops::multiply(k, d));
            q = ops::divide(ops::add(ops::multiply(r, ops::broadcast(split_scale)), n.low), d);
        }
        return ops::equal(q, ops::round(q));
    }
};

}  // namespace concur::wheel_scan
