// Text from the user, made safe to quote in a one-line message on a terminal.
#include "concur/core/message_text.hpp"

#include "concur/core/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace concur {
namespace {

struct code_point_range {
    char32_t first;
    char32_t last;
};

// Format characters (Unicode category Cf) that draw nothing, so a value holding one looks like
// another: a byte-order mark before "7", a zero-width space inside a name, a bidi override
// that shows the rest of the line backwards. Those that terminals draw (U+00AD SOFT HYPHEN,
// the Arabic number signs) are not here. Combining marks and variation selectors are left
// as they are: they change how the character before them looks, which the reader sees.
constexpr std::array<code_point_range, 10> invisible_format{{
    {0x061C, 0x061C},    // ARABIC LETTER MARK
    {0x180E, 0x180E},    // MONGOLIAN VOWEL SEPARATOR
    {0x200B, 0x200F},    // zero-width space, non-joiner, joiner; left-to-right, right-to-left marks
    {0x202A, 0x202E},    // bidi embeddings and overrides
    {0x2060, 0x2064},    // word joiner, invisible operators
    {0x2066, 0x206F},    // bidi isolates, deprecated format characters
    {0xFEFF, 0xFEFF},    // ZERO WIDTH NO-BREAK SPACE: the byte-order mark
    {0xFFF9, 0xFFFB},    // interlinear annotation
    {0xE0001, 0xE0001},  // LANGUAGE TAG
    {0xE0020, 0xE007F},  // tag characters
}};

bool shown_as_bytes(const utf8_unit& unit) {
    if (!unit.valid || is_control(unit)) return true;
    return std::any_of(invisible_format.begin(), invisible_format.end(), [&](const code_point_range& range) {
        return unit.code_point >= range.first && unit.code_point <= range.last;
    });
}

/// Appends `text`, each character that shown_as_bytes picks written as its bytes in \xNN.
void append_printable(std::string& out, std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const utf8_unit unit = decode_utf8(text, at);
        const std::string_view bytes = text.substr(at, unit.size);
        if (shown_as_bytes(unit)) {
            for (const char c : bytes) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
            out += bytes;
        }
        at += unit.size;
    }
}

/// The longest start of `text` of at most `most` bytes that does not end inside a character.
std::string_view cut_between_characters(std::string_view text, std::size_t most) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t size = decode_utf8(text, at).size;
        if (at + size > most) break;
        at += size;
    }
    return text.substr(0, at);
}

}  // namespace

std::string quote_value(std::string_view text, std::size_t full_length, value_length length) {
    full_length = std::max(full_length, text.size());
    std::string quoted = "'";
    append_printable(quoted, cut_between_characters(text, quoted_bytes_shown));
    if (full_length > quoted_bytes_shown) {
        quoted += fmt::format("... ({}{} bytes)", length == value_length::at_least ? "at least " : "", full_length);
    }
    return quoted + "'";
}

std::string refuse_value(std::string_view value, std::string_view what, std::string_view allowed,
                         std::size_t full_length, value_length length) {
    return fmt::format("{} is not {}; allowed: {}", quote_value(value, full_length, length), what, allowed);
}

std::string one_line(std::string_view message) {
    constexpr std::size_t kept = 512;
    std::string line;
    append_printable(line, cut_between_characters(message, kept));
    if (message.size() > kept) line += fmt::format("... ({} bytes)", message.size());
    return line;
}

}  // namespace concur
