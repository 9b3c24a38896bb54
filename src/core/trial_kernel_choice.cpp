// trial_kernel_choice: which trial-division kernel runs here, chosen by what this CPU does best.
#include "concur/core/trial_kernel_choice.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <limits>

namespace concur {
namespace {

// Why measure rather than look the CPU up in a table: which kernel wins depends on the core's
// divider (packed division is fast on recent AMD cores, several times slower per lane on many
// Intel cores), and a table keyed on vendor, family and model is only as good as the machines
// measured for it. A measurement is right on the CPU it runs on, including ones not yet made.
//
// The probe: both primes have no divisor in the range, so every kernel tests every block. The
// range holds 8192 divisors; each kernel runs it once per round, narrow then wide: on an AMD
// EPYC (Zen 5) 7 us a round for AVX-512, 30 us for SSE2, about 210 us for the whole measurement
// (bench/is_prime_bench.cpp, kernel_measurement).
constexpr std::uint64_t narrow_probe = 7777777777777753;  // prime, below 2^53
constexpr std::uint64_t wide_probe = 9999999999999917;    // prime, above 2^53
constexpr std::uint64_t probe_base = 30 * 100'000;
constexpr std::uint64_t probe_end = probe_base + 30 * 1024;  // 1024 turns of the wheel
// The best of five rounds, the kernels taking turns: a round the scheduler interrupted, or one
// run while the vector unit was still waking up, does not count.
constexpr int rounds = 5;
// Kernels within this fraction of the fastest count as fast: the order of preference settles
// it, so that the choice does not flip from run to run on noise.
constexpr double tolerance = 0.03;

double time_once(const trial_kernel& kernel) noexcept {
    static std::atomic<std::uint64_t> sink;  // keeps the calls from being optimised away
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t found = kernel.find_block(narrow_probe, probe_base, probe_end) +
                                kernel.find_block(wide_probe, probe_base, probe_end);
    const auto stop = std::chrono::steady_clock::now();
    sink.fetch_add(found, std::memory_order_relaxed);
    return std::chrono::duration<double>(stop - start).count();
}

/// The preference among kernels as fast as the fastest: wider first, then reciprocal (it runs
/// at multiply speed on every CPU; division only on some).
bool preferred(const trial_kernel& a, const trial_kernel& b) noexcept {
    if (a.level != b.level) return a.level > b.level;
    return a.test == divisor_test::reciprocal && b.test != divisor_test::reciprocal;
}

const trial_kernel& preset_kernel() noexcept {
    const trial_kernel* best = supported_trial_kernels().front();
    for (const trial_kernel* kernel : supported_trial_kernels()) {
        if (preferred(*kernel, *best)) best = kernel;
    }
    return *best;
}

const trial_kernel& fastest_kernel() {
    const std::vector<kernel_timing> timings = time_trial_kernels();
    double fastest = std::numeric_limits<double>::infinity();
    for (const kernel_timing& timing : timings) fastest = std::min(fastest, timing.seconds);
    const trial_kernel* chosen = nullptr;
    for (const kernel_timing& timing : timings) {
        if (timing.seconds > fastest * (1 + tolerance)) continue;
        if (chosen == nullptr || preferred(*timing.kernel, *chosen)) chosen = timing.kernel;
    }
    return *chosen;
}

struct choice_state {
    const trial_kernel* forced = nullptr;  // named by CONCUR_KERNEL, or none
    kernel_in_use preset{};
    std::atomic<const kernel_in_use*> current{nullptr};

    choice_state() noexcept {
        const char* value = std::getenv(kernel_variable.data());
        if (value != nullptr) forced = find_trial_kernel(value);
        preset = {forced != nullptr ? forced : &preset_kernel(), forced != nullptr ? kernel_choice::forced : kernel_choice::preset};
        current.store(&preset, std::memory_order_release);
    }
};

choice_state& state() noexcept {
    static choice_state chosen;
    return chosen;
}

const trial_kernel& measured_kernel() noexcept {
    static kernel_in_use measured{};
    // A function-local static: the first caller measures, concurrent callers wait for it.
    static const bool done = [] {
        measured = {&fastest_kernel(), kernel_choice::measured};
        state().current.store(&measured, std::memory_order_release);
        return true;
    }();
    (void)done;
    return *measured.kernel;
}

}  // namespace

std::string_view kernel_choice_name(kernel_choice choice) noexcept {
    switch (choice) {
        case kernel_choice::preset: return "preset";
        case kernel_choice::measured: return "measured";
        case kernel_choice::forced: return "forced";
    }
    return "unknown";
}

const trial_kernel& trial_kernel_for(std::uint64_t n) noexcept {
    choice_state& chosen = state();
    if (chosen.forced != nullptr) return *chosen.forced;
    if (n >= measure_kernels_from) return measured_kernel();
    return *chosen.current.load(std::memory_order_acquire)->kernel;
}

kernel_in_use trial_kernel_in_use() noexcept { return *state().current.load(std::memory_order_acquire); }

std::string kernel_variable_problem() {
    const char* value = std::getenv(kernel_variable.data());
    if (value == nullptr || find_trial_kernel(value) != nullptr) return {};
    return std::string{kernel_variable} + ": '" + value + "' is not a kernel this CPU runs; allowed: " +
           std::string{supported_trial_kernel_names()};
}

std::vector<kernel_timing> time_trial_kernels() {
    std::vector<kernel_timing> timings;
    for (const trial_kernel* kernel : supported_trial_kernels()) {
        timings.push_back({kernel, std::numeric_limits<double>::infinity()});
    }
    for (int round = 0; round < rounds; ++round) {
        for (kernel_timing& timing : timings) timing.seconds = std::min(timing.seconds, time_once(*timing.kernel));
    }
    return timings;
}

}  // namespace concur
