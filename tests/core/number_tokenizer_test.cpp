// Tests for number_tokenizer: numbers split across chunks, bad tokens, constant memory.
#include "concur/core/number_tokenizer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using concur::number_tokenizer;

TEST(number_tokenizer_test, splits_on_any_whitespace) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed("1 2\t3\n4\r\n\n  5", out));
    EXPECT_FALSE(tokenizer.finish(out));
    EXPECT_EQ(out, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
}

TEST(number_tokenizer_test, joins_a_number_split_across_chunks) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed("14270211", out));
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(tokenizer.feed("0479723\n9", out));
    EXPECT_FALSE(tokenizer.finish(out));
    EXPECT_EQ(out, (std::vector<std::uint64_t>{142702110479723, 9}));
}

TEST(number_tokenizer_test, empty_input_has_no_numbers) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed("\n\n \n", out));
    EXPECT_FALSE(tokenizer.finish(out));
    EXPECT_TRUE(out.empty());
}

TEST(number_tokenizer_test, bad_token_names_its_line_and_value) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    const auto bad = tokenizer.feed("1\n2\n  -5 6\n", out);
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(bad->message,
              "standard input line 3: '-5' is not a number concur can check; allowed: decimal digits only, from 0 "
              "to 18446744073709551615");
    EXPECT_EQ(out, (std::vector<std::uint64_t>{1, 2}));
}

TEST(number_tokenizer_test, nul_byte_makes_a_token_bad) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    const auto bad = tokenizer.feed(std::string_view{"12\0" "3\n", 5}, out);
    ASSERT_TRUE(bad.has_value());
    EXPECT_NE(bad->message.find("'12\\x003'"), std::string::npos) << bad->message;
}

TEST(number_tokenizer_test, a_bad_token_is_shown_whole_when_short) {
    // Bad from its first byte, but read to its end: the message shows "-5", not "-".
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed("-", out));
    const auto bad = tokenizer.feed("5\n", out);
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(bad->message, "standard input line 1: '-5' is not a number concur can check; allowed: decimal digits only, from 0 to 18446744073709551615");
}

TEST(number_tokenizer_test, an_endless_bad_token_is_reported_at_its_41st_byte) {
    // `concur primes - < /dev/zero`: one token that never ends. It was read forever.
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed(std::string(40, '\0'), out));  // what the message shows
    const auto bad = tokenizer.feed(std::string(1'000'000, '\0'), out);
    ASSERT_TRUE(bad.has_value());
    std::string shown;
    for (int i = 0; i < 40; ++i) shown += "\\x00";
    EXPECT_EQ(bad->message, "standard input line 1: '" + shown +
                                "... (at least 41 bytes)' is not a number concur can check; allowed: decimal digits only, from 0 to 18446744073709551615");
}

TEST(number_tokenizer_test, an_endless_run_of_digits_is_reported_once_past_64_bits) {
    // 20 nines are already too big; the 41st byte is where the message stops showing it.
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed(std::string(40, '9'), out));
    const auto bad = tokenizer.feed(std::string(1'000'000, '9'), out);
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(bad->message, "standard input line 1: '" + std::string(40, '9') +
                                "... (at least 41 bytes)' is not a number concur can check; allowed: decimal digits only, from 0 to 18446744073709551615");
}

TEST(number_tokenizer_test, a_token_is_bad_at_the_digit_that_passes_64_bits) {
    // Leading zeros keep a token good however long it is; the digit after the 20th
    // significant one, or a 20th that passes 2^64 - 1, makes it bad on the spot.
    const std::string zeros(100, '0');
    for (const std::string& digits : {std::string{"184467440737095516150"}, std::string{"18446744073709551616"}}) {
        number_tokenizer tokenizer;
        std::vector<std::uint64_t> out;
        const auto bad = tokenizer.feed(zeros + digits + std::string(1000, '7'), out);
        ASSERT_TRUE(bad.has_value());
        EXPECT_NE(bad->message.find(fmt::format("(at least {} bytes)", zeros.size() + digits.size())),
                  std::string::npos)
            << bad->message;
    }
}

TEST(number_tokenizer_test, overflow_is_bad) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    EXPECT_FALSE(tokenizer.feed("18446744073709551615 ", out));
    EXPECT_TRUE(tokenizer.feed("18446744073709551616 ", out).has_value());
    EXPECT_EQ(out, (std::vector<std::uint64_t>{UINT64_MAX}));
}

TEST(number_tokenizer_test, leading_zeros_of_any_length_read_as_they_do_in_an_argument) {
    // Found by fuzz/number_tokenizer_fuzzer: a token longer than the bytes kept for the message
    // was called bad, though parse_decimal_u64 (arguments) reads "000...0007" as 7.
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    const std::string zeros(1000, '0');
    EXPECT_FALSE(tokenizer.feed(zeros.substr(0, 700), out));
    EXPECT_FALSE(tokenizer.feed(zeros.substr(700) + "18446744073709551615 " + zeros + " " + zeros + "7", out));
    EXPECT_FALSE(tokenizer.finish(out));
    EXPECT_EQ(out, (std::vector<std::uint64_t>{UINT64_MAX, 0, 7}));
    EXPECT_TRUE(tokenizer.feed(zeros + "18446744073709551616 ", out).has_value());
}

/// Whatever the tokenizer says of `text` fed in chunks that end at `cuts`: the numbers, then
/// the first bad token's message, if any.
std::string tokenize(std::string_view text, const std::vector<std::size_t>& cuts) {
    number_tokenizer tokenizer;
    std::vector<std::uint64_t> out;
    std::optional<concur::bad_token> bad;
    std::size_t from = 0;
    for (const std::size_t cut : cuts) {
        if (!bad) bad = tokenizer.feed(text.substr(from, cut - from), out);
        from = cut;
    }
    if (!bad) bad = tokenizer.feed(text.substr(from), out);
    if (!bad) bad = tokenizer.finish(out);
    return fmt::format("{} | {}", fmt::join(out, " "), bad ? bad->message : "");
}

TEST(number_tokenizer_test, reads_whole_chunks_as_it_reads_byte_by_byte) {
    // Short numbers whole inside a chunk are read at once; anything else byte by byte. The
    // two must agree on every input: numbers, bad tokens and their lines.
    std::mt19937_64 random{17};
    const std::vector<std::string> tokens{"0", "7", "42", "1234567", "9999999999999999999", "10000000000000000000",
                                          "18446744073709551615", "18446744073709551616", "0000000000000000000000042",
                                          "-5", "1x", "+3", std::string{"4\0", 2}, "99999999999999999999999"};
    const std::vector<std::string> spaces{" ", "\n", "\t", "\r\n", "\v", "\f", "  \n\n "};
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const int count = static_cast<int>(random() % 30);
        for (int i = 0; i < count; ++i) {
            // Mostly good numbers, now and then something else, so that most inputs have a bad token late.
            const std::size_t pick = random() % 8 < 7 ? random() % 9 : random() % tokens.size();
            text += tokens[pick] + spaces[random() % spaces.size()];
        }
        if (random() % 2 == 0 && !text.empty()) text.pop_back();  // ends inside a token, or not
        std::vector<std::size_t> cuts;
        for (std::size_t at = 0; at < text.size(); at += 1 + random() % 12) cuts.push_back(at);
        std::vector<std::size_t> every_byte(text.size());
        for (std::size_t at = 0; at < text.size(); ++at) every_byte[at] = at;
        ASSERT_EQ(tokenize(text, cuts), tokenize(text, every_byte)) << text;
        ASSERT_EQ(tokenize(text, {}), tokenize(text, every_byte)) << text;
    }
}

}  // namespace
