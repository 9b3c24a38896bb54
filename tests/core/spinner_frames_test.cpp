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

}  // namespace
