// is_prime: the seed's trial division, exact over the whole uint64 range.
#pragma once

#include "concur/core/check_control.hpp"

#include <cstdint>

namespace concur {

/// The largest r with r * r <= n, computed exactly. A double `sqrt` rounds up near 2^64
/// (sqrt(2^64 - 1) becomes 2^32), which would make trial division test a divisor too many
/// or, worse, stop one too early; this never does.
[[nodiscard]] std::uint64_t integer_sqrt(std::uint64_t n) noexcept;

/// The seed's `is_prime`: 2 is prime, other even numbers are not, then every odd divisor
/// from 3 up to integer_sqrt(n). Slow on purpose: it is the CPU-bound work the demos share.
[[nodiscard]] bool is_prime(std::uint64_t n) noexcept;

/// The same loop as `concur primes --method=trial-simple` runs it: between two chunks of
/// divisors_per_chunk divisors it publishes how far it has got and stops if `control` asks.
[[nodiscard]] check_verdict trial_simple_check(std::uint64_t n, check_control& control) noexcept;

}  // namespace concur
