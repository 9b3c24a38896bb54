// Text from the user, made safe to quote in a one-line message on a terminal.
#include "concur/core/message_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {
namespace {

void append_printable(std::string& out, std::string_view text, bool escape_non_ascii) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f || (escape_non_ascii && byte > 0x7f)) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += c;
        }
    }
}

}  // namespace

std::string quote_value(std::string_view text, std::size_t full_length, value_length length) {
    full_length = std::max(full_length, text.size());
    std::string quoted = "'";
    append_printable(quoted, text.substr(0, quoted_bytes_shown), true);
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
    // Non-ASCII bytes are kept here: a message may quote a name in UTF-8, which is one line.
    append_printable(line, message.substr(0, kept), false);
    if (message.size() > kept) line += fmt::format("... ({} bytes)", message.size());
    return line;
}

}  // namespace concur
