// Tests for quote_value, refuse_value and one_line: a bad value never breaks the one-line message.
#include "concur/core/message_text.hpp"

#include <gtest/gtest.h>

namespace {

using concur::one_line;
using concur::quote_value;
using concur::refuse_value;

TEST(message_text_test, quotes_plain_text_as_it_is) { EXPECT_EQ(quote_value("0x11"), "'0x11'"); }

TEST(message_text_test, escapes_control_and_non_ascii_bytes) {
    EXPECT_EQ(quote_value(std::string_view{"1\n2\0\x1b[2J\xff", 9}), "'1\\x0a2\\x00\\x1b[2J\\xff'");
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
    EXPECT_EQ(one_line("caf\xc3\xa9"), "caf\xc3\xa9");
    const std::string line = one_line(std::string(100000, 'x'));
    EXPECT_LT(line.size(), 600U);
    EXPECT_NE(line.find("(100000 bytes)"), std::string::npos);
}

}  // namespace
