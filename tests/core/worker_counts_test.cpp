// Tests for parse_worker_counts: ranges, lists, and the errors that name the bad text.
#include "concur/core/worker_counts.hpp"

#include "concur/core/usage_error.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(worker_counts_test, ranges_lists_and_single_counts) {
    EXPECT_EQ(parse_worker_counts("1..4"), (std::vector<unsigned>{1, 2, 3, 4}));
    EXPECT_EQ(parse_worker_counts("4,1,2,2"), (std::vector<unsigned>{1, 2, 4}));
    EXPECT_EQ(parse_worker_counts("3"), (std::vector<unsigned>{3}));
    EXPECT_EQ(parse_worker_counts("2..2"), (std::vector<unsigned>{2}));
}

TEST(worker_counts_test, bad_text_is_a_usage_error_naming_it) {
    for (const char* bad : {"8..1", "0", "0..2", "1,,2", "x", "", "1..", "2,513", "-1"}) {
        try {
            (void)parse_worker_counts(bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const concur::usage_error& error) {
            EXPECT_NE(std::string{error.what()}.find(std::string{"'"} + bad + "'"), std::string::npos) << error.what();
        }
    }
}

TEST(worker_counts_test, the_message_names_the_bad_part_and_what_is_allowed) {
    const auto message = [](const char* text) {
        try {
            (void)parse_worker_counts(text);
        } catch (const concur::usage_error& error) {
            return std::string{error.what()};
        }
        return std::string{"accepted"};
    };
    const std::string allowed = "; allowed: a range like 1..8 or a list like 1,2,4 of whole numbers from 1 to 512";
    EXPECT_EQ(message("0"), "'0' is not a set of worker counts" + allowed);
    EXPECT_EQ(message("1,0"), "'1,0' is not a set of worker counts ('0' is not a whole number from 1 to 512)" + allowed);
    EXPECT_EQ(message("1,x"), "'1,x' is not a set of worker counts ('x' is not a whole number from 1 to 512)" + allowed);
    EXPECT_EQ(message("8..1"),
              "'8..1' is not a set of worker counts (an empty range: its first count is larger than its last)" + allowed);
    EXPECT_EQ(message("1\n2"), "'1\\x0a2' is not a set of worker counts" + allowed);
    EXPECT_EQ(concur::worker_counts_allowed(4), "a range like 1..4 or a list like 1,2,4 of whole numbers from 1 to 4");
}

TEST(worker_counts_test, the_default_sweep_goes_past_the_cpus) {
    EXPECT_EQ(default_worker_sweep(1), (std::vector<unsigned>{1, 2}));
    EXPECT_EQ(default_worker_sweep(2), (std::vector<unsigned>{1, 2, 3, 4}));
    EXPECT_EQ(default_worker_sweep(4), (std::vector<unsigned>{1, 2, 3, 4, 5, 6, 7, 8}));
    EXPECT_EQ(default_worker_sweep(8), (std::vector<unsigned>{1, 2, 4, 8, 12, 16}));
    EXPECT_EQ(default_worker_sweep(6), (std::vector<unsigned>{1, 2, 4, 6, 9, 12}));
    EXPECT_EQ(default_worker_sweep(300).back(), 450U);         // 600 is over the limit
    EXPECT_EQ(default_worker_sweep(600).back(), max_workers);  // only the powers of two up to 512 are left
    EXPECT_EQ(describe_worker_counts(default_worker_sweep(2)), "1..4");
    EXPECT_EQ(describe_worker_counts(default_worker_sweep(8)), "1,2,4,8,12,16");
}

}  // namespace
