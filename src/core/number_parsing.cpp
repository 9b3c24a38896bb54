// Decimal number parsing for arguments and standard input, strict where CLI11 is lenient.
#include "concur/core/number_parsing.hpp"

#include "concur/core/message_text.hpp"




namespace concur {

std::optional<std::uint64_t> parse_decimal_u64(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        // Overflow check: value * 10 + digit must stay within 2^64 - 1.
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::string describe_bad_number(std::string_view text, std::size_t full_length, value_length length) {
    return refuse_value(text, number_noun, numbers_allowed, full_length, length);
}

}  // namespace concur
