// Tests for the text `concur primes` prints: the seed's exact shape.
#include "concur/core/primes_report.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

TEST(primes_report_test, header_in_the_seeds_words) {
    EXPECT_EQ(concur::format_primes_header(5, 2, "process", "processes"), "Checking 5 numbers with 2 processes:\n");
    EXPECT_EQ(concur::format_primes_header(1, 1, "process", "processes"), "Checking 1 number with 1 process:\n");
    EXPECT_EQ(concur::format_primes_header(std::nullopt, 4, "process", "processes"),
              "Checking numbers from standard input with 4 processes:\n");
}

TEST(primes_report_test, header_names_a_method_before_the_colon) {
    EXPECT_EQ(concur::format_primes_header(20, 2, "process", "processes", "Miller-Rabin"),
              "Checking 20 numbers with 2 processes (Miller-Rabin):\n");
    EXPECT_EQ(concur::format_primes_header(std::nullopt, 1, "process", "processes", "simple trial division"),
              "Checking numbers from standard input with 1 process (simple trial division):\n");
}

TEST(primes_report_test, result_line_matches_the_seed) {
    std::string out;
    concur::append_result_line(out, 2, true, 1us);
    concur::append_result_line(out, 142702110479723, true, 52814us);
    concur::append_result_line(out, 3333333333333333, false, 2ns);
    EXPECT_EQ(out,
              "               2  P  0.000001s\n"
              " 142702110479723  P  0.052814s\n"
              "3333333333333333     0.000000s\n");
}

TEST(primes_report_test, column_widens_for_long_numbers) {
    std::string out;
    concur::append_result_line(out, 18446744073709551615ULL, false, 1500ms, 20);
    EXPECT_EQ(out, "18446744073709551615     1.500000s\n");
}

TEST(primes_report_test, summary) {
    EXPECT_EQ(concur::format_primes_summary(5, 410ms), "5 checks in 0.41s\n");
    EXPECT_EQ(concur::format_primes_summary(1, 2ms), "1 check in 0.00s\n");
}

TEST(primes_report_test, digits) {
    EXPECT_EQ(concur::decimal_digits(0), 1U);
    EXPECT_EQ(concur::decimal_digits(9), 1U);
    EXPECT_EQ(concur::decimal_digits(10), 2U);
    EXPECT_EQ(concur::decimal_digits(UINT64_MAX), 20U);
}

TEST(primes_report_test, json_strings_are_escaped) {
    EXPECT_EQ(concur::json_string("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}

}  // namespace
