// Tests for display width: terminal columns of UTF-8 text, and where to cut it to fit.
#include "concur/core/display_width.hpp"

#include <gnu/libc-version.h>
#include <gtest/gtest.h>

#include <clocale>
#include <cwchar>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace concur;

// The characters, spelled in bytes so the test reads the same in any editor or locale.
constexpr std::string_view e_acute_combining = "e\xcc\x81";  // e + U+0301 COMBINING ACUTE ACCENT
constexpr std::string_view nihongo = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";  // 日本語
constexpr std::string_view grinning_face = "\xf0\x9f\x98\x80";              // U+1F600
constexpr std::string_view heart = "\xe2\x9d\xa4";                          // U+2764, text style
constexpr std::string_view emoji_selector = "\xef\xb8\x8f";                 // U+FE0F
constexpr std::string_view joiner = "\xe2\x80\x8d";                         // U+200D
constexpr std::string_view man = "\xf0\x9f\x91\xa8";                        // U+1F468
constexpr std::string_view woman = "\xf0\x9f\x91\xa9";                      // U+1F469

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string text;
    for (const auto part : parts) text += part;
    return text;
}

TEST(display_width_test, ascii_is_one_column_a_byte) {
    EXPECT_EQ(display_width(""), 0U);
    EXPECT_EQ(display_width("thinking!"), 9U);
    EXPECT_EQ(display_width(std::string(200, 'x')), 200U);
}

TEST(display_width_test, latin_accents_take_one_column_composed_or_combining) {
    EXPECT_EQ(display_width("d\xc3\xa9j\xc3\xa0 vu"), 7U);  // déjà vu, precomposed: 10 bytes
    EXPECT_EQ(display_width(e_acute_combining), 1U);
    EXPECT_EQ(display_width(cat({"Am", e_acute_combining, "lie"})), 6U);
    EXPECT_EQ(display_width("a\xcc\x81\xcc\x88\xcc\xa3"), 1U);  // three marks on one base
    EXPECT_EQ(display_width("\xcc\x81"), 0U);                   // a mark with no base
}

TEST(display_width_test, cjk_and_fullwidth_take_two_columns) {
    EXPECT_EQ(display_width(nihongo), 6U);
    EXPECT_EQ(display_width("\xed\x95\x9c\xea\xb5\xad"), 4U);  // 한국, Hangul syllables
    EXPECT_EQ(display_width("\xef\xbc\xa1\xef\xbc\xa2"), 4U);  // ＡＢ, fullwidth forms
    EXPECT_EQ(display_width("\xef\xbd\xb1"), 1U);              // ｱ, halfwidth katakana
    // A syllable spelled as conjoining jamo: the vowel and final consonant join the initial.
    EXPECT_EQ(display_width("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"), 2U);  // U+1100 U+1161 U+11A8
}

TEST(display_width_test, emoji_take_two_columns) {
    EXPECT_EQ(display_width(grinning_face), 2U);
    EXPECT_EQ(display_width("\xe2\x8c\x9a"), 2U);  // U+231A WATCH, emoji by default
    EXPECT_EQ(display_width(heart), 1U);           // text style by default...
    EXPECT_EQ(display_width(cat({heart, emoji_selector})), 2U);  // ...emoji with U+FE0F
    // Joined emoji: one picture of 2 columns on some terminals, three of 2 on others.
    EXPECT_EQ(display_width(cat({man, joiner, woman, joiner, man})), 6U);
}

TEST(display_width_test, format_characters_take_none_and_the_soft_hyphen_one) {
    EXPECT_EQ(display_width("a\xe2\x80\x8b" "b"), 2U);  // U+200B ZERO WIDTH SPACE
    EXPECT_EQ(display_width("\xef\xbb\xbf" "a"), 1U);   // U+FEFF, a byte order mark
    EXPECT_EQ(display_width("a\xc2\xad" "b"), 3U);      // U+00AD SOFT HYPHEN, drawn as '-'
}

