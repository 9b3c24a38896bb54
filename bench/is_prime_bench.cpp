// Benchmarks of every primality method: the book fixture, single numbers, many small numbers.
// Ratios between methods are what count: run them in one process, interleaved
// (--benchmark_enable_random_interleaving=true), and compare medians (bench/headline.sh does).
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"
#include "concur/core/prime_method.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using concur::prime_method;
using concur::simd_level;

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

void book_fixture(benchmark::State& state, prime_method method) {
    run_fixture(state, concur::describe(method).check);
}

void book_fixture_at_level(benchmark::State& state, simd_level level) {
    bool supported = false;
    for (const simd_level each : concur::supported_simd_levels()) supported = supported || each == level;
    if (!supported) {
        state.SkipWithError("this CPU does not have the instruction set");
        return;
    }
    run_fixture(state, [level](std::uint64_t n) { return concur::is_prime_fast_trial(n, level); });
}

/// One number at a time: the biggest narrow (< 2^53) and the biggest wide prime of the fixture.
void one_number(benchmark::State& state, prime_method method, std::uint64_t n) {
    const auto check = concur::describe(method).check;
    for (auto _ : state) benchmark::DoNotOptimize(check(n));
    state.counters["per_seed_division"] = benchmark::Counter(static_cast<double>(seed_divisions(n)),
                                                             benchmark::Counter::kIsIterationInvariantRate |
                                                                 benchmark::Counter::kInvert);
}

/// Miller-Rabin's worst case: 64-bit primes (every base runs to the end). Time per prime.
void miller_rabin_64_bit_primes(benchmark::State& state) {
    static const std::vector<std::uint64_t> primes = [] {
        std::vector<std::uint64_t> found;
        for (std::uint64_t n = ~std::uint64_t{0}; found.size() < 64; n -= 2) {
            if (concur::is_prime_miller_rabin(n)) found.push_back(n);
        }
        return found;
    }();
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
    const auto check = concur::describe(method).check;
    constexpr std::uint64_t count = 100'000;
    for (auto _ : state) {
        for (std::uint64_t n = 1; n <= count; ++n) benchmark::DoNotOptimize(check(n));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

constexpr std::uint64_t largest_narrow_prime = 7777777777777753;  // < 2^53
constexpr std::uint64_t largest_wide_prime = 9999999999999917;    // > 2^53

}  // namespace

// Names are method names as on the command line, so scripts can match them.
BENCHMARK_CAPTURE(book_fixture, trial-simple, prime_method::trial_simple)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(book_fixture, trial, prime_method::trial)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(book_fixture, miller-rabin, prime_method::miller_rabin)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(book_fixture_at_level, sse2, simd_level::sse2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(book_fixture_at_level, avx2, simd_level::avx2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(book_fixture_at_level, avx512, simd_level::avx512)->Unit(benchmark::kMillisecond);

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

BENCHMARK(miller_rabin_64_bit_primes)->Unit(benchmark::kMicrosecond);

BENCHMARK_CAPTURE(small_numbers, trial-simple, prime_method::trial_simple)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(small_numbers, trial, prime_method::trial)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(small_numbers, miller-rabin, prime_method::miller_rabin)->Unit(benchmark::kMillisecond);
