// montgomery: arithmetic modulo an odd 64-bit n without division, for the probable-prime tests.
// Private to src/core (miller_rabin.cpp, lucas_probable_prime.cpp).
#pragma once

#include <cstdint>

namespace concur {

__extension__ typedef unsigned __int128 u128;  // GCC and clang: a 64x64 -> 128-bit product

/// Arithmetic modulo an odd n in Montgomery form: x is stored as x * 2^64 mod n, so that a
/// product needs two 64x64-bit multiplications and a subtraction instead of a 128-bit division
/// (tens of cycles). Works for every odd n below 2^64. Sums, differences and halves are the
/// same in either form (the form is linear), so they need no conversion.
class montgomery {
public:
    explicit montgomery(std::uint64_t n) noexcept : n_(n), inverse_(inverse_of(n)) {
        const std::uint64_t r = (0 - n) % n;                                    // 2^64 mod n
        r_squared_ = static_cast<std::uint64_t>(static_cast<u128>(r) * r % n);  // 2^128 mod n
        one_ = r;
    }

    [[nodiscard]] std::uint64_t modulus() const noexcept { return n_; }
    [[nodiscard]] std::uint64_t to_form(std::uint64_t x) const noexcept { return multiply(x % n_, r_squared_); }
    /// A small signed integer in form: -3 becomes n - 3, in form.
    [[nodiscard]] std::uint64_t to_form_signed(std::int64_t x) const noexcept {
        const auto magnitude = to_form(x < 0 ? 0 - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x));
        return x < 0 ? negate(magnitude) : magnitude;
    }
    [[nodiscard]] std::uint64_t one() const noexcept { return one_; }
    [[nodiscard]] std::uint64_t minus_one() const noexcept { return n_ - one_; }

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

    /// (a + b) mod n for a, b < n; the sum may pass 2^64, hence the carry test.
    [[nodiscard]] std::uint64_t add(std::uint64_t a, std::uint64_t b) const noexcept {
        const std::uint64_t sum = a + b;
        return sum < a || sum >= n_ ? sum - n_ : sum;
    }
    [[nodiscard]] std::uint64_t subtract(std::uint64_t a, std::uint64_t b) const noexcept {
        return a >= b ? a - b : a - b + n_;
    }
    [[nodiscard]] std::uint64_t negate(std::uint64_t a) const noexcept { return a == 0 ? 0 : n_ - a; }
    /// a / 2 mod n: a itself if even, else (a + n) / 2, computed without passing 2^64.
    [[nodiscard]] std::uint64_t half(std::uint64_t a) const noexcept {
        return (a & 1) != 0 ? (a >> 1) + (n_ >> 1) + 1 : a >> 1;
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
};

}  // namespace concur
