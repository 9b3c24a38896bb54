// Benchmark of the stop points: the book fixture with each method's loop as it was before them,
// and as a worker runs it now, looking for a stop request and publishing its progress between
// two chunks of divisors. bench/stop_points.sh prints the ratios (medians, interleaved runs).
#include "concur/core/check_control.hpp"
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"
#include "concur/core/prime_method.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <stop_token>

namespace {

using concur::prime_method;

/// The seed's loop as it was before its stop points, kept here as the baseline: one loop from
/// 3 to the root, nothing between its divisions.
bool seed_loop_without_stop_points(std::uint64_t n) noexcept {
    if (n < 2) return false;
    if (n == 2) return true;
    if (n % 2 == 0) return false;
    const std::uint64_t root = concur::integer_sqrt(n);
    for (std::uint64_t divisor = 3; divisor <= root; divisor += 2) {
        if (n % divisor == 0) return false;
    }
    return true;
}

template <typename Check>
void run_book_fixture(benchmark::State& state, Check&& check) {
    for (auto _ : state) {
        for (const auto& known : concur::book_numbers()) {
            const bool prime = check(known.value);
            benchmark::DoNotOptimize(prime);
            if (prime != known.prime) state.SkipWithError("wrong answer");
        }
    }
}

/// Before: trial-simple's loop above; trial's wheel loop instantiated without a stop point (the
/// same code as before, see fast_trial_division.cpp); Miller-Rabin called directly.
void without_stop_points(benchmark::State& state, prime_method method) {
    switch (method) {
        case prime_method::trial_simple: run_book_fixture(state, seed_loop_without_stop_points); break;
        case prime_method::trial: run_book_fixture(state, [](std::uint64_t n) { return concur::is_prime_fast_trial(n); }); break;
        case prime_method::miller_rabin: run_book_fixture(state, concur::is_prime_miller_rabin); break;
    }
}

/// Now: the method table's check, with the control a thread worker has (a stop_token that is
/// never requested, and an atomic it publishes its progress to): the dearest of the models'
/// controls, an acquire load and a store per chunk where the others do a relaxed load.
void with_stop_points(benchmark::State& state, prime_method method) {
    std::stop_source never_requested;
    std::atomic<std::uint64_t> reached{0};
    concur::check_control control{never_requested.get_token(), nullptr, &reached};
    const auto check = concur::describe(method).check;
    run_book_fixture(state, [&](std::uint64_t n) { return check(n, control) == concur::check_verdict::prime; });
    benchmark::DoNotOptimize(reached.load());
}

}  // namespace

// Names: the method as on the command line, so bench/stop_points.sh can pair them.
BENCHMARK_CAPTURE(without_stop_points, trial-simple, prime_method::trial_simple)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(with_stop_points, trial-simple, prime_method::trial_simple)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(without_stop_points, trial, prime_method::trial)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(with_stop_points, trial, prime_method::trial)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(without_stop_points, miller-rabin, prime_method::miller_rabin)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(with_stop_points, miller-rabin, prime_method::miller_rabin)->Unit(benchmark::kMicrosecond);
