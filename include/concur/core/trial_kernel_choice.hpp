// trial_kernel_choice: which trial-division kernel runs here, chosen by what this CPU does best.
#pragma once

#include "concur/core/trial_kernel.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// The environment variable that forces a kernel, for tests and benchmarks:
/// CONCUR_KERNEL=avx2-reciprocal. Read once, at the first check.
constexpr std::string_view kernel_variable = "CONCUR_KERNEL";

/// How the kernel in use was chosen.
enum class kernel_choice {
    preset,    // no check has been long enough to measure: the widest level, reciprocal test
    measured,  // the fastest here, measured once (a few hundred microseconds)
    forced,    // named by CONCUR_KERNEL
};

[[nodiscard]] std::string_view kernel_choice_name(kernel_choice choice) noexcept;

struct kernel_in_use {
    const trial_kernel* kernel;
    kernel_choice choice;
};

/// From 2^44 on (over a million wheel divisors) a check takes at least as long as measuring the
/// kernels (about 200 us each on an AMD EPYC, Zen 5, the fastest kernel; bench/is_prime_bench.cpp),
/// and the kernels differ by up to 4 times: the first such check measures. Smaller numbers never
/// pay for it (`concur primes 2` stays fast).
constexpr std::uint64_t measure_kernels_from = std::uint64_t{1} << 44;

/// The kernel is_prime_fast_trial(n) uses: the forced one if CONCUR_KERNEL names one; for
/// n >= measure_kernels_from the measured fastest (measuring on the first such n, once per
/// process: a worker forked before that measures for itself); else the one in use.
/// Thread-safe.
[[nodiscard]] const trial_kernel& trial_kernel_for(std::uint64_t n) noexcept;

/// The kernel in use now and how it was chosen: what --json and bench report.
[[nodiscard]] kernel_in_use trial_kernel_in_use() noexcept;

/// When CONCUR_KERNEL is set but names no kernel this CPU runs (it is then ignored): the line
/// for a usage error, naming the value and the allowed ones. Empty otherwise.
[[nodiscard]] std::string kernel_variable_problem();

/// One kernel's time on the measurement's probe: the best of a few interleaved rounds.
struct kernel_timing {
    const trial_kernel* kernel;
    double seconds;
};

/// Times every supported kernel on the probe (a narrow and a wide prime, the same divisors for
/// each), as the measured choice does. For benchmarks; the choice itself is made once.
[[nodiscard]] std::vector<kernel_timing> time_trial_kernels();

}  // namespace concur
