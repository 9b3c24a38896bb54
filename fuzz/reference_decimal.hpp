// A second, deliberately different decimal parser: the fuzzers' reference for parse_decimal_u64.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace concur::fuzz {

/// Decides by comparing digit strings, not by arithmetic: strip leading zeros, then a number
/// fits in 64 bits if it has fewer than 20 digits, or exactly 20 and sorts no later than
/// "18446744073709551615". Only then is the value computed, so no overflow check is shared
/// with the code under test.
inline std::optional<std::uint64_t> reference_decimal(std::string_view text) {
    if (text.empty()) return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    const auto first_nonzero = text.find_first_not_of('0');
    const std::string_view digits = first_nonzero == std::string_view::npos ? "0" : text.substr(first_nonzero);
    constexpr std::string_view largest = "18446744073709551615";
    if (digits.size() > largest.size()) return std::nullopt;
    if (digits.size() == largest.size() && digits > largest) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    return value;
}

}  // namespace concur::fuzz
