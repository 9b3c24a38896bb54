// Tests for wrap_text: help prose that fits the width, with its indentation kept.
#include "concur/core/text_wrap.hpp"

#include <gtest/gtest.h>

namespace {

using concur::wrap_text;

TEST(text_wrap_test, a_short_line_stays_whole_after_its_prefix) {
    EXPECT_EQ(wrap_text("Print the version", 80, "      ", 6), "      Print the version\n");
}

TEST(text_wrap_test, breaks_at_the_last_space_that_fits_and_indents_the_rest) {
    EXPECT_EQ(wrap_text("one two three four", 13, "  1  ", 5), "  1  one two\n     three\n     four\n");
    EXPECT_EQ(wrap_text("one two", 7, "", 0), "one two\n");  // exactly the width fits
    EXPECT_EQ(wrap_text("one two", 6, "", 0), "one\ntwo\n");
}

TEST(text_wrap_test, every_newline_starts_a_line_with_the_indent) {
    EXPECT_EQ(wrap_text("a = first\nb = second", 80, "    ", 4), "    a = first\n    b = second\n");
}

TEST(text_wrap_test, a_word_wider_than_the_room_stands_alone_uncut) {
    EXPECT_EQ(wrap_text("x 18446744073709551615 y", 10, "", 0), "x\n18446744073709551615\ny\n");
}

TEST(text_wrap_test, counts_columns_not_bytes) {
    // Three 2-byte characters are 3 columns: "ééé ééé" is 7 columns wide, 13 bytes.
    EXPECT_EQ(wrap_text("\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9", 7, "", 0), "\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\n");
    // A CJK character takes 2 columns: two of them and a space do not fit in 4.
    EXPECT_EQ(wrap_text("\u4e03 \u4e03", 4, "", 0), "\u4e03\n\u4e03\n");
}

TEST(text_wrap_test, no_line_is_wider_than_the_width_when_every_word_fits) {
    const std::string text = "Check numbers for primality in a pool of worker processes fed through pipes, or "
                             "with another execution model; each result is printed as it arrives.";
    for (std::size_t width = 20; width <= 80; ++width) {
        const std::string wrapped = wrap_text(text, width, "      ", 6);
        std::size_t start = 0;
        while (start < wrapped.size()) {
            const std::size_t end = wrapped.find('\n', start);
            EXPECT_LE(end - start, width) << wrapped;
            start = end + 1;
        }
    }
}

}  // namespace
