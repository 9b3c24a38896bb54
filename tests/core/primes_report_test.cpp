// Tests for the text `concur primes` prints: the seed's exact shape.
#include "concur/core/primes_report.hpp"
#include "concur/core/trial_kernel_choice.hpp"

#include <fmt/format.h>

#include "support/fmt_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

using namespace std::chrono_literals;

using concur::execution_model;

TEST(primes_report_test, header_in_the_seeds_words) {
    EXPECT_EQ(concur::format_primes_header(5, execution_model::process, 2), "Checking 5 numbers with 2 processes:\n");
    EXPECT_EQ(concur::format_primes_header(1, execution_model::process, 1), "Checking 1 number with 1 process:\n");
    EXPECT_EQ(concur::format_primes_header(std::nullopt, execution_model::process, 4),
              "Checking numbers from standard input with 4 processes:\n");
}

TEST(primes_report_test, header_names_the_units_of_every_model) {
    EXPECT_EQ(concur::describe_units(execution_model::thread, 2), "with 2 threads");
    EXPECT_EQ(concur::describe_units(execution_model::process, 1), "with 1 process");
    EXPECT_EQ(concur::describe_units(execution_model::sequential, 8), "sequentially");
    EXPECT_EQ(concur::describe_units(execution_model::coroutine, 8), "with coroutines, one at a time on one thread");
    EXPECT_EQ(concur::format_primes_header(20, execution_model::sequential, 1), "Checking 20 numbers sequentially:\n");
}

TEST(primes_report_test, header_names_a_method_before_the_colon) {
    EXPECT_EQ(concur::format_primes_header(20, execution_model::process, 2, "Miller-Rabin"),
              "Checking 20 numbers with 2 processes (Miller-Rabin):\n");
    EXPECT_EQ(concur::format_primes_header(std::nullopt, execution_model::process, 1, "simple trial division"),
              "Checking numbers from standard input with 1 process (simple trial division):\n");
}

TEST(primes_report_test, an_mpi_header_counts_worker_ranks_and_hosts_and_names_the_engine) {
    EXPECT_EQ(concur::format_primes_header(20, execution_model::mpi, 2), "Checking 20 numbers with 2 worker ranks on 1 host (MPI):\n");
    EXPECT_EQ(concur::format_primes_header(20, execution_model::mpi, 1, "Miller-Rabin", 2),
              "Checking 20 numbers with 1 worker rank on 2 hosts (MPI, Miller-Rabin):\n");
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

TEST(primes_report_test, result_line_is_byte_for_byte_the_fmt_line) {
    std::mt19937_64 random{5};
    std::vector<std::uint64_t> numbers{0, 1, 2, UINT64_MAX};
    for (std::uint64_t power = 10; power <= 10'000'000'000'000'000'000ULL; power *= 10) {
        numbers.insert(numbers.end(), {power - 1, power, power / 10 + random() % (power - power / 10)});
    }
    std::vector<std::int64_t> counts{0, 1, 499, 500, 501, 1500, 2500, 52'814'000, 999'999'500, 9'999'999'500,
                                     3'600'000'000'000, (std::int64_t{1} << 50) + 500, -1500, INT64_MAX};
    for (int i = 0; i < 2000; ++i) counts.push_back(static_cast<std::int64_t>(random() >> (1 + random() % 63)));
    // Up to the seed's 16, a column widened for 20 digits, and one past the usual line's room.
    const std::vector<std::size_t> widths{1, 16, 20, 24, 40, 60};
    for (const std::size_t width : widths) {
        for (const std::uint64_t number : numbers) {
            for (const std::int64_t count : counts) {
                const bool prime = (count & 1) != 0;
                std::string line;
                concur::append_result_line(line, number, prime, std::chrono::nanoseconds{count}, width);
                ASSERT_EQ(line, concur::testing::fmt_result_line(number, prime, std::chrono::nanoseconds{count}, width))
                    << number << ", " << count << " ns, width " << width;
            }
        }
    }
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

TEST(primes_report_test, the_kernel_in_use_is_named_with_its_simd_level) {
    EXPECT_EQ(concur::kernel_json(false, false), "null");  // the method uses no kernel
    const concur::kernel_in_use kernel = concur::trial_kernel_in_use();
    const std::string json = concur::kernel_json(true, false);
    EXPECT_NE(json.find(fmt::format("\"name\": \"{}\"", kernel.kernel->name)), std::string::npos) << json;
    EXPECT_NE(json.find(fmt::format("\"simd_level\": \"{}\"", concur::simd_level_name(kernel.kernel->level))),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(fmt::format("\"choice\": \"{}\"", concur::kernel_choice_name(kernel.choice))), std::string::npos)
        << json;
    // Workers that choose for themselves (numbers from standard input) are said to, unless this
    // process made the choice for them.
    const bool chosen_here = kernel.choice != concur::kernel_choice::preset;
    EXPECT_EQ(concur::kernel_json(true, true).find("\"choice\": \"per worker\"") != std::string::npos, !chosen_here);
}

}  // namespace
