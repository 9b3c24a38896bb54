// lucas_probable_prime: the strong Lucas probable-prime test, the second half of Baillie-PSW.
#pragma once

#include <cstdint>

namespace concur {

/// The Jacobi symbol (a/n) for odd n: 1, -1, or 0 when a and n share a factor.
[[nodiscard]] int jacobi_symbol(std::int64_t a, std::uint64_t n) noexcept;

/// Whether odd n passes the strong Lucas probable-prime test with Selfridge's parameters
/// (Baillie and Wagstaff 1980, method A): D is the first of 5, -7, 9, -11, 13, ... with
/// (D/n) = -1, P = 1, Q = (1 - D) / 4; with n + 1 = d * 2^s, n passes when U_d = 0 or
/// V_(d * 2^r) = 0 (mod n) for some r < s. Every odd prime with no factor in common with D
/// passes; a composite that passes is a strong Lucas pseudoprime (5459, 5777, 10877, ...).
/// For odd n >= 1681 without a factor below 41, as is_prime_miller_rabin leaves them: then a
/// D sharing a factor with n proves n composite, and so does n being a perfect square (no D
/// exists). Both give false.
[[nodiscard]] bool is_strong_lucas_probable_prime(std::uint64_t n) noexcept;

}  // namespace concur
