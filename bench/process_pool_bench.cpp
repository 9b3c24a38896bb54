// Benchmark of the process pool's own cost: 10^6 small numbers (1 to 10^6), whose checks take
// nanoseconds, through run_process_pool with 1 and 2 workers. Reports numbers per second.
#include "concur/core/prime_method.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/runtime/process_pool.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace {

/// Counts the answers; a real listener would format them.
class counting_listener final : public concur::pool_listener {
public:
    void on_result(const concur::checked_number& result) override { primes_ += result.prime ? 1 : 0; }
    void on_worker_lost(const concur::lost_worker&) override { lost_ = true; }
    [[nodiscard]] std::uint64_t primes() const noexcept { return primes_; }
    [[nodiscard]] bool lost() const noexcept { return lost_; }

private:
    std::uint64_t primes_ = 0;
    bool lost_ = false;
};

void process_pool_small_numbers(benchmark::State& state, concur::prime_method method) {
    constexpr std::uint64_t count = 1'000'000;
    std::vector<std::uint64_t> numbers(count);
    std::iota(numbers.begin(), numbers.end(), std::uint64_t{1});
    const auto& info = concur::describe(method);
    const concur::pool_options options{static_cast<unsigned>(state.range(0)), info.check, {info.estimate}};
    for (auto _ : state) {
        concur::list_source source{numbers};
        counting_listener listener;
        const concur::pool_report report = concur::run_process_pool(source, options, listener);
        if (report.ending != concur::pool_ending::complete || listener.lost() || listener.primes() != 78498) {
            state.SkipWithError("the pool did not answer every number correctly");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

}  // namespace

BENCHMARK_CAPTURE(process_pool_small_numbers, trial, concur::prime_method::trial)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("workers")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();  // the work happens in the workers: the parent's CPU time says nothing
