// Tests for race_units: exact totals for every synchronised way, and lost updates without one.
#include "concur/demos/race_units.hpp"

#include "concur/sys/cpu_count.hpp"
#include "support/has_children.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur;

constexpr std::array synchronised{race_sync::mutex, race_sync::atomic, race_sync::local, race_sync::false_sharing};

/// Small counts: enough for the units to overlap many times, quick under the sanitizers.
constexpr std::uint64_t small_count = 50'000;

TEST(race_units_test, synchronised_threads_lose_nothing_in_any_run) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    for (const race_sync sync : synchronised) {
        for (const unsigned units : {1U, 2U, 3U, 8U}) {
            for (int run = 0; run < 3; ++run) {
                const race_outcome outcome = race_with_threads({sync, units, small_count}, signals);
                EXPECT_EQ(outcome.total, units * small_count) << race_sync_name(sync) << " with " << units;
                EXPECT_GT(outcome.elapsed.count(), 0);
                EXPECT_EQ(outcome.interrupt_signal, 0);
                EXPECT_EQ(outcome.lost_unit, "");
            }
        }
    }
}

TEST(race_units_test, one_thread_alone_loses_nothing_even_without_a_lock) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    EXPECT_EQ(race_with_threads({race_sync::none, 1, small_count}, signals).total, small_count);
}

// Released at once on two CPUs, two units overlap for most of their count, and lose updates.
// On a loaded machine, though, one unit may run its whole count while the other waits for a
// CPU: so each round counts twice as far as the last, until some round loses an update.
#if defined(__SANITIZE_THREAD__)
constexpr std::uint64_t first_racing_count = 100'000;  // each increment is instrumented: slow
#else
constexpr std::uint64_t first_racing_count = 2'000'000;
#endif
constexpr int racing_rounds = 8;  // the last counts 128 times as far as the first

/// Whether some round of `none` with two units loses an update. Every total is checked.
template <typename Race>
bool some_round_loses(Race race) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    std::uint64_t count = first_racing_count;
    for (int round = 0; round < racing_rounds; ++round, count *= 2) {
        const std::uint64_t total = race({race_sync::none, 2, count}, signals).total;
        EXPECT_LE(total, 2 * count);  // a lost update can only make the count smaller
        EXPECT_GE(total, 2U);         // the least two racing units can leave (a classic puzzle)
        if (total < 2 * count) return true;
    }
    return false;
}

TEST(race_units_test, threads_without_a_lock_lose_updates) {
    if (sys::usable_cpu_count() < 2) {
        GTEST_SKIP() << "one usable CPU: the threads take turns, and lost updates become rare";
    }
    EXPECT_TRUE(some_round_loses(race_with_threads)) << "no update lost in " << racing_rounds << " rounds";
}

TEST(race_units_test, processes_sharing_a_mapped_counter_count_exactly_with_atomic) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    for (const unsigned units : {1U, 2U, 5U}) {
        const race_outcome outcome = race_with_processes({race_sync::atomic, units, small_count}, signals);
        EXPECT_EQ(outcome.total, units * small_count) << units << " processes";
        EXPECT_EQ(outcome.lost_unit, "");
        EXPECT_GT(outcome.elapsed.count(), 0);
    }
    EXPECT_FALSE(concur::testing::has_children());
}

TEST(race_units_test, processes_without_a_lock_lose_updates_as_threads_do) {
    if (sys::usable_cpu_count() < 2) {
        GTEST_SKIP() << "one usable CPU: the processes take turns, and lost updates become rare";
    }
    EXPECT_TRUE(some_round_loses(race_with_processes)) << "no update lost in " << racing_rounds << " rounds";
    EXPECT_FALSE(concur::testing::has_children());
}

TEST(race_units_test, processes_refuse_the_ways_they_cannot_share) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    EXPECT_THROW((void)race_with_processes({race_sync::mutex, 2, 10}, signals), std::invalid_argument);
    EXPECT_FALSE(concur::testing::has_children());
}

race_outcome race_with(execution_model model, const race_round& round, sys::signal_pipe& signals) {
    return model == execution_model::thread ? race_with_threads(round, signals) : race_with_processes(round, signals);
}

TEST(race_units_test, a_signal_before_the_start_stops_the_units_at_once) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    for (const execution_model model : {execution_model::thread, execution_model::process}) {
        ASSERT_EQ(::raise(SIGTERM), 0);  // waits on the signal pipe: seen after the first unit starts
        // A count no test could wait for: the round ends only because the units look at the stop.
        const race_outcome outcome = race_with(model, {race_sync::atomic, 3, race_max_count}, signals);
        EXPECT_EQ(outcome.interrupt_signal, SIGTERM) << model_name(model);
        EXPECT_LT(outcome.total, race_max_count);
        EXPECT_EQ(outcome.lost_unit, "");
    }
    EXPECT_FALSE(concur::testing::has_children());
}

TEST(race_units_test, a_signal_while_they_count_stops_every_unit) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    for (const execution_model model : {execution_model::thread, execution_model::process}) {
        // Sent from another thread while the round runs. The sender blocks every signal, as
        // the units do: the handler runs on this thread, the one that installed it.
        std::thread sender{[] {
            const sys::signal_block blocked;
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
            ::kill(::getpid(), SIGINT);
        }};
        const race_outcome outcome = race_with(model, {race_sync::none, 3, race_max_count}, signals);
        sender.join();
        EXPECT_EQ(outcome.interrupt_signal, SIGINT) << model_name(model);
        EXPECT_LT(outcome.total, 3 * race_max_count);
        EXPECT_EQ(outcome.lost_unit, "");
    }
    EXPECT_FALSE(concur::testing::has_children());
}

}  // namespace
