// wrap_text: prose broken into lines that fit a terminal's width, for help pages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concur {

/// `text` as lines at most `width` columns wide (display_width's count), each ending in '\n'.
/// Every '\n' in `text` starts a new line; a line too wide breaks at its last space that fits
/// (a word wider than the room is left whole on its own line). The first line starts with
/// `first_prefix`, every later one with `indent` spaces, so that a table's second column or
/// an option's description lines up: wrap_text("a b c", 7, "  1  ", 5) is "  1  a\n     b\n..."
/// when "a b" does not fit. Empty text gives the prefix alone on a line.
[[nodiscard]] std::string wrap_text(std::string_view text, std::size_t width, std::string_view first_prefix,
                                    std::size_t indent);

}  // namespace concur
