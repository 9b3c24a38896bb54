// miller_rabin: a deterministic primality test for every 64-bit number, in microseconds.
#include "concur/core/miller_rabin.hpp"

#include <array>
#include <bit>
#include <cstddef>

namespace concur {
namespace {

__extension__ typedef unsigned __int128 u128;  // GCC and clang: a 64x64 -> 128-bit product

/// Arithmetic modulo an odd n in Montgomery form: x is stored as x * 2^64 mod n, so that a
/// product needs two 64x64-bit multiplications and a subtraction instead of a 128-bit division
/// (tens of cycles). Works for every odd n below 2^64.
class montgomery {
public:
    explicit montgomery(std::uint64_t n) noexcept : n_(n), inverse_(inverse_of(n)) {
        const std::uint64_t r = (0 - n) % n;                                // 2^64 mod n
        r_squared_ = static_cast<std::uint64_t>(static_cast<u128>(r) * r % n);  // 2^128 mod n
        one_ = r;
        minus_one_ = n - r;
    }

    [[nodiscard]] std::uint64_t to_form(std::uint64_t x) const noexcept { return multiply(x % n_, r_squared_); }
    [[nodiscard]] std::uint64_t one() const noexcept { return one_; }
    [[nodiscard]] std::uint64_t minus_one() const noexcept { return minus_one_; }

    /// a * b / 2^64 mod n (REDC). With m = low(t) * n^-1, m * n has the same low 64 bits as t,
    /// so t - m * n is high(t) - high(m * n) exactly; one conditional add brings it into [0, n).
    [[nodiscard]] std::uint64_t multiply(std::uint64_t a, std::uint64_t b) const noexcept {
        const u128 t = static_cast<u128>(a) * b;
        const std::uint64_t m = static_cast<std::uint64_t>(t) * inverse_;
        const auto t_high = static_cast<std::uint64_t>(t >> 64);
        const auto mn_high = static_cast<std::uint64_t>((static_cast<u128>(m) * n_) >> 64);
        const std::uint64_t difference = t_high - mn_high;
        return t_high < mn_high ? difference + n_ : difference;
    }

private:
    /// n^-1 mod 2^64 by Newton's iteration: n is its own inverse modulo 8 (3 bits), and each
    /// step doubles the correct bits: 6, 12, 24, 48, 96.
    static std::uint64_t inverse_of(std::uint64_t n) noexcept {
        std::uint64_t x = n;
        for (int i = 0; i < 5; ++i) x *= 2 - n * x;
        return x;
    }

    std::uint64_t n_;
    std::uint64_t inverse_;
    std::uint64_t r_squared_ = 0;
    std::uint64_t one_ = 0;
    std::uint64_t minus_one_ = 0;
};

constexpr std::array<std::uint64_t, 12> small_primes{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
constexpr std::uint64_t settled_by_small_primes = 41 * 41;  // below it, no small factor means prime

constexpr std::array<std::uint64_t, 7> bases{2, 325, 9375, 28178, 450775, 9780504, 1795265022};

/// The strong-probable-prime test to every base at once. n - 1 = odd * 2^twos. For each base a,
/// x = a^odd; n passes for a if x = 1, or if x becomes n - 1 within twos - 1 squarings. The bases
/// advance in lockstep: their multiplications are independent, so the CPU overlaps them instead
/// of waiting out each one's latency (about 3 times faster than one base after another).
template <std::size_t count>
bool passes_all(const montgomery& form, std::uint64_t n, const std::array<std::uint64_t, count>& chosen) noexcept {
    const std::uint64_t odd = (n - 1) >> std::countr_zero(n - 1);
    const int twos = std::countr_zero(n - 1);

    std::array<std::uint64_t, count> base{};
    std::array<std::uint64_t, count> x{};
    std::array<bool, count> settled{};  // a base that is a multiple of n proves nothing: skipped
    for (std::size_t i = 0; i < count; ++i) {
        settled[i] = chosen[i] % n == 0;
        base[i] = form.to_form(chosen[i]);
        x[i] = form.one();
    }
    // x = base^odd, square-and-multiply from the top bit.
    for (int bit = static_cast<int>(std::bit_width(odd)) - 1; bit >= 0; --bit) {
        for (std::size_t i = 0; i < count; ++i) x[i] = form.multiply(x[i], x[i]);
        if ((odd >> bit) & 1U) {
            for (std::size_t i = 0; i < count; ++i) x[i] = form.multiply(x[i], base[i]);
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (settled[i] || x[i] == form.one() || x[i] == form.minus_one()) continue;
        bool reached_minus_one = false;
        for (int square = 1; square < twos && !reached_minus_one; ++square) {
            x[i] = form.multiply(x[i], x[i]);
            reached_minus_one = x[i] == form.minus_one();
        }
        if (!reached_minus_one) return false;  // a witness: n is composite
    }
    return true;
}

}  // namespace

bool is_prime_miller_rabin(std::uint64_t n) noexcept {
    for (const std::uint64_t p : small_primes) {
        if (n % p == 0) return n == p;
    }
    if (n < settled_by_small_primes) return n >= 2;
    const montgomery form{n};
    // Base 2 alone first: it exposes nearly every composite, for a seventh of the work.
    if (!passes_all(form, n, std::array<std::uint64_t, 1>{bases[0]})) return false;
    return passes_all(form, n, std::array<std::uint64_t, 6>{bases[1], bases[2], bases[3], bases[4], bases[5], bases[6]});
}

std::uint64_t miller_rabin_estimate(std::uint64_t n) noexcept {
    // About 1.5 multiplications per bit per base, each costing about one seed division.
    constexpr std::uint64_t fixed_cost = 16;
    return fixed_cost + 11 * static_cast<std::uint64_t>(std::bit_width(n));
}

}  // namespace concur