TEST(display_width_test, code_point_widths_at_the_edges_of_the_tables) {
    EXPECT_EQ(code_point_width(U'a'), 1U);
    EXPECT_EQ(code_point_width(0x00B1), 1U);  // ±, ambiguous: 1 outside CJK locales
    EXPECT_EQ(code_point_width(0x0416), 1U);  // Ж, ambiguous too
    EXPECT_EQ(code_point_width(0x02FF), 1U);
    EXPECT_EQ(code_point_width(0x0300), 0U);
    EXPECT_EQ(code_point_width(0x036F), 0U);
    EXPECT_EQ(code_point_width(0x0370), 1U);
    EXPECT_EQ(code_point_width(0x10FF), 1U);
    EXPECT_EQ(code_point_width(0x1100), 2U);
    EXPECT_EQ(code_point_width(0x115F), 2U);
    EXPECT_EQ(code_point_width(0x1160), 0U);
    EXPECT_EQ(code_point_width(0x11FF), 0U);
    EXPECT_EQ(code_point_width(0x1200), 1U);
    EXPECT_EQ(code_point_width(0x3029), 2U);
    EXPECT_EQ(code_point_width(0x302A), 0U);  // a combining tone mark among wide characters
    EXPECT_EQ(code_point_width(0x302E), 2U);
    EXPECT_EQ(code_point_width(0x303F), 1U);  // IDEOGRAPHIC HALF FILL SPACE
    EXPECT_EQ(code_point_width(0x3248), 2U);  // ambiguous, yet 2 in glibc: the wider wins
    EXPECT_EQ(code_point_width(0x4DC0), 2U);  // a Yijing hexagram: neutral, 2 in glibc
    EXPECT_EQ(code_point_width(0x4E00), 2U);
    EXPECT_EQ(code_point_width(0x9FFF), 2U);
    EXPECT_EQ(code_point_width(0xD7A3), 2U);
    EXPECT_EQ(code_point_width(0xD7A4), 1U);
    EXPECT_EQ(code_point_width(0xFF60), 2U);
    EXPECT_EQ(code_point_width(0xFF61), 1U);
    EXPECT_EQ(code_point_width(0x1F600), 2U);
    EXPECT_EQ(code_point_width(0x1F321), 1U);  // 🌡, text style by default
    EXPECT_EQ(code_point_width(0x1FAE8), 2U);  // 🫨, Unicode 15.0: after the tables, still wide
    EXPECT_EQ(code_point_width(0x20000), 2U);
    EXPECT_EQ(code_point_width(0x3FFFD), 2U);
    EXPECT_EQ(code_point_width(0x3FFFE), 1U);
    EXPECT_EQ(code_point_width(0xE0001), 0U);
    EXPECT_EQ(code_point_width(0xE01EF), 0U);
    EXPECT_EQ(code_point_width(0x10FFFF), 1U);
    EXPECT_EQ(code_point_width(0x110000), 1U);
}

