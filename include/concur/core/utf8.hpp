// utf8: reading UTF-8 one code point at a time, strictly, and which code points are controls.
#pragma once

#include <cstddef>
#include <string_view>

namespace concur {

/// One code point read from UTF-8, or one byte that does not start a valid sequence.
struct utf8_unit {
    char32_t code_point;  // the code point, or the lone byte when !valid
    std::size_t size;     // bytes read: 1 to 4, always 1 when !valid
    bool valid;
};

/// The code point that starts at `text[at]` (at < text.size()). Invalid: a byte that starts
/// no sequence, a sequence cut short or broken, an overlong one, a surrogate, or anything
/// above U+10FFFF; reading goes on at the next byte.
[[nodiscard]] utf8_unit decode_utf8(std::string_view text, std::size_t at) noexcept;

/// C0 (U+0000..U+001F), DEL and C1 (U+0080..U+009F): code points that move the cursor or
/// start an escape sequence instead of drawing.
[[nodiscard]] constexpr bool is_control_code_point(char32_t code_point) noexcept {
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

/// A control as a terminal sees it: a control code point, or a lone byte 0x80..0x9F, which a
/// terminal not in UTF-8 mode takes for C1 (0x9b is CSI, as ESC [).
[[nodiscard]] constexpr bool is_control(const utf8_unit& unit) noexcept {
    if (unit.valid) return is_control_code_point(unit.code_point);
    return unit.code_point >= 0x80 && unit.code_point <= 0x9F;
}

}  // namespace concur
