// The spinner's frames: what spin() writes to the terminal, as pure functions of the tick.
#include "concur/core/spinner_frames.hpp"

namespace concur {

std::string spinner_frame(std::uint64_t tick, std::string_view message) {
    std::string frame = "\r";
    frame += spinner_characters[tick % spinner_characters.size()];
    frame += ' ';
    frame += message;
    return frame;
}

std::string spinner_blank(std::string_view message) {
    // A frame is its character, a space and the message; blanks that wide erase it.
    return "\r" + std::string(message.size() + 2, ' ') + "\r";
}

std::string_view fit_message(std::string_view message, unsigned columns) {
    // The frame is the spinner character, a space and the message; one column stays free.
    const std::size_t room = columns > 3 ? columns - 3 : 0;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const bool continuation = (static_cast<unsigned char>(message[i]) & 0xC0) == 0x80;
        if (!continuation && characters++ == room) return message.substr(0, i);
    }
    return message;
}

std::string spinner_animation(std::uint64_t frames, std::string_view message) {
    std::string animation;
    for (std::uint64_t tick = 0; tick < frames; ++tick) animation += spinner_frame(tick, message);
    return animation + spinner_blank(message);
}

}  // namespace concur
