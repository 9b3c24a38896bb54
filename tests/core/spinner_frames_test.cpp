// Tests for the spinner's frames: what spin() writes, as pure functions of the tick.
#include "concur/core/spinner_frames.hpp"


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

}  // namespace
