// Tests for parse_worker_counts: ranges, lists, and the errors that name the bad text.
#include "concur/core/worker_counts.hpp"

#include "concur/core/usage_error.hpp"

#include <gtest/gtest.h>

namespace {

using concur::parse_worker_counts;

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

}  // namespace
