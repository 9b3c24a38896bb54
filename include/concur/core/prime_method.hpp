// prime_method: the primality tests `concur primes --method` offers, by name, with their costs.
#pragma once

#include "concur/core/batch_planner.hpp"
#include "concur/core/check_control.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace concur {

enum class prime_method {
    trial,         // fast trial division (the default): wheel, exact floating point, SIMD
    trial_simple,  // the seed's loop, `n % i` over every odd i: the lesson and the baseline
    miller_rabin,  // deterministic Miller–Rabin: microseconds, not seconds, per 64-bit prime
};

struct prime_method_info {
    prime_method method;
    std::string_view name;         // as on the command line and in JSON: "trial-simple"
    std::string_view description;  // for people: "simple trial division"
    /// The check a worker runs: its verdict, or `stopped` if `control` asked it to stop.
    check_verdict (*check)(std::uint64_t n, check_control& control) noexcept;
    work_estimate estimate;        // for the pool's batch sizes, in seed divisions
};

/// Every method, the default first.
[[nodiscard]] std::span<const prime_method_info> prime_methods() noexcept;

[[nodiscard]] const prime_method_info& describe(prime_method method) noexcept;

/// The method called `name`, or nothing if there is none.
[[nodiscard]] std::optional<prime_method> find_prime_method(std::string_view name) noexcept;

/// "trial, trial-simple, miller-rabin": for help texts and error messages.
[[nodiscard]] std::string_view prime_method_names() noexcept;

}  // namespace concur
