// lucas_sequence: the Lucas sequence V_k(P = 1, Q) modulo n, stepped one bit of k at a time.
// Private to src/core (lucas_probable_prime.cpp, miller_rabin.cpp).
#pragma once

#include "montgomery.hpp"

#include <cstdint>

namespace concur {

/// Selfridge's D for odd n: the first of 5, -7, 9, -11, 13, ... with Jacobi symbol (D/n) = -1.
/// 0 when the search proves n composite: a D sharing a factor with n (for n without a factor
/// below 41, as the callers give it), or n a perfect square (no such D exists).
[[nodiscard]] std::int64_t selfridge_d(std::uint64_t n) noexcept;

/// V_k and V_k+1 of the Lucas sequences with P = 1 and a chosen Q, with Q^k and Q^k+1, starting
/// at k = 0 (V_0 = 2, V_1 = P). From V_m+n = V_m * V_n - Q^n * V_m-n:
///   V_2k = V_k^2 - 2 Q^k,   V_2k+1 = V_k * V_k+1 - P * Q^k,   V_2k+2 = V_k+1^2 - 2 Q^k+1,
/// so one step doubles k, or doubles it and adds one, on one bit of the index. The four
/// products of a step do not depend on each other: the CPU overlaps them, and a step costs
/// about one multiplication's latency, as a Miller-Rabin squaring does.
class lucas_sequence {
public:
    lucas_sequence(const montgomery& form, std::int64_t q) noexcept
        : form_(form), v_(form.add(form.one(), form.one())), v_next_(form.one()), q_power_(form.one()),
          q_power_next_(form.to_form_signed(q)) {}

    /// k becomes 2k + (one ? 1 : 0).
    void step(bool one) noexcept {
        const std::uint64_t middle = form_.subtract(form_.multiply(v_, v_next_), q_power_);  // V_2k+1
        const std::uint64_t q_middle = form_.multiply(q_power_, q_power_next_);              // Q^2k+1
        // The other new term squares V_k (to V_2k) or V_k+1 (to V_2k+2).
        const std::uint64_t squared = one ? v_next_ : v_;
        const std::uint64_t q_squared = one ? q_power_next_ : q_power_;
        const std::uint64_t square =
            form_.subtract(form_.multiply(squared, squared), form_.add(q_squared, q_squared));
        const std::uint64_t q_square = form_.multiply(q_squared, q_squared);
        v_ = one ? middle : square;
        v_next_ = one ? square : middle;
        q_power_ = one ? q_middle : q_square;
        q_power_next_ = one ? q_square : q_middle;
    }

    /// The strong Lucas condition, once k = d with n + 1 = d * 2^twos: U_d = 0, or
    /// V_(d * 2^r) = 0 for some r < twos. U_d is not carried: D * U_k = 2 V_k+1 - P * V_k, and D
    /// is prime to n, so U_d = 0 exactly when 2 V_d+1 = V_d. Steps on through the doublings.
    [[nodiscard]] bool strong_condition(int twos) noexcept {
        if (v_ == 0 || form_.add(v_next_, v_next_) == v_) return true;
        for (int r = 1; r < twos; ++r) {
            v_ = form_.subtract(form_.multiply(v_, v_), form_.add(q_power_, q_power_));  // V_2k
            if (v_ == 0) return true;
            q_power_ = form_.multiply(q_power_, q_power_);
        }
        return false;
    }

private:
    const montgomery& form_;
    std::uint64_t v_;             // V_k
    std::uint64_t v_next_;        // V_k+1
    std::uint64_t q_power_;       // Q^k
    std::uint64_t q_power_next_;  // Q^k+1
};

}  // namespace concur