TEST(display_width_test, every_width_glibc_gives_is_the_same) {
    // An oracle of its own: glibc 2.36 (Debian 12) has Unicode 14.0 too. It gives -1 where we
    // must still choose (controls, unassigned code points); everywhere else we agree.
    if (std::string_view{gnu_get_libc_version()} != "2.36") GTEST_SKIP() << "glibc is not 2.36";
    const std::string saved = std::setlocale(LC_CTYPE, nullptr);
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
    std::size_t compared = 0;
    std::vector<std::uint32_t> different;
    for (char32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
        if (code_point >= 0xD800 && code_point <= 0xDFFF) continue;  // surrogates: not characters
        const int width = ::wcwidth(static_cast<wchar_t>(code_point));
        if (width < 0) continue;
        ++compared;
        if (code_point_width(code_point) != static_cast<unsigned>(width)) different.push_back(code_point);
    }
    std::setlocale(LC_CTYPE, saved.c_str());
    EXPECT_EQ(different, std::vector<std::uint32_t>{});
    EXPECT_GT(compared, 144'000U);  // Unicode 14.0 assigns 144,697 characters
}

TEST(display_width_test, control_characters_take_no_column) {
    EXPECT_EQ(code_point_width(0x00), 0U);
    EXPECT_EQ(code_point_width(0x1B), 0U);
    EXPECT_EQ(code_point_width(0x7F), 0U);
    EXPECT_EQ(code_point_width(0x85), 0U);
    EXPECT_EQ(code_point_width(0x9F), 0U);
    EXPECT_EQ(code_point_width(0xA0), 1U);
    EXPECT_EQ(display_width("a\tb"), 2U);
}

TEST(display_width_test, an_invalid_byte_takes_one_column) {
    EXPECT_EQ(display_width("\xff"), 1U);
    EXPECT_EQ(display_width("a\xff" "b"), 3U);
    EXPECT_EQ(display_width("caf\xe9"), 4U);           // Latin-1, not UTF-8
    EXPECT_EQ(display_width("\xc0\xaf"), 2U);          // '/' overlong
    EXPECT_EQ(display_width("\xe0\x80\xaf"), 3U);      // '/' overlong, three bytes
    EXPECT_EQ(display_width("\xed\xa0\x80"), 3U);      // U+D800, a surrogate
    EXPECT_EQ(display_width("\xf4\x90\x80\x80"), 4U);  // U+110000, beyond Unicode
    EXPECT_EQ(display_width("\x80\xbf"), 2U);          // continuation bytes with no lead
    EXPECT_EQ(display_width("\xe6\x97" "a"), 3U);      // a lead, a continuation, then no more
    // A combining mark after an invalid byte sits on the U+FFFD the terminal draws for it.
    EXPECT_EQ(display_width("\xff\xcc\x81"), 1U);
}

TEST(display_width_test, a_sequence_truncated_at_the_end_takes_a_column_a_byte) {
    EXPECT_EQ(display_width("\xc3"), 1U);
    EXPECT_EQ(display_width("\xe6\x97"), 2U);                      // 日 without its last byte
    EXPECT_EQ(display_width(cat({"ab", "\xf0\x9f\x98"})), 5U);      // 😀 without its last byte
    EXPECT_EQ(display_width(nihongo.substr(0, nihongo.size() - 1)), 6U);  // 日本, then 2 bytes
}

TEST(display_width_test, nothing_past_the_end_of_the_view_is_read) {
    // The byte after the view would complete the sequence: it must not be looked at.
    const std::string whole{grinning_face};
    for (std::size_t size = 1; size < whole.size(); ++size) {
        const std::string_view part{whole.data(), size};
        EXPECT_EQ(display_width(part), size);
        EXPECT_EQ(cut_to_width(part, 10).size(), first_control(part));
    }
}

TEST(display_width_test, first_control_finds_c0_del_and_c1_in_either_reading) {
    EXPECT_EQ(first_control("thinking!"), 9U);
    EXPECT_EQ(first_control(""), 0U);
    EXPECT_EQ(first_control("ab\tcd"), 2U);
    EXPECT_EQ(first_control("\x1b[31m"), 0U);
    EXPECT_EQ(first_control("a\x7f"), 1U);
    EXPECT_EQ(first_control("a\xc2\x85"), 1U);    // U+0085 NEXT LINE, in UTF-8
    EXPECT_EQ(first_control("a\x9b" "31m"), 1U);  // a lone 0x9b: CSI on an 8-bit terminal
    // 0x80..0x9f inside a valid sequence is just a continuation byte.
    EXPECT_EQ(first_control(nihongo), nihongo.size());  // 0x97, 0x9c, 0x9e
    EXPECT_EQ(first_control("\xc2\xa0"), 2U);           // U+00A0 NO-BREAK SPACE is not one
    EXPECT_EQ(first_control("\xe6\x97"), 1U);           // 0x97 alone, once the 日 is cut short
}

TEST(display_width_test, a_cut_keeps_what_fits_and_drops_a_straddling_wide_character) {
    EXPECT_EQ(cut_to_width("thinking!", 4), "thin");
    EXPECT_EQ(cut_to_width("thinking!", 100), "thinking!");
    EXPECT_EQ(cut_to_width(nihongo, 6), nihongo);
    EXPECT_EQ(cut_to_width(nihongo, 5), nihongo.substr(0, 6));  // 語 would straddle: dropped
    EXPECT_EQ(cut_to_width(nihongo, 4), nihongo.substr(0, 6));
    EXPECT_EQ(cut_to_width(nihongo, 1), "");
    EXPECT_EQ(cut_to_width(cat({"ok ", grinning_face}), 4), "ok ");
    EXPECT_EQ(cut_to_width("", 3), "");
}

TEST(display_width_test, a_cut_keeps_combining_marks_with_their_base) {
    const std::string two = cat({e_acute_combining, e_acute_combining});
    EXPECT_EQ(cut_to_width(two, 1), e_acute_combining);
    EXPECT_EQ(cut_to_width(two, 0), "");
    EXPECT_EQ(cut_to_width(cat({heart, emoji_selector, "x"}), 2), cat({heart, emoji_selector}));
    EXPECT_EQ(cut_to_width(cat({heart, emoji_selector}), 1), "");  // 2 columns as an emoji
    // Joined emoji are one character: never cut after a joiner.
    const std::string family = cat({man, joiner, woman});
    EXPECT_EQ(cut_to_width(family, 4), family);
    EXPECT_EQ(cut_to_width(family, 3), "");
}

TEST(display_width_test, a_cut_ends_before_the_first_control_character) {
    EXPECT_EQ(cut_to_width("ab\tcd", 10), "ab");
    EXPECT_EQ(cut_to_width("\x1b[2Jboom", 10), "");
    EXPECT_EQ(cut_to_width("a\xcc\x81\n", 10), "a\xcc\x81");
    EXPECT_EQ(cut_to_width("ok\x9b" "2J", 10), "ok");
}

TEST(display_width_test, an_invalid_byte_is_kept_or_dropped_whole) {
    EXPECT_EQ(cut_to_width("a\xff" "b", 2), "a\xff");
    EXPECT_EQ(cut_to_width("caf\xe9", 3), "caf");
    EXPECT_EQ(cut_to_width("\xf0\x9f\x98", 5), "\xf0");  // then a lone 0x9f: a C1 control
}

TEST(display_width_test, every_cut_fits_is_a_start_of_the_text_and_is_the_longest) {
    // Mixed: ASCII, an accent, wide characters, a combining mark, an emoji, an invalid byte.
    const std::string text =
        cat({"a", e_acute_combining, nihongo, "z\xcc\x88", grinning_face, "\xff", nihongo, "end"});
    for (std::size_t columns = 0; columns <= display_width(text) + 1; ++columns) {
        const std::string_view cut = cut_to_width(text, columns);
        ASSERT_EQ(text.substr(0, cut.size()), cut);
        EXPECT_LE(display_width(cut), columns);
        if (cut.size() < text.size()) {
            // Longest: the next character, with its marks, would not fit.
            const std::string_view longer = cut_to_width(text, columns + 2);
            EXPECT_GT(display_width(longer), columns) << columns;
        }
        // The rest of the text starts with a base, never with a mark or continuation byte.
        if (cut.size() < text.size()) {
            const auto next = static_cast<unsigned char>(text[cut.size()]);
            EXPECT_NE(next & 0xC0, 0x80) << columns;
            EXPECT_NE(next, 0xCC) << columns;  // the lead byte of U+0301 and U+0308
        }
    }
}

}  // namespace
