// Decimal number parsing for arguments and standard input, strict where CLI11 is lenient.
#pragma once

#include "concur/core/message_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concur {

/// Parses `text` as a plain decimal integer from 0 to 2^64 - 1: digits only, no sign, no
/// spaces, no "0x", no exponent. Returns nothing for anything else, including overflow.
/// (CLI11 2.1 turns "-5" into 18446744073709551611 and reads "0x11" as 17; we do not.)
[[nodiscard]] std::optional<std::uint64_t> parse_decimal_u64(std::string_view text) noexcept;

/// How a number to check is named, and what is allowed, in messages and help alike.
inline constexpr std::string_view number_noun = "a number concur can check";
inline constexpr std::string_view numbers_allowed = "decimal digits only, from 0 to 18446744073709551615";

/// What the user is told about a bad number, in concur's one shape (refuse_value): the value,
/// quoted and shortened if huge, and what is allowed. Used for arguments and for standard
/// input alike. `full_length` is the token's length when `text` holds only its beginning
/// (standard input keeps no more), and `length` says whether that is all of it or only what
/// was read (see quote_value).
[[nodiscard]] std::string describe_bad_number(std::string_view text, std::size_t full_length = 0,
                                              value_length length = value_length::exact);

}  // namespace concur
