// Tests for fixed_text: numbers and JSON strings written by hand into a fixed buffer, nothing past its end.
#include "concur/core/fixed_text.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace {

using namespace concur;

TEST(fixed_text_test, writes_decimal_numbers_without_the_locale) {
    std::array<char, 64> room{};
    fixed_text text{room};
    text.append_decimal(0);
    text.append(' ');
    text.append_decimal(1234567);
    text.append(' ');
    text.append_decimal(std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(text.view(), "0 1234567 18446744073709551615");
    EXPECT_FALSE(text.overflowed());
}

TEST(fixed_text_test, writes_seconds_with_nine_decimals_from_nanoseconds) {
    std::array<char, 64> room{};
    fixed_text text{room};
    text.append_seconds(1'500'000'000);
    text.append(' ');
    text.append_seconds(7);
    text.append(' ');
    text.append_seconds(0);
    text.append(' ');
    text.append_seconds(-5);  // a clock that went backwards is no negative duration
    EXPECT_EQ(text.view(), "1.500000000 0.000000007 0.000000000 0.000000000");
}

TEST(fixed_text_test, writes_json_strings_with_their_escapes) {
    std::array<char, 64> room{};
    fixed_text text{room};
    text.append_json_string("a\"b\\c\nd\te\x01\x1f" "\xc3\xa9");
    EXPECT_EQ(text.view(), "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\xc3\xa9\"");  // UTF-8 passes as it is
}

TEST(fixed_text_test, drops_what_does_not_fit_and_says_so) {
    std::array<char, 4> room{};
    fixed_text text{room};
    text.append("abc");
    EXPECT_FALSE(text.overflowed());
    text.append_decimal(12345);
    EXPECT_EQ(text.view(), "abc1");
    EXPECT_TRUE(text.overflowed());
}

}  // namespace
