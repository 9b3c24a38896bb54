// Benchmarks of every primality method and trial-division kernel: the book fixture, single
// numbers, many small numbers, what chunking and choosing a kernel cost.
// Ratios between them are what count: run them in one process, interleaved
// (--benchmark_enable_random_interleaving=true), and compare medians (bench/kernels.sh does).
#include "concur/core/cpu_identity.hpp"
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/core/trial_kernel_choice.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using concur::prime_method;
using concur::trial_kernel;

/// How many `n % i` the seed's loop does on n: every odd i from 3 up to the smallest factor,
/// or up to the root for a prime. Lets the fixture benchmarks report a time per seed division.
std::uint64_t seed_divisions(std::uint64_t n) {
    if (n < 9 || n % 2 == 0) return 0;
    const std::uint64_t root = concur::integer_sqrt(n);
    if (concur::is_prime_miller_rabin(n)) return (root - 1) / 2;
    if (root * root == n && concur::is_prime_miller_rabin(root)) return (root - 1) / 2;
    std::uint64_t divisor = 3;
    while (n % divisor != 0) divisor += 2;
    return (divisor - 1) / 2;
}

std::uint64_t book_seed_divisions() {
    static const std::uint64_t total = [] {
        std::uint64_t sum = 0;
        for (const auto& known : concur::book_numbers()) sum += seed_divisions(known.value);
        return sum;
    }();
    return total;
}

template <typename Check>
void run_fixture(benchmark::State& state, Check check) {
    for (auto _ : state) {
        for (const auto& known : concur::book_numbers()) {
            const bool prime = check(known.value);
            benchmark::DoNotOptimize(prime);
            if (prime != known.prime) state.SkipWithError("wrong answer");
        }
    }
    // Time per division the seed would have done: the "per odd divisor" column.
    state.counters["per_seed_division"] = benchmark::Counter(static_cast<double>(book_seed_divisions()),
                                                             benchmark::Counter::kIsIterationInvariantRate |
                                                                 benchmark::Counter::kInvert);
}

/// A method's check as a worker runs it, through the method table, with a control that is
/// never asked to stop (bench/stop_point_bench.cpp measures what asking costs).
auto check_of(prime_method method) {
    return [check = concur::describe(method).check, control = concur::check_control{}](std::uint64_t n) mutable {
        return check(n, control) == concur::check_verdict::prime;
    };
}

/// A method as `concur primes --method` runs it (trial: the kernel chosen here, measured).
void book_fixture(benchmark::State& state, prime_method method) { run_fixture(state, check_of(method)); }

void book_fixture_with_kernel(benchmark::State& state, const trial_kernel* kernel) {
    run_fixture(state, [kernel](std::uint64_t n) { return concur::is_prime_fast_trial(n, *kernel); });
}

/// Chunks of `state.range(0)` wheel divisors; 0 for one chunk over the whole range.
void book_fixture_in_chunks(benchmark::State& state, const trial_kernel* kernel) {
    const auto chunk = state.range(0) == 0 ? std::uint64_t{1} << 40 : static_cast<std::uint64_t>(state.range(0));
    run_fixture(state, [kernel, chunk](std::uint64_t n) { return concur::is_prime_fast_trial_in_chunks(n, *kernel, chunk); });
}

/// What the first long check pays once to choose its kernel.
void kernel_measurement(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(concur::time_trial_kernels());
}

/// One number at a time: the biggest narrow (< 2^53) and the biggest wide prime of the fixture.
void one_number(benchmark::State& state, prime_method method, std::uint64_t n) {
    auto check = check_of(method);
    for (auto _ : state) benchmark::DoNotOptimize(check(n));
    state.counters["per_seed_division"] = benchmark::Counter(static_cast<double>(seed_divisions(n)),
                                                             benchmark::Counter::kIsIterationInvariantRate |
                                                                 benchmark::Counter::kInvert);
}

/// Miller-Rabin's worst case: primes (every round runs to the end). Time per prime.
void miller_rabin_primes(benchmark::State& state, std::uint64_t below) {
    std::vector<std::uint64_t> primes;
    for (std::uint64_t n = below - 1; primes.size() < 64; n -= 2) {
        if (concur::is_prime_miller_rabin(n)) primes.push_back(n);
    }
    for (auto _ : state) {
        for (const std::uint64_t p : primes) benchmark::DoNotOptimize(concur::is_prime_miller_rabin(p));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(primes.size()));
    state.counters["per_prime"] = benchmark::Counter(static_cast<double>(primes.size()),
                                                     benchmark::Counter::kIsIterationInvariantRate |
                                                         benchmark::Counter::kInvert);
}

