// The spinner's frames: what spin() writes to the terminal, as pure functions of the tick.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace concur {

/// The seed's frame rate: one frame every 100 ms.
inline constexpr std::chrono::milliseconds frame_interval{100};

/// The seed's characters, cycled: itertools.cycle(r'\|/-').
inline constexpr std::string_view spinner_characters = "\\|/-";

/// Frame number `tick` (0, 1, 2...): `\r{char} {message}`. The carriage return puts the
/// cursor back at the start of the line, so each frame overwrites the previous one.
[[nodiscard]] std::string spinner_frame(std::uint64_t tick, std::string_view message);

/// What erases the last frame: `\r`, blanks as wide as a frame (in columns), `\r`, as the seed
/// does. It leaves the cursor at the start of an empty line for the answer.
[[nodiscard]] std::string spinner_blank(std::string_view message);

/// The longest start of `message` whose frame fits a terminal `columns` wide without touching
/// its last column (a line that fills it makes some terminals wrap, and then every `\r` goes
/// back to the start of the wrong line and the frames pile up). Columns as display_width counts
/// them (a CJK character or an emoji takes 2, a combining accent 0): cut_to_width, so never
/// inside a character, and before the first control character, if any (the CLI refuses them).
[[nodiscard]] std::string_view fit_message(std::string_view message, unsigned columns);

/// Everything a spinner writes when it draws `frames` frames and then stops: the frames in
/// order, then the blanking. For tests and for reading: this is the whole animation.
[[nodiscard]] std::string spinner_animation(std::uint64_t frames, std::string_view message);

}  // namespace concur
