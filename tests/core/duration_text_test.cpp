// Tests for duration_text: each time in the unit that fits it, as hyperfine writes it.
#include "concur/core/duration_text.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(duration_text_test, each_value_gets_the_unit_that_fits_it) {
    EXPECT_EQ(duration_text(1.2034), "1.203 s");
    EXPECT_EQ(duration_text(0.7521), "752.1 ms");
    EXPECT_EQ(duration_text(0.0000384), "38.4 µs");
    EXPECT_EQ(duration_text(4.12e-7), "412 ns");
    EXPECT_EQ(duration_text(123.456), "123.46 s");
    EXPECT_EQ(duration_text(1234.56), "1234.6 s");
}

TEST(duration_text_test, fast_runs_never_read_as_zero) {
    // What bench printed as 0.000s for the fast methods.
    for (const double seconds : {0.0004, 0.00004, 0.000004}) {
        const std::string text = duration_text(seconds);
        EXPECT_NE(text.substr(0, 2), "0.") << text;
        EXPECT_NE(text.find_first_of("123456789"), std::string::npos) << text;
    }
}

TEST(duration_text_test, a_value_that_rounds_up_to_1000_takes_the_larger_unit) {
    EXPECT_EQ(duration_text(0.99996), "1.000 s");     // not "1000.0 ms"
    EXPECT_EQ(duration_text(0.99994), "999.9 ms");
    EXPECT_EQ(duration_text(0.00099996), "1.0 ms");  // not "1000.0 µs"
    EXPECT_EQ(unit_for(0), time_unit::nanosecond);
}

TEST(duration_text_test, a_row_writes_min_and_max_in_the_medians_unit) {
    const time_unit unit = unit_for(0.75);
    EXPECT_EQ(duration_text(1.25, unit), "1250.0 ms");
    EXPECT_EQ(duration_number(0.0125, unit), "12.5");
    EXPECT_EQ(unit_symbol(unit), "ms");
    EXPECT_EQ(unit_symbol(time_unit::microsecond), "µs");
}

}  // namespace
