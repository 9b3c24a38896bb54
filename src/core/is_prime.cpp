// is_prime: the seed's trial division, exact over the whole uint64 range.
#include "concur/core/is_prime.hpp"

#include <cmath>

namespace concur {

std::uint64_t integer_sqrt(std::uint64_t n) noexcept {
    // Start from the floating-point estimate, then correct it with exact integer arithmetic.
    // The estimate is off by at most one or two near 2^64; the loops fix that.
    auto root = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
    constexpr std::uint64_t largest_root = 0xFFFF'FFFFULL;  // floor(sqrt(2^64 - 1))
    if (root > largest_root) root = largest_root;
    while (root * root > n) --root;
    while (root < largest_root && (root + 1) * (root + 1) <= n) ++root;
    return root;
}

bool is_prime(std::uint64_t n) noexcept {
    if (n < 2) return false;
    if (n == 2) return true;
    if (n % 2 == 0) return false;
    const std::uint64_t root = integer_sqrt(n);
    for (std::uint64_t divisor = 3; divisor <= root; divisor += 2) {
        if (n % divisor == 0) return false;
    }
    return true;
}

}  // namespace concur
