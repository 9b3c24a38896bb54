// Tests for run_mpi_pool, run under mpiexec: rank 0 runs the tests, the other ranks serve as workers.
#include "concur/runtime/mpi_pool.hpp"
#include "concur/runtime/mpi_world.hpp"
#include "concur/runtime/run_checks.hpp"
#include "concur/sys/descriptors.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "mpi_messages.hpp"
#include "support/collecting_listener.hpp"

#include <gtest/gtest.h>
#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <thread>

namespace {

using namespace concur;
using concur::testing::collecting_listener;

// The harness's own message, outside the pool's protocol: the tests are over.
constexpr int tests_over = 99;

unsigned worker_ranks() { return joined_mpi_world()->size() - 1; }

pool_options with_every_rank() { return {worker_ranks(), trial_simple_check, {}}; }

/// `count` distinct numbers (so that each must be answered exactly once), small ones first.
std::vector<std::uint64_t> mixed_numbers(std::size_t count) {
    std::mt19937_64 random{20261126};
    std::vector<std::uint64_t> numbers{0, 1, 2, 3, 4};
    std::set<std::uint64_t> seen(numbers.begin(), numbers.end());
    while (numbers.size() < count) {
        const std::uint64_t n = random() % 10'000'000;
        if (seen.insert(n).second) numbers.push_back(n);
    }
    return numbers;
}

std::map<std::uint64_t, bool> answers_of(const std::vector<checked_number>& results) {
    std::map<std::uint64_t, bool> answers;
    for (const auto& r : results) answers[r.number] = r.prime;
    return answers;
}

TEST(mpi_pool_test, agrees_with_sequential_on_10000_numbers_each_answered_once) {
    const auto numbers = mixed_numbers(10000);
    list_source sequential_source{numbers};
    collecting_listener sequential;
    ASSERT_EQ(run_checks(execution_model::sequential, sequential_source, {1, trial_simple_check, {}}, sequential).ending,
              pool_ending::complete);
    list_source source{numbers};
    collecting_listener listener;
    const auto report = run_checks(execution_model::mpi, source, with_every_rank(), listener);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(report.checked, numbers.size());
    EXPECT_EQ(answers_of(listener.results), answers_of(sequential.results));
    for (const auto& [number, times] : concur::testing::count_answers(listener.results)) ASSERT_EQ(times, 1) << number;
}

TEST(mpi_pool_test, every_worker_rank_answers_and_is_named_by_its_pid) {
    // Enough batches for each rank to get some: 200000 numbers fill about 400 records.
    std::vector<std::uint64_t> numbers(200000);
    for (std::size_t i = 0; i < numbers.size(); ++i) numbers[i] = i;
    list_source source{numbers};
    collecting_listener listener;
    const auto before = std::chrono::steady_clock::now();
    ASSERT_EQ(run_checks(execution_model::mpi, source, with_every_rank(), listener).ending, pool_ending::complete);
    const auto after = std::chrono::steady_clock::now();
    ASSERT_EQ(listener.started.size(), worker_ranks());
    for (const auto& [worker, pid] : listener.started) EXPECT_EQ(pid, joined_mpi_world()->ranks().at(worker).pid);
    std::set<unsigned> answered_by;
    for (const auto& r : listener.results) {
        answered_by.insert(r.worker);
        // One host here: the ranks' steady clocks are the same clock (CLOCK_MONOTONIC).
        ASSERT_GE(r.started, before);
        ASSERT_LE(r.started + r.elapsed, after);
    }
    EXPECT_EQ(answered_by.size(), worker_ranks());
    EXPECT_EQ(*answered_by.begin(), 1U);
    EXPECT_EQ(*answered_by.rbegin(), worker_ranks());
}

TEST(mpi_pool_test, zero_is_a_number_and_an_empty_list_ends_at_once) {
    list_source source{{0, 1, 2}};
    collecting_listener listener;
    EXPECT_EQ(run_checks(execution_model::mpi, source, with_every_rank(), listener).checked, 3U);
    list_source empty{{}};
    collecting_listener nothing;
    const auto report = run_checks(execution_model::mpi, empty, with_every_rank(), nothing);
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_TRUE(nothing.results.empty());
}

TEST(mpi_pool_test, streams_a_large_input_from_a_pipe_without_deadlock) {
    auto input = sys::make_pipe();
    std::thread feeder{[fd = std::move(input.write_end)] {
        std::string text;
        for (int n = 1; n <= 200000; ++n) text += std::to_string(n) + '\n';
        sys::write_all(fd.get(), text);
    }};
    stream_source source{input.read_end.get()};
    collecting_listener listener;
    const auto report = run_checks(execution_model::mpi, source, with_every_rank(), listener);
    feeder.join();
    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(std::count_if(listener.results.begin(), listener.results.end(), [](const auto& r) { return r.prime; }),
              17984);  // pi(200000)
}

TEST(mpi_pool_test, runs_that_end_as_soon_as_they_start_never_lose_a_rank) {
    // Each rank says done at once: the done records must be counted, whatever order they
    // arrive in beside the results, run after run.
    for (int run = 0; run < 30; ++run) {
        list_source source{{2, 3}};
        collecting_listener listener;
        const auto report = run_checks(execution_model::mpi, source, with_every_rank(), listener);
        ASSERT_EQ(report.ending, pool_ending::complete) << "run " << run;
        ASSERT_TRUE(report.lost_workers.empty()) << "run " << run;
        ASSERT_EQ(listener.results.size(), 2U) << "run " << run;
    }
}

TEST(mpi_pool_test, a_run_opens_no_descriptor_it_leaves_open) {
    list_source warm{mixed_numbers(500)};
    collecting_listener first;
    (void)run_checks(execution_model::mpi, warm, with_every_rank(), first);  // MPI opens what it needs once
    const auto before = sys::open_descriptors();
    list_source source{mixed_numbers(500)};
    collecting_listener listener;
    (void)run_checks(execution_model::mpi, source, with_every_rank(), listener);
    EXPECT_EQ(sys::open_descriptors(), before);
}

TEST(mpi_pool_test, refuses_a_worker_count_that_is_not_the_ranks) {
    list_source source{{7}};
    collecting_listener listener;
    EXPECT_THROW((void)run_checks(execution_model::mpi, source, {worker_ranks() + 1, trial_simple_check, {}}, listener),
                 std::logic_error);
}

TEST(mpi_messages_test, only_the_part_of_a_record_in_use_travels_and_is_checked_on_arrival) {
    job_record job;
    job.count = 3;
    job.numbers = {7, 8, 9};
    EXPECT_EQ(detail::bytes_in_use(job), 16 + 3 * 8);
    EXPECT_TRUE(detail::decode_job_message(job, detail::bytes_in_use(job)).has_value());
    EXPECT_FALSE(detail::decode_job_message(job, detail::bytes_in_use(job) - 8).has_value());  // cut short
    result_record result;
    result.worker = 2;
    result.count = 1;
    result.verdicts[0] = verdict{7, 100, 1, 0};
    EXPECT_EQ(detail::bytes_in_use(result), 32 + 24);
    EXPECT_TRUE(detail::decode_result_message(result, detail::bytes_in_use(result), 2).has_value());
    EXPECT_FALSE(detail::decode_result_message(result, detail::bytes_in_use(result), 1).has_value());  // not its own
    result.verdicts[0].prime = 2;
    EXPECT_FALSE(detail::decode_result_message(result, detail::bytes_in_use(result), 2).has_value());
}

/// A worker rank: serves one pool after another, until rank 0 says the tests are over.
int serve_as_worker() {
    for (;;) {
        MPI_Status status{};
        int arrived = 0;
        while (arrived == 0) {
            MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);  // not MPI_Probe: it spins
            if (arrived == 0) std::this_thread::sleep_for(std::chrono::milliseconds{1});
        }
        if (status.MPI_TAG == tests_over) {
            MPI_Recv(nullptr, 0, MPI_BYTE, 0, tests_over, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            return end_mpi_world(0);
        }
        if (run_mpi_worker(trial_simple_check) != worker_exit::said_done) return end_mpi_world(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const mpi_world& world = join_mpi_world();
    if (world.size() < 2) {
        std::fprintf(stderr, "run these tests under mpiexec with 2 ranks or more: mpiexec -n 3 %s\n", argv[0]);
        return end_mpi_world(2);
    }
    if (world.rank() != 0) return serve_as_worker();
    ::testing::InitGoogleTest(&argc, argv);
    const int failed = RUN_ALL_TESTS();
    for (unsigned rank = 1; rank < world.size(); ++rank) {
        MPI_Send(nullptr, 0, MPI_BYTE, static_cast<int>(rank), tests_over, MPI_COMM_WORLD);
    }
    return end_mpi_world(failed == 0 ? 0 : 1);
}
