// utf8: reading UTF-8 one code point at a time, strictly.
#include "concur/core/utf8.hpp"

namespace concur {

utf8_unit decode_utf8(std::string_view text, std::size_t at) noexcept {
    const auto lead = static_cast<unsigned char>(text[at]);
    const utf8_unit invalid{lead, 1, false};
    if (lead < 0x80) return {lead, 1, true};
    // The lead byte gives the sequence's length and the least code point it may encode; a
    // smaller one is overlong (a second spelling of a shorter sequence, an old way to smuggle
    // '/' or NUL past a check). 0x80..0xC1 and 0xF5..0xFF start no valid sequence at all.
    std::size_t size = 0;
    char32_t least = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2;
        least = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3;
        least = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4;
        least = 0x10000;
    } else {
        return invalid;
    }
    if (text.size() - at < size) return invalid;  // cut short by the end of the text
    // The lead byte carries the top 5, 4 or 3 bits; each continuation byte 6 more.
    auto code_point = static_cast<char32_t>(lead & (0x7F >> size));
    for (std::size_t i = 1; i < size; ++i) {
        const auto next = static_cast<unsigned char>(text[at + i]);
        if ((next & 0xC0) != 0x80) return invalid;  // not a continuation byte
        code_point = (code_point << 6) | (next & 0x3Fu);
    }
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;  // UTF-16's, never text
    if (code_point < least || code_point > 0x10FFFF || surrogate) return invalid;
    return {code_point, size, true};
}

}  // namespace concur
