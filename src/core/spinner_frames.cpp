// The spinner's frames: what spin() writes to the terminal, as pure functions of the tick.
#include "concur/core/spinner_frames.hpp"

#include "concur/core/display_width.hpp"

namespace concur {

std::string spinner_frame(std::uint64_t tick, std::string_view message) {
    std::string frame = "\r";
    frame += spinner_characters[tick % spinner_characters.size()];
    frame += ' ';
    frame += message;
    return frame;
}

std::string spinner_blank(std::string_view message) {
    // A frame is its character, a space and the message; blanks that wide erase it. Columns,
    // not bytes: "日本" is 6 bytes but 4 columns, and blanks past the frame could wrap the line.
    return "\r" + std::string(display_width(message) + 2, ' ') + "\r";
}

std::string_view fit_message(std::string_view message, unsigned columns) {
    // The frame is the spinner character, a space and the message; one column stays free.
    return cut_to_width(message, columns > 3 ? columns - 3 : 0);
}

std::string spinner_animation(std::uint64_t frames, std::string_view message) {
    std::string animation;
    for (std::uint64_t tick = 0; tick < frames; ++tick) animation += spinner_frame(tick, message);
    return animation + spinner_blank(message);
}

}  // namespace concur