/// 1 to 10^5: what a pool checking `seq` spends in the check itself, per number.
void small_numbers(benchmark::State& state, prime_method method) {
    auto check = check_of(method);
    constexpr std::uint64_t count = 100'000;
    for (auto _ : state) {
        for (std::uint64_t n = 1; n <= count; ++n) benchmark::DoNotOptimize(check(n));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

constexpr std::uint64_t largest_narrow_prime = 7777777777777753;  // < 2^53
constexpr std::uint64_t largest_wide_prime = 9999999999999917;    // > 2^53

/// The kernels this CPU runs, each by name: book_fixture_with_kernel/avx512-reciprocal. The
/// widest level's kernels also in chunks of one block, the default chunk and one chunk.
void register_kernel_benchmarks() {
    for (const trial_kernel* kernel : concur::supported_trial_kernels()) {
        const std::string name{kernel->name};
        benchmark::RegisterBenchmark(("book_fixture_with_kernel/" + name).c_str(), book_fixture_with_kernel, kernel)
            ->Unit(benchmark::kMillisecond);
        if (kernel->level != concur::best_simd_level()) continue;
        benchmark::RegisterBenchmark(("book_fixture_in_chunks/" + name).c_str(), book_fixture_in_chunks, kernel)
            ->Arg(32)
            ->Arg(static_cast<std::int64_t>(concur::divisors_per_chunk))
            ->Arg(0)
            ->Unit(benchmark::kMillisecond);
    }
}

/// What the figures were measured on and with: the CPU, and the kernel the default method uses.
void add_context() {
    const concur::cpu_identity cpu = concur::this_cpu();
    benchmark::AddCustomContext("cpu_vendor", cpu.vendor);
    benchmark::AddCustomContext("cpu_family", std::to_string(cpu.family));
    benchmark::AddCustomContext("cpu_model", std::to_string(cpu.model));
    benchmark::AddCustomContext("cpu_model_name", cpu.model_name);
    std::string levels;
    for (const concur::simd_level level : concur::supported_simd_levels()) {
        if (!levels.empty()) levels += ' ';
        levels += concur::simd_level_name(level);
    }
    benchmark::AddCustomContext("simd_levels", levels);
    const trial_kernel& chosen = concur::trial_kernel_for(largest_wide_prime);  // measures, unless forced
    const concur::kernel_in_use in_use = concur::trial_kernel_in_use();
    benchmark::AddCustomContext("trial_kernel", std::string{chosen.name});
    benchmark::AddCustomContext("trial_kernel_choice", std::string{concur::kernel_choice_name(in_use.choice)});
    benchmark::AddCustomContext("build_type", CONCUR_BENCH_BUILD_TYPE);  // Release: -O3, RelWithDebInfo: -O2
}

}  // namespace

// Names are method names as on the command line, so scripts can match them.
BENCHMARK_CAPTURE(book_fixture, trial-simple, prime_method::trial_simple)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(book_fixture, trial, prime_method::trial)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(book_fixture, miller-rabin, prime_method::miller_rabin)->Unit(benchmark::kMicrosecond);
BENCHMARK(kernel_measurement)->Unit(benchmark::kMicrosecond);

BENCHMARK_CAPTURE(one_number, trial-simple/narrow, prime_method::trial_simple, largest_narrow_prime)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_number, trial/narrow, prime_method::trial, largest_narrow_prime)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_number, miller-rabin/narrow, prime_method::miller_rabin, largest_narrow_prime)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(one_number, trial-simple/wide, prime_method::trial_simple, largest_wide_prime)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_number, trial/wide, prime_method::trial, largest_wide_prime)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_number, miller-rabin/wide, prime_method::miller_rabin, largest_wide_prime)
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_CAPTURE(miller_rabin_primes, 64_bit, std::uint64_t{0})->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(miller_rabin_primes, 32_bit, std::uint64_t{1} << 32)->Unit(benchmark::kMicrosecond);

BENCHMARK_CAPTURE(small_numbers, trial-simple, prime_method::trial_simple)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(small_numbers, trial, prime_method::trial)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(small_numbers, miller-rabin, prime_method::miller_rabin)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    const std::string problem = concur::kernel_variable_problem();
    if (!problem.empty()) {
        std::fprintf(stderr, "concur_bench: %s\n", problem.c_str());
        return 2;
    }
    register_kernel_benchmarks();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    add_context();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
