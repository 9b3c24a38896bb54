// fixed_text: text written into a buffer of fixed size, never allocating: what a signal handler may format.
#include "concur/core/fixed_text.hpp"

#include <array>

namespace concur {

void fixed_text::append(std::string_view text) noexcept {
    for (const char c : text) append(c);
}

void fixed_text::append(char c) noexcept {
    if (size_ == room_.size()) {
        overflowed_ = true;
        return;
    }
    room_[size_++] = c;
}

void fixed_text::append_decimal(std::uint64_t n) noexcept {
    std::array<char, 20> digits{};  // 18446744073709551615 has 20
    std::size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n != 0);
    while (count > 0) append(digits[--count]);
}

void fixed_text::append_seconds(std::int64_t nanoseconds) noexcept {
    const auto total = static_cast<std::uint64_t>(nanoseconds < 0 ? 0 : nanoseconds);
    append_decimal(total / 1'000'000'000);
    append('.');
    std::uint64_t fraction = total % 1'000'000'000;
    std::array<char, 9> digits{};
    for (std::size_t i = digits.size(); i > 0; --i) {
        digits[i - 1] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    append(std::string_view{digits.data(), digits.size()});
}

void fixed_text::append_json_string(std::string_view text) noexcept {
    constexpr std::string_view hex = "0123456789abcdef";
    append('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            append('\\');
            append(c);
        } else if (c == '\n') {
            append("\\n");
        } else if (c == '\t') {
            append("\\t");
        } else if (byte < 0x20) {
            append("\\u00");
            append(hex[byte >> 4]);
            append(hex[byte & 0xf]);
        } else {
            append(c);
        }
    }
    append('"');
}

}  // namespace concur
