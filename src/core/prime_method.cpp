// prime_method: the primality tests `concur primes --method` offers, by name, with their costs.
#include "concur/core/prime_method.hpp"

#include "concur/core/fast_trial_division.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"

#include <array>

namespace concur {
namespace {

/// Baillie-PSW takes under a microsecond for any 64-bit number: it has no stop point, it
/// simply finishes.
check_verdict miller_rabin_check(std::uint64_t n, check_control& /*control*/) noexcept {
    return verdict_of(is_prime_miller_rabin(n));
}

constexpr std::array<prime_method_info, 3> methods{{
    {prime_method::trial, "trial", "trial division", fast_trial_check, fast_trial_division_estimate},
    {prime_method::trial_simple, "trial-simple", "simple trial division", trial_simple_check, trial_division_estimate},
    {prime_method::miller_rabin, "miller-rabin", "Miller-Rabin", miller_rabin_check, miller_rabin_estimate},
}};

}  // namespace

std::span<const prime_method_info> prime_methods() noexcept { return methods; }

const prime_method_info& describe(prime_method method) noexcept {
    for (const prime_method_info& info : methods) {
        if (info.method == method) return info;
    }
    return methods.front();
}

std::optional<prime_method> find_prime_method(std::string_view name) noexcept {
    for (const prime_method_info& info : methods) {
        if (info.name == name) return info.method;
    }
    return std::nullopt;
}

std::string_view prime_method_names() noexcept { return "trial, trial-simple, miller-rabin"; }

}  // namespace concur
