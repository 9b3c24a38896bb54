// Tests for the spinner's frames: what spin() writes, as pure functions of the tick.
#include "concur/core/spinner_frames.hpp"

#include "concur/core/display_width.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(spinner_frames_test, frames_cycle_through_the_seeds_characters) {
    EXPECT_EQ(spinner_frame(0, "thinking!"), "\r\\ thinking!");
    EXPECT_EQ(spinner_frame(1, "thinking!"), "\r| thinking!");
    EXPECT_EQ(spinner_frame(2, "thinking!"), "\r/ thinking!");
    EXPECT_EQ(spinner_frame(3, "thinking!"), "\r- thinking!");
    EXPECT_EQ(spinner_frame(4, "thinking!"), "\r\\ thinking!");
    EXPECT_EQ(spinner_frame(4'000'000'001, "x"), "\r| x");
}

TEST(spinner_frames_test, the_blank_erases_a_whole_frame) {
    EXPECT_EQ(spinner_blank("thinking!"), "\r           \r");
    EXPECT_EQ(spinner_blank("thinking!").size(), spinner_frame(0, "thinking!").size() + 1);
}

TEST(spinner_frames_test, the_animation_is_the_frames_then_the_blank) {
    EXPECT_EQ(spinner_animation(5, "ok"), "\r\\ ok\r| ok\r/ ok\r- ok\r\\ ok\r    \r");
    EXPECT_EQ(spinner_animation(0, "ok"), "\r    \r");
}

TEST(spinner_frames_test, a_message_is_cut_so_the_frame_leaves_the_last_column_free) {
    EXPECT_EQ(fit_message("thinking!", 80), "thinking!");
    EXPECT_EQ(fit_message("thinking!", 12), "thinking!");  // "\\ thinking!" is 11 columns
    EXPECT_EQ(fit_message("thinking!", 11), "thinking");
    EXPECT_EQ(fit_message("thinking!", 4), "t");
    EXPECT_EQ(fit_message("thinking!", 3), "");
    EXPECT_EQ(fit_message("thinking!", 0), "");
    for (unsigned columns = 3; columns < 40; ++columns) {
        const std::string long_message(200, 'x');
        EXPECT_EQ(spinner_frame(7, fit_message(long_message, columns)).size() - 1, columns - 1);
    }
}

TEST(spinner_frames_test, a_message_is_cut_between_utf8_characters) {
    EXPECT_EQ(fit_message("d\xc3\xa9j\xc3\xa0 vu", 6), "d\xc3\xa9j");  // 3 characters, 5 bytes
    EXPECT_EQ(fit_message("\xe2\x9c\x93\xe2\x9c\x93", 4), "\xe2\x9c\x93");
}

TEST(spinner_frames_test, a_wide_character_that_would_straddle_the_limit_is_left_out) {
    const std::string_view nihongo = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";  // 日本語, 6 columns
    EXPECT_EQ(fit_message(nihongo, 10), nihongo);  // "| 日本語" is 8 columns
    EXPECT_EQ(fit_message(nihongo, 9), nihongo);
    EXPECT_EQ(fit_message(nihongo, 8), nihongo.substr(0, 6));  // 5 columns of room: 日本
    EXPECT_EQ(fit_message(nihongo, 7), nihongo.substr(0, 6));
    EXPECT_EQ(fit_message(nihongo, 5), nihongo.substr(0, 3));
    EXPECT_EQ(fit_message(nihongo, 4), "");  // 1 column of room: 日 does not fit
    const std::string_view grinning = "ok \xf0\x9f\x98\x80";  // "ok 😀", 5 columns
    EXPECT_EQ(fit_message(grinning, 8), grinning);
    EXPECT_EQ(fit_message(grinning, 7), "ok ");
}

TEST(spinner_frames_test, a_combining_accent_stays_with_its_letter) {
    // "e" + U+0301 twice: 2 columns, not 4; a cut keeps each accent with its e.
    const std::string_view accented = "e\xcc\x81" "e\xcc\x81";
    EXPECT_EQ(fit_message(accented, 5), accented);
    EXPECT_EQ(fit_message(accented, 4), "e\xcc\x81");
}

TEST(spinner_frames_test, the_blank_is_as_wide_as_the_frame_in_columns) {
    const std::string_view nihongo = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";  // 9 bytes, 6 columns
    EXPECT_EQ(spinner_blank(nihongo), "\r        \r");
    EXPECT_EQ(spinner_blank("d\xc3\xa9j\xc3\xa0"), "\r      \r");
}

TEST(spinner_frames_test, a_frame_of_wide_and_combining_text_leaves_the_last_column_free) {
    std::string message;
    for (int i = 0; i < 20; ++i) message += "a\xe6\x97\xa5" "e\xcc\x81\xf0\x9f\x98\x80";  // a日é😀
    for (unsigned columns = 3; columns < 60; ++columns) {
        const std::string_view shown = fit_message(message, columns);
        const std::size_t frame_columns = display_width(spinner_frame(7, shown));  // the \r: 0
        EXPECT_LE(frame_columns, columns - 1) << columns;
        EXPECT_GE(frame_columns + 1, columns - 1) << columns;  // short by one at most: a wide one
        EXPECT_EQ(spinner_blank(shown).size() - 2, frame_columns) << columns;
    }
}

TEST(spinner_frames_test, a_message_is_cut_before_a_control_character) {
    EXPECT_EQ(fit_message("tab\there", 80), "tab");
    EXPECT_EQ(fit_message("\x1b[2J", 80), "");
}

}  // namespace
