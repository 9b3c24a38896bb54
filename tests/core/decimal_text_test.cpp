// Tests for decimal_text: the same bytes as fmt, on every kind of value, rounding ties above all.
#include "concur/core/decimal_text.hpp"

#include "support/fmt_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace {

using std::chrono::nanoseconds;
using concur::testing::fmt_decimal;
using concur::testing::fmt_six_decimal_seconds;

std::string decimal(std::uint64_t n) {
    std::array<char, concur::decimal_text_room> room{};
    return {room.data(), concur::write_decimal(n, room.data())};
}

std::string seconds(std::int64_t count) {
    std::array<char, concur::decimal_text_room> room{};
    return {room.data(), concur::write_six_decimal_seconds(nanoseconds{count}, room.data())};
}

/// Compares a range of counts with fmt; stops at the first difference, which it names.
void expect_seconds_as_fmt(std::int64_t first, std::int64_t last, std::int64_t step = 1) {
    for (std::int64_t count = first; count <= last; count += step) {
        const std::string expected = fmt_six_decimal_seconds(count);
        ASSERT_EQ(seconds(count), expected) << count << " ns";
    }
}

TEST(decimal_text_test, integers_of_every_width_as_fmt_writes_them) {
    for (std::uint64_t n = 0; n < 100'000; ++n) ASSERT_EQ(decimal(n), fmt_decimal(n)) << n;
    std::mt19937_64 random{7};
    for (std::uint64_t power = 10; power <= 10'000'000'000'000'000'000ULL; power *= 10) {
        for (const std::uint64_t n : {power - 1, power, power + 1, power / 10 + random() % (power - power / 10)}) {
            ASSERT_EQ(decimal(n), fmt_decimal(n)) << n;
        }
    }
    EXPECT_EQ(decimal(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
    for (int i = 0; i < 100'000; ++i) {
        const std::uint64_t n = random() >> (random() % 64);  // every width, often
        ASSERT_EQ(decimal(n), fmt_decimal(n)) << n;
    }
}

TEST(decimal_text_test, seconds_match_fmt_for_every_count_up_to_two_milliseconds) {
    expect_seconds_as_fmt(0, 2'000'000);
}

TEST(decimal_text_test, seconds_round_every_tie_as_fmt_rounds_the_double) {
    // k µs + 500 ns lies exactly between two outputs. Its nearest double lies above or below
    // it, and fmt rounds that way: 0.0000005 s prints as 0.000000, its double being just
    // below. Every tie up to 1 s, then a sample of them up to 13 days.
    EXPECT_EQ(seconds(500), "0.000000");
    expect_seconds_as_fmt(500, 1'000'000'000, 1000);
    std::mt19937_64 random{11};
    for (int i = 0; i < 300'000; ++i) {
        const auto micros = static_cast<std::int64_t>(random() % (std::uint64_t{1} << 40));
        const std::int64_t tie = micros * 1000 + 500;
        ASSERT_EQ(seconds(tie), fmt_six_decimal_seconds(tie)) << tie << " ns";
    }
}

TEST(decimal_text_test, seconds_round_a_tie_the_double_holds_exactly_to_even) {
    // The ties that are doubles themselves are the odd multiples of 1/128 s (7,812,500 ns):
    // fmt rounds them to an even last digit, both ways.
    EXPECT_EQ(seconds(7'812'500), "0.007812");
    EXPECT_EQ(seconds(117'187'500), "0.117188");
    expect_seconds_as_fmt(7'812'500, 2'000'000'000'000, 2 * 7'812'500);  // every one up to 2000 s
}

TEST(decimal_text_test, seconds_carry_into_the_next_second_as_fmt_does) {
    // 0.9999995 s and the like round up into a new integer part, and 9.9999995 s widens it.
    for (const std::int64_t whole : {1, 9, 10, 99, 100, 3600, 86'400}) {
        expect_seconds_as_fmt(whole * 1'000'000'000 - 2000, whole * 1'000'000'000 + 2000);
    }
}

TEST(decimal_text_test, seconds_match_fmt_from_nanoseconds_to_days_and_beyond) {
    std::mt19937_64 random{13};
    for (int i = 0; i < 300'000; ++i) {
        // Logarithmically spread: as many counts of hours as of microseconds.
        const auto count = static_cast<std::int64_t>(random() >> (1 + random() % 63));
        ASSERT_EQ(seconds(count), fmt_six_decimal_seconds(count)) << count << " ns";
    }
    constexpr std::int64_t switch_to_fmt = std::int64_t{1} << 50;  // 13 days: where the code changes
    expect_seconds_as_fmt(switch_to_fmt - 3000, switch_to_fmt + 3000);
    EXPECT_EQ(seconds(3'600'000'000'000), "3600.000000");
    EXPECT_EQ(seconds(86'400'000'000'500), fmt_six_decimal_seconds(86'400'000'000'500));
}

TEST(decimal_text_test, counts_no_clock_gives_still_match_fmt) {
    for (const std::int64_t count : {std::int64_t{-1}, std::int64_t{-500}, std::int64_t{-1500}, std::int64_t{-1'000'000'000},
                                     std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
        EXPECT_EQ(seconds(count), fmt_six_decimal_seconds(count)) << count << " ns";
    }
}

}  // namespace
