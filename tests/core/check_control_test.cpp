// Tests for check_control and the stop points of the trial loops: asked to stop, a check stops at its next one.
#include "concur/core/check_control.hpp"

#include "concur/core/fast_trial_division.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/core/miller_rabin.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <stop_token>
#include <thread>

namespace {

using namespace concur;

using stoppable_check = check_verdict (*)(std::uint64_t, check_control&) noexcept;

constexpr std::uint64_t largest_prime = 18446744073709551557ULL;  // 2^64 - 59: seconds with the seed's loop

struct named_check {
    const char* name;
    stoppable_check check;
};
const named_check trial_loops[] = {{"trial-simple", trial_simple_check}, {"trial", fast_trial_check}};

TEST(check_control_test, unasked_a_check_runs_to_the_end_publishing_its_progress_on_the_way) {
    std::uint64_t prime = 1'000'000'000'000;  // root 10^6: dozens of chunks
    while (!is_prime_miller_rabin(prime)) ++prime;
    for (const auto& [name, check] : trial_loops) {
        std::atomic<std::uint64_t> reached{0};
        check_control control{{}, nullptr, &reached};
        EXPECT_EQ(check(prime, control), check_verdict::prime) << name;
        // The last stop point is between the last two chunks, less than one chunk (at most
        // 4096 odd or 4096 wheel divisors: under 16384 numbers) below the root.
        EXPECT_LE(reached.load(), integer_sqrt(prime)) << name;
        EXPECT_GT(reached.load() + 4 * divisors_per_chunk, integer_sqrt(prime)) << name;
        EXPECT_EQ(check(1000001, control), check_verdict::not_prime) << name;  // 101 * 9901
        EXPECT_EQ(check(2, control), check_verdict::prime) << name;
        EXPECT_EQ(check(1, control), check_verdict::not_prime) << name;
    }
}

TEST(check_control_test, asked_before_it_starts_a_long_check_stops_at_its_first_stop_point) {
    for (const auto& [name, check] : trial_loops) {
        std::stop_source stop;
        stop.request_stop();
        std::atomic<std::uint64_t> reached{0};
        check_control control{stop.get_token(), nullptr, &reached};
        EXPECT_EQ(check(largest_prime, control), check_verdict::stopped) << name;
        // One chunk tried: about divisors_per_chunk divisors, far from the root (4.3e9).
        EXPECT_GT(reached.load(), 0U) << name;
        EXPECT_LT(reached.load(), 40 * divisors_per_chunk) << name;
    }
    // The seed's loop tries odd divisors from 3: its first chunk ends at 3 + 2 * 4096.
    std::stop_source stop;
    stop.request_stop();
    std::atomic<std::uint64_t> reached{0};
    check_control control{stop.get_token(), nullptr, &reached};
    (void)trial_simple_check(largest_prime, control);
    EXPECT_EQ(reached.load(), 3 + 2 * divisors_per_chunk);
}

TEST(check_control_test, a_check_that_ends_before_its_first_stop_point_is_an_answer_even_if_asked) {
    // Stop points are between two chunks: a check of one chunk, or one that finds a factor in
    // its first, answers, and so does one past its last stop point.
    std::atomic<bool> flag{true};
    check_control control{{}, &flag, nullptr};
    for (const auto& [name, check] : trial_loops) {
        EXPECT_EQ(check(1000003, control), check_verdict::prime) << name;  // root 1000: one chunk
        EXPECT_EQ(check(largest_prime - 2, control), check_verdict::not_prime) << name;  // 3 divides it
    }
    // Baillie-PSW takes under a microsecond: it has no stop point and always answers.
    EXPECT_TRUE(is_prime_miller_rabin(largest_prime));
}

/// Another thread asks once the check is under way (it has published progress): the check
/// stops at its next stop point, long before the root. Without the stop it would run for
/// seconds and answer `prime`.
void expect_stopped_midway(stoppable_check check, bool through_the_flag) {
    std::stop_source stop;
    std::atomic<bool> flag{false};
    std::atomic<std::uint64_t> reached{0};
    check_control control{stop.get_token(), &flag, &reached};
    std::jthread asker{[&] {
        while (reached.load() < 100 * divisors_per_chunk) std::this_thread::yield();
        if (through_the_flag) {
            flag.store(true);  // what a signal handler does
        } else {
            stop.request_stop();  // what the thread pool does
        }
    }};
    EXPECT_EQ(check(largest_prime, control), check_verdict::stopped);
    EXPECT_GE(reached.load(), 100 * divisors_per_chunk);
    EXPECT_LT(reached.load(), integer_sqrt(largest_prime) / 2);
}

TEST(check_control_test, a_stop_token_requested_by_another_thread_stops_a_running_check) {
    for (const auto& [name, check] : trial_loops) {
        SCOPED_TRACE(name);
        expect_stopped_midway(check, false);
    }
}

TEST(check_control_test, a_flag_raised_by_a_signal_handler_stops_a_running_check) {
    for (const auto& [name, check] : trial_loops) {
        SCOPED_TRACE(name);
        expect_stopped_midway(check, true);
    }
}

TEST(check_control_test, the_seed_loop_finds_factors_on_either_side_of_a_chunk_edge) {
    // Chunk k of the seed's loop tries the odd divisors from 3 + 8192 k up to 8192 (k + 1) + 1:
    // a factor that is the last divisor of one chunk or the first of the next must be found.
    check_control never_asked;
    int edges_tried = 0;
    for (std::uint64_t k = 1; k <= 200; ++k) {
        const std::uint64_t first_of_next = 3 + 2 * divisors_per_chunk * k;
        for (const std::uint64_t factor : {first_of_next - 2, first_of_next}) {
            if (!is_prime_miller_rabin(factor)) continue;
            ++edges_tried;
            EXPECT_EQ(trial_simple_check(factor * factor, never_asked), check_verdict::not_prime) << factor;
            std::uint64_t cofactor = factor + 2;
            while (!is_prime_miller_rabin(cofactor)) cofactor += 2;
            EXPECT_EQ(trial_simple_check(factor * cofactor, never_asked), check_verdict::not_prime) << factor;
            EXPECT_EQ(trial_simple_check(factor, never_asked), check_verdict::prime) << factor;
        }
    }
    EXPECT_GT(edges_tried, 10);
}

}  // namespace
