// Text from the user, made safe to quote in a one-line message on a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concur {

/// How many bytes of a value quote_value shows at most; it cuts the rest.
inline constexpr std::size_t quoted_bytes_shown = 40;

/// What a value's length given to quote_value is: the whole length, or only how much of it was
/// read before reading stopped (standard input stops inside a bad token: it may never end).
enum class value_length { exact, at_least };

/// `text` in single quotes, as it is except for what could break the line, drive the terminal
/// or hide from the reader, each byte of which is written \xNN: control characters (C0, DEL,
/// C1: a newline or an escape sequence in a bad value), bytes that are not valid UTF-8, and
/// the invisible format characters (a byte-order mark, a zero-width space, a bidi override:
/// '\xef\xbb\xbf7' must not look like '7'). Printable UTF-8 is shown as it is: '٣', '７'.
/// Cut after at most 40 bytes, never inside a character, with the length: '77777...' becomes
/// '7777777777777777777777777777777777777777... (1000000 bytes)', or '...(at least 41 bytes)'.
/// `full_length` is the value's length when `text` is only its start.
[[nodiscard]] std::string quote_value(std::string_view text, std::size_t full_length = 0,
                                      value_length length = value_length::exact);

/// concur's one shape for refusing a value, whatever the option or input:
/// "'fiber' is not a model; allowed: thread, process, coroutine". `value` is quoted as
/// quote_value does; the caller puts where it came from in front ("--model: ", "NUMBER: ").
[[nodiscard]] std::string refuse_value(std::string_view value, std::string_view what, std::string_view allowed,
                                       std::size_t full_length = 0, value_length length = value_length::exact);

/// A whole message made one line, written as quote_value writes a value, and at most 512
/// bytes kept. For messages that quote a value we did not format ourselves (CLI11's).
[[nodiscard]] std::string one_line(std::string_view message);

}  // namespace concur
