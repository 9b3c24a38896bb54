// Display width: how many terminal columns UTF-8 text takes, and where to cut it to fit.
#pragma once

#include <cstddef>
#include <string_view>

namespace concur {

// The text is read as UTF-8 whatever the process locale says: concur may run under LANG=C,
// where wcwidth() and mbrtowc() call every byte above 0x7f invalid, yet the terminal the
// spinner draws on is almost always UTF-8. So nothing here asks the C library.
//
// Where terminals disagree on a width, the wider count is taken: a message counted too wide
// is cut a column or two early, one counted too narrow makes the line wrap, and then every
// `\r` lands on a new row.

/// Columns one code point takes: 2 for East Asian Wide and Fullwidth characters (CJK, kana,
/// Hangul syllables, fullwidth forms, emoji shown as emoji); 0 for combining marks, format
/// characters (zero-width space and joiner, bidi marks, variation selectors), Hangul medial
/// vowels and final consonants, and control characters (see first_control); 1 for the rest,
/// ambiguous-width characters (Greek, Cyrillic, ±, °) included, as terminals draw them
/// outside CJK locales.
[[nodiscard]] unsigned code_point_width(char32_t code_point);

/// Columns `text` takes. A character is a base code point with the zero-width ones after it;
/// the base's width is its own, made 2 by a following U+FE0F (the emoji selector); the
/// characters joined by U+200D (an emoji sequence such as a family) each count. A byte that
/// does not start a valid UTF-8 sequence (truncated, overlong, a surrogate, above U+10FFFF)
/// counts one column on its own: a UTF-8 terminal shows it as U+FFFD (a lone 0x80..0x9F too,
/// though first_control calls it a control). Control code points count 0: they draw nothing,
/// and what they do to the cursor has no width (see first_control).
[[nodiscard]] std::size_t display_width(std::string_view text);

/// Where the first control character of `text` starts, or text.size() if it has none:
/// C0 (U+0000..U+001F), DEL, C1 (U+0080..U+009F), and also a byte 0x80..0x9F that is not
/// part of a valid UTF-8 sequence, because a terminal not in UTF-8 mode takes it for a C1
/// control (0x9b is CSI, as ESC [). A tab, a newline, a backspace or an escape sequence in
/// text that is meant to stay on one line would move the cursor or drive the terminal.
[[nodiscard]] std::size_t first_control(std::string_view text);

/// The longest start of `text` at most `columns` wide that ends before its first control
/// character. It never ends inside a UTF-8 sequence, between a base and its combining marks,
/// or after a U+200D; a wide character that would straddle the limit is left out whole.
[[nodiscard]] std::string_view cut_to_width(std::string_view text, std::size_t columns);

}  // namespace concur
