// Tests for parse_decimal_u64: what CLI11 gets wrong must be rejected here.
#include "concur/core/number_parsing.hpp"

#include <gtest/gtest.h>

namespace {

using concur::parse_decimal_u64;

TEST(number_parsing_test, accepts_plain_decimals_over_the_whole_range) {
    EXPECT_EQ(parse_decimal_u64("0"), 0U);
    EXPECT_EQ(parse_decimal_u64("2"), 2U);
    EXPECT_EQ(parse_decimal_u64("007"), 7U);
    EXPECT_EQ(parse_decimal_u64("142702110479723"), 142702110479723U);
    EXPECT_EQ(parse_decimal_u64("18446744073709551615"), UINT64_MAX);
}

TEST(number_parsing_test, rejects_everything_else) {
    for (const char* bad : {"", "-5", "+5", "1e9", "0x11", "18446744073709551616", "99999999999999999999",
                            "7x", " 7", "7 ", "1.0", "-0", "١"}) {
        EXPECT_FALSE(parse_decimal_u64(bad).has_value()) << "'" << bad << "'";
    }
    EXPECT_FALSE(parse_decimal_u64(std::string_view{"1\0", 2}).has_value());
}

TEST(number_parsing_test, description_names_the_value_and_the_range) {
    EXPECT_EQ(concur::describe_bad_number("7x"),
              "'7x' is not a number concur can check; allowed: decimal digits only, from 0 to 18446744073709551615");
    EXPECT_EQ(concur::describe_bad_number(std::string_view{"a\0b", 3}),
              "'a\\x00b' is not a number concur can check; allowed: decimal digits only, from 0 to "
              "18446744073709551615");
    const std::string huge(1000, '9');
    EXPECT_NE(concur::describe_bad_number(huge).find("... (1000 bytes)"), std::string::npos);
}

}  // namespace
