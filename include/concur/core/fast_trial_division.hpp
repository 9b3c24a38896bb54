// fast_trial_division: the seed's trial division, same answers, at the speed of the vector unit.
#pragma once

#include "concur/core/check_control.hpp"
#include "concur/core/trial_kernel.hpp"

#include <cstdint>

namespace concur {

/// Whether `n` is prime, by trial division up to integer_sqrt(n), exactly like the seed's
/// is_prime, only faster: 2, 3 and 5 first, then only divisors on the mod-30 wheel (30k + 1, 7,
/// 11, 13, 17, 19, 23, 29: the other odd numbers are multiples of 3 or 5, already tried), 2 to
/// 8 at a time in the vector unit, each tested in floating point where the test is proved
/// exact (division_test.hpp, reciprocal_test.hpp). Same answers as is_prime for every uint64.
/// The kernel is trial_kernel_for(n)'s choice (trial_kernel_choice.hpp).
[[nodiscard]] bool is_prime_fast_trial(std::uint64_t n) noexcept;

/// The same with a chosen kernel, for tests and benchmarks; the CPU must support it.
[[nodiscard]] bool is_prime_fast_trial(std::uint64_t n, const trial_kernel& kernel) noexcept;

/// The same as `concur primes --method=trial` runs it: divisors_per_chunk wheel divisors at a
/// time (a few microseconds), one loop calling smallest_wheel_divisor chunk after chunk, so a
/// long check has one place, between chunks, where it publishes how far it has got and stops
/// if `control` asks (check_control.hpp).
[[nodiscard]] check_verdict fast_trial_check(std::uint64_t n, check_control& control) noexcept;

/// The same without stop points, in chunks of about `chunk_divisors` wheel divisors (rounded
/// down to a multiple of 32, at least 32): for the benchmarks that show what chunking and the
/// stop points cost.
[[nodiscard]] bool is_prime_fast_trial_in_chunks(std::uint64_t n, const trial_kernel& kernel,
                                                 std::uint64_t chunk_divisors) noexcept;

/// The smallest d with from <= d < to, d on the wheel (not a multiple of 2, 3 or 5), that
/// divides n; 0 if there is none. `from` is a multiple of 30, at least 30; `to` <= 2^32 + 30.
[[nodiscard]] std::uint64_t smallest_wheel_divisor(std::uint64_t n, std::uint64_t from, std::uint64_t to,
                                                   const trial_kernel& kernel) noexcept;

/// Fast trial division's cost in units of one seed `n % i`: it tries 8 of every 15 odd
/// divisors, several times faster each. Used to size job batches.
[[nodiscard]] std::uint64_t fast_trial_division_estimate(std::uint64_t n) noexcept;

}  // namespace concur
