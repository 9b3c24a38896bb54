// base_2_pseudoprimes: every base-2 pseudoprime below a limit, found from scratch, without the
// code under test: a sieve, a necessary condition, and plain modular powers.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace concur::testing {

struct base_2_pseudoprimes {
    std::vector<std::uint32_t> fermat;  // odd composites n with 2^(n-1) = 1 (mod n)
    std::vector<std::uint32_t> strong;  // those that are also strong pseudoprimes to base 2
};

/// Powers of 2 modulo an odd n < 2^31, in Montgomery form with R = 2^32 (x stored as x * R mod
/// n): a product costs three multiplications and no division. Written here, apart from the
/// library's 64-bit version, so that the list does not depend on the code it checks.
class powers_of_2 {
public:
    explicit powers_of_2(std::uint32_t n) : n_(n), one_(static_cast<std::uint32_t>((std::uint64_t{1} << 32) % n)) {
        std::uint32_t inverse = n;  // n^-1 mod 2^32 by Newton's iteration: 3, 6, 12, 24, 48 bits
        for (int i = 0; i < 4; ++i) inverse *= 2 - n * inverse;
        minus_inverse_ = 0 - inverse;
    }

    /// 2^exponent, in form.
    [[nodiscard]] std::uint32_t power(std::uint64_t exponent) const {
        std::uint32_t x = one_;
        for (int bit = static_cast<int>(std::bit_width(exponent)) - 1; bit >= 0; --bit) {
            x = square(x);
            if (((exponent >> bit) & 1) != 0) x = x >= n_ - x ? x - (n_ - x) : x + x;  // doubling
        }
        return x;
    }
    [[nodiscard]] std::uint32_t square(std::uint32_t x) const {
        // (t + m * n) / 2^32 with m = -t / n mod 2^32: exact, below 2n (t < 2^62, m * n < 2^63).
        const std::uint64_t t = std::uint64_t{x} * x;
        const std::uint32_t m = static_cast<std::uint32_t>(t) * minus_inverse_;
        const auto u = static_cast<std::uint32_t>((t + std::uint64_t{m} * n_) >> 32);
        return u >= n_ ? u - n_ : u;
    }
    [[nodiscard]] std::uint32_t one() const { return one_; }
    [[nodiscard]] std::uint32_t minus_one() const { return n_ - one_; }

private:
    std::uint32_t n_;
    std::uint32_t one_;
    std::uint32_t minus_inverse_ = 0;
};

/// The Fermat test: 2^(n-1) = 1 (mod n).
inline bool fermat_base_2(std::uint32_t n) {
    const powers_of_2 powers{n};
    return powers.power(n - 1) == powers.one();
}

/// The strong test by its definition: n - 1 = d * 2^s; 2^d = 1, or 2^(d * 2^r) = n - 1 for an r < s.
inline bool strong_base_2(std::uint32_t n) {
    const powers_of_2 powers{n};
    std::uint32_t d = n - 1;
    int s = 0;
    for (; d % 2 == 0; d /= 2) ++s;
    std::uint32_t x = powers.power(d);
    if (x == powers.one() || x == powers.minus_one()) return true;
    for (int r = 1; r < s; ++r) {
        x = powers.square(x);
        if (x == powers.minus_one()) return true;
    }
    return false;
}

/// Every base-2 pseudoprime below `limit` (at most 2^31). Testing all odd composites would take
/// minutes at 10^9; most are ruled out first by a necessary condition: if 2^(n-1) = 1 (mod n) and
/// p divides n, then 2^(n-1) = 1 (mod p), so the order of 2 modulo p divides n - 1; with n = p * m
/// and p = 1 (mod that order), that is m = 1 (mod order). A sieve over odd numbers, one segment
/// at a time, marks composites and counts, for each n, the primes p <= sqrt(limit) dividing it
/// whose condition fails. A pseudoprime has no such prime, so every pseudoprime is among the
/// composites with a count of 0, and each of those is tested by its definition.
inline base_2_pseudoprimes find_base_2_pseudoprimes(std::uint64_t limit) {
    std::uint64_t root = 1;
    while ((root + 1) * (root + 1) < limit) ++root;
    // Odd primes up to the root, each with the order of 2 modulo it.
    std::vector<std::uint64_t> primes;
    std::vector<std::uint64_t> orders;
    std::vector<bool> composite_small(root + 1, false);
    for (std::uint64_t p = 3; p <= root; p += 2) {
        if (composite_small[p]) continue;
        for (std::uint64_t multiple = p * p; multiple <= root; multiple += 2 * p) composite_small[multiple] = true;
        std::uint64_t order = 1;
        for (std::uint64_t power = 2 % p; power != 1; power = power * 2 % p) ++order;
        primes.push_back(p);
        orders.push_back(order);
    }

    base_2_pseudoprimes found;
    constexpr std::uint64_t segment = std::uint64_t{1} << 18;  // numbers per segment
    // Index i: the odd number low + 2i. Low four bits: the primes marking it (composite if any);
    // high four bits: those whose condition fails. Below 2^31 a number has at most 9 of them.
    std::vector<std::uint8_t> marks(segment / 2);
    constexpr std::uint8_t marked_and_failing = 0x11;
    constexpr std::uint8_t failing = 0x10;
    for (std::uint64_t low = 1; low < limit; low += segment) {
        const std::uint64_t high = std::min(low + segment, limit);
        std::fill(marks.begin(), marks.end(), 0);
        for (std::size_t k = 0; k < primes.size(); ++k) {
            const std::uint64_t p = primes[k];
            if (p * p >= high) break;
            // The first odd multiple of p, at least p * p, in [low, high).
            std::uint64_t first = std::max(p * p, (low + p - 1) / p * p);
            if (first % 2 == 0) first += p;
            for (std::uint64_t n = first; n < high; n += 2 * p) marks[(n - low) / 2] += marked_and_failing;
            // The multiples whose condition holds, n = p * m with m = 1 (mod order), m odd:
            // n = p (mod step), step = p times the order made even (so every such n is odd).
            const std::uint64_t step = p * (orders[k] % 2 == 0 ? orders[k] : 2 * orders[k]);
            for (std::uint64_t n = p + (first - p + step - 1) / step * step; n < high; n += step) {
                marks[(n - low) / 2] -= failing;
            }
        }
        for (std::uint64_t n = low; n < high; n += 2) {
            const std::uint8_t mark = marks[(n - low) / 2];
            if (mark == 0 || mark >= failing) continue;  // prime, or ruled out
            const auto candidate = static_cast<std::uint32_t>(n);
            if (!fermat_base_2(candidate)) continue;
            found.fermat.push_back(candidate);
            if (strong_base_2(candidate)) found.strong.push_back(candidate);
        }
    }
    return found;
}

}  // namespace concur::testing
