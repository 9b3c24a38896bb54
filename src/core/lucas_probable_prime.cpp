// lucas_probable_prime: the strong Lucas probable-prime test, the second half of Baillie-PSW.
#include "concur/core/lucas_probable_prime.hpp"

#include "concur/core/is_prime.hpp"
#include "lucas_sequence.hpp"
#include "montgomery.hpp"

#include <bit>
#include <utility>

namespace concur {

int jacobi_symbol(std::int64_t a, std::uint64_t n) noexcept {
    // a mod n, in [0, n), for a negative a too.
    const std::uint64_t magnitude = a < 0 ? 0 - static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a);
    std::uint64_t top = magnitude % n;
    if (a < 0 && top != 0) top = n - top;
    int result = 1;
    while (top != 0) {
        // (2/n) = -1 exactly when n = 3 or 5 (mod 8); reciprocity flips the sign when both
        // are 3 (mod 4).
        const int twos = std::countr_zero(top);
        top >>= twos;
        if ((twos & 1) != 0 && (n % 8 == 3 || n % 8 == 5)) result = -result;
        if (top % 4 == 3 && n % 4 == 3) result = -result;
        std::swap(top, n);
        top %= n;
    }
    return n == 1 ? result : 0;
}

std::int64_t selfridge_d(std::uint64_t n) noexcept {
    // Half of all D give -1 for most n, so the search is short; a square never gives -1, so
    // after a few tries it is worth ruling that out (integer_sqrt costs more than a try).
    constexpr int tries_before_the_square_test = 8;
    std::int64_t d = 5;
    for (int tries = 1;; ++tries) {
        const int symbol = jacobi_symbol(d, n);
        if (symbol == -1) return d;
        if (symbol == 0) return 0;
        if (tries == tries_before_the_square_test) {
            const std::uint64_t root = integer_sqrt(n);
            if (root * root == n) return 0;
        }
        d = d > 0 ? -(d + 2) : -d + 2;
    }
}

bool is_strong_lucas_probable_prime(std::uint64_t n) noexcept {
    if (n % 2 == 0 || n == ~std::uint64_t{0}) return false;  // even, or n + 1 past 2^64 (3 divides it)
    const std::int64_t d = selfridge_d(n);
    if (d == 0) return false;
    const montgomery form{n};
    lucas_sequence sequence{form, (1 - d) / 4};  // Q; every D of the sequence is 1 (mod 4)
    const int twos = std::countr_zero(n + 1);
    const std::uint64_t odd = (n + 1) >> twos;
    for (int bit = static_cast<int>(std::bit_width(odd)) - 1; bit >= 0; --bit) sequence.step(((odd >> bit) & 1U) != 0);
    return sequence.strong_condition(twos);
}

}  // namespace concur
