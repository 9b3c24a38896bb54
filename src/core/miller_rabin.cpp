// miller_rabin: a deterministic primality test for every 64-bit number, in a fraction of a
// microsecond.
#include "concur/core/miller_rabin.hpp"

#include "lucas_sequence.hpp"
#include "montgomery.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace concur {
namespace {

constexpr std::array<std::uint64_t, 12> small_primes{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
constexpr std::uint64_t settled_by_small_primes = 41 * 41;  // below it, no small factor means prime

/// x = base^odd, square and multiply from the top bit, with n - 1 = odd * 2^twos: one step per
/// bit, so that another computation can run beside it. `times_base` multiplies by the base in
/// Montgomery form (for base 2, a doubling: an addition instead of a product).
template <typename TimesBase>
class strong_test {
public:
    strong_test(const montgomery& form, TimesBase times_base) noexcept
        : form_(form), times_base_(times_base), x_(form.one()) {}

    void step(bool one) noexcept {
        x_ = form_.multiply(x_, x_);
        if (one) x_ = times_base_(x_);
    }

    /// n passes if x = 1, or if x becomes n - 1 within twos - 1 squarings; if not, the base is
    /// a witness: n is composite.
    [[nodiscard]] bool strong_condition(int twos) noexcept {
        if (x_ == form_.one() || x_ == form_.minus_one()) return true;
        for (int square = 1; square < twos; ++square) {
            x_ = form_.multiply(x_, x_);
            if (x_ == form_.minus_one()) return true;
        }
        return false;
    }

private:
    const montgomery& form_;
    TimesBase times_base_;
    std::uint64_t x_;
};

}  // namespace

bool is_strong_probable_prime(std::uint64_t n, std::uint64_t base) noexcept {
    if (base % n == 0) return true;
    const montgomery form{n};
    const std::uint64_t base_in_form = form.to_form(base);
    strong_test test{form, [&form, base_in_form](std::uint64_t x) { return form.multiply(x, base_in_form); }};
    const int twos = std::countr_zero(n - 1);
    const std::uint64_t odd = (n - 1) >> twos;
    for (int bit = static_cast<int>(std::bit_width(odd)) - 1; bit >= 0; --bit) test.step(((odd >> bit) & 1U) != 0);
    return test.strong_condition(twos);
}

bool is_prime_miller_rabin(std::uint64_t n) noexcept {
    for (const std::uint64_t p : small_primes) {
        if (n % p == 0) return n == p;
    }
    if (n < settled_by_small_primes) return n >= 2;
    const std::int64_t d = selfridge_d(n);
    if (d == 0) return false;  // n is a square, or shares a factor with D
    // Baillie-PSW: the strong test to base 2 (exponent (n - 1) / 2^s) and the strong Lucas test
    // (index (n + 1) / 2^t) side by side, a bit of each per step. Each alone is a chain of
    // multiplications, each waiting for the one before; run together, the CPU overlaps the two
    // chains, and the pair costs little more than the Lucas test alone: on an AMD EPYC (Zen 5),
    // 0.44 us per 64-bit prime (bench/is_prime_bench.cpp, miller_rabin_primes/64_bit) where one
    // after the other took 0.69 us. A composite pays for both (base 2 alone would have exposed
    // nearly every one): the price of the faster answer for primes, which need both anyway.
    const montgomery form{n};
    strong_test base_2{form, [&form](std::uint64_t x) { return form.add(x, x); }};
    lucas_sequence lucas{form, (1 - d) / 4};  // Q; every D of Selfridge's sequence is 1 (mod 4)
    const int twos_below = std::countr_zero(n - 1);
    const int twos_above = std::countr_zero(n + 1);  // n + 1 fits: 2^64 - 1 is a multiple of 3
    const std::uint64_t exponent = (n - 1) >> twos_below;
    const std::uint64_t index = (n + 1) >> twos_above;
    // The shorter of the two starts with zero bits: x stays 1, and k stays 0 (V_0 = 2, V_1 = P).
    for (int bit = static_cast<int>(std::bit_width(std::max(exponent, index))) - 1; bit >= 0; --bit) {
        base_2.step(((exponent >> bit) & 1U) != 0);
        lucas.step(((index >> bit) & 1U) != 0);
    }
    return base_2.strong_condition(twos_below) && lucas.strong_condition(twos_above);
}

std::uint64_t miller_rabin_estimate(std::uint64_t n) noexcept {
    // About 1.5 multiplications per bit per round, each costing about one seed division; the
    // two rounds of Baillie-PSW overlap.
    constexpr std::uint64_t fixed_cost = 16;
    return fixed_cost + 5 * static_cast<std::uint64_t>(std::bit_width(n));
}

}  // namespace concur
