// Tests for quote_value, refuse_value and one_line: a bad value never breaks the one-line message.
#include "concur/core/message_text.hpp"

#include <gtest/gtest.h>

namespace {

using concur::one_line;
using concur::quote_value;
using concur::refuse_value;

TEST(message_text_test, quotes_plain_text_as_it_is) { EXPECT_EQ(quote_value("0x11"), "'0x11'"); }

TEST(message_text_test, escapes_control_bytes_and_bytes_that_are_not_utf8) {
    EXPECT_EQ(quote_value(std::string_view{"1\n2\0\x1b[2J\xff", 9}), "'1\\x0a2\\x00\\x1b[2J\\xff'");
    EXPECT_EQ(quote_value("\x7f"), "'\\x7f'");                  // DEL
    EXPECT_EQ(quote_value("a\xc2\x9b" "2J"), "'a\\xc2\\x9b2J'");  // U+009B, CSI in UTF-8: C1
    EXPECT_EQ(quote_value("a\x9b" "2J"), "'a\\x9b2J'");          // a lone 0x9b: CSI to a non-UTF-8 terminal
    EXPECT_EQ(quote_value("\xc0\xb7"), "'\\xc0\\xb7'");          // an overlong '7'
    EXPECT_EQ(quote_value("\xd9"), "'\\xd9'");                  // a sequence cut short
}

TEST(message_text_test, shows_printable_utf8_as_it_is) {
    EXPECT_EQ(quote_value("\u0663"), "'\u0663'");      // ARABIC-INDIC DIGIT THREE
    EXPECT_EQ(quote_value("\uff17"), "'\uff17'");      // FULLWIDTH DIGIT SEVEN
    EXPECT_EQ(quote_value("caf\u00e9 e\u0301"), "'caf\u00e9 e\u0301'");  // a combining accent stays on its e
    EXPECT_EQ(quote_value("\u4e03\U0001F600"), "'\u4e03\U0001F600'");
    EXPECT_EQ(refuse_value("\u0663", "a number", "digits"), "'\u0663' is not a number; allowed: digits");
}

TEST(message_text_test, escapes_invisible_format_characters_that_would_hide_in_the_value) {
    EXPECT_EQ(quote_value("\ufeff" "7"), "'\\xef\\xbb\\xbf7'");         // a byte-order mark
    EXPECT_EQ(quote_value("1\u200b" "2"), "'1\\xe2\\x80\\x8b2'");      // ZERO WIDTH SPACE
    EXPECT_EQ(quote_value("\u202e" "21"), "'\\xe2\\x80\\xae21'");      // RIGHT-TO-LEFT OVERRIDE
    EXPECT_EQ(quote_value("\u00ad"), "'\u00ad'");  // a soft hyphen is drawn: shown as it is
}

TEST(message_text_test, never_cuts_inside_a_character) {
    // 39 bytes, then a 2-byte character across the 40-byte limit: it is left out whole.
    const std::string value = std::string(39, 'x') + "\u00e9" + "yy";
    EXPECT_EQ(quote_value(value), "'" + std::string(39, 'x') + "... (43 bytes)'");
    const std::string fits = std::string(38, 'x') + "\u00e9" + "y";  // the character ends at byte 40
    EXPECT_EQ(quote_value(fits), "'" + std::string(38, 'x') + "\u00e9... (41 bytes)'");
}

TEST(message_text_test, shortens_a_huge_value_and_gives_its_length) {
    EXPECT_EQ(quote_value(std::string(1000, '7')), "'" + std::string(40, '7') + "... (1000 bytes)'");
    EXPECT_EQ(quote_value("77", 5000), "'77... (5000 bytes)'");
}

TEST(message_text_test, a_refusal_names_the_value_what_it_is_not_and_what_is_allowed) {
    EXPECT_EQ(refuse_value("fiber", "a model", "thread, process, coroutine"),
              "'fiber' is not a model; allowed: thread, process, coroutine");
    EXPECT_EQ(refuse_value("a\tb", "a spinner message", "text"), "'a\\x09b' is not a spinner message; allowed: text");
    EXPECT_EQ(refuse_value("77", "a count", "1 to 9", 5000), "'77... (5000 bytes)' is not a count; allowed: 1 to 9");
}

TEST(message_text_test, says_at_least_when_only_the_start_was_read) {
    EXPECT_EQ(quote_value(std::string(40, '7'), 41, concur::value_length::at_least),
              "'" + std::string(40, '7') + "... (at least 41 bytes)'");
    EXPECT_EQ(quote_value("7", 1, concur::value_length::at_least), "'7'");  // shown whole: no length
}

TEST(message_text_test, one_line_escapes_newlines_and_bounds_the_length) {
    EXPECT_EQ(one_line("--numbers: a\nb not in {seed,book}"), "--numbers: a\\x0ab not in {seed,book}");
    EXPECT_EQ(one_line("caf\xc3\xa9 \u0663"), "caf\xc3\xa9 \u0663");
    EXPECT_EQ(one_line("a\xc2\x9b" "b \xff"), "a\\xc2\\x9bb \\xff");
    const std::string line = one_line(std::string(100000, 'x'));
    EXPECT_LT(line.size(), 600U);
    EXPECT_NE(line.find("(100000 bytes)"), std::string::npos);
}

}  // namespace
