// Splits a byte stream (standard input) into decimal numbers, chunk by chunk, in constant memory.
#include "concur/core/number_tokenizer.hpp"

#include "concur/core/number_parsing.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {
namespace {

bool is_space(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');  // \t \n \v \f \r
}

/// Up to 19 decimal digits always fit in 64 bits.
constexpr std::size_t digits_that_always_fit = 19;

}  // namespace

std::optional<bad_token> number_tokenizer::feed(std::string_view chunk,
                                                std::vector<std::uint64_t>& out) {
    std::size_t next = 0;
    while (next < chunk.size()) {
        if (token_length_ == 0) next = take_short_numbers(chunk, next, out);
        if (next == chunk.size()) break;
        // Byte by byte from here to the token's end: what may be long, bad, or cut by the chunk.
        const char c = chunk[next++];
        if (is_space(c)) {
            if (token_length_ > 0) {
                if (auto bad = complete_token(out)) return bad;
            }
            if (c == '\n') ++line_;
            continue;
        }
        if (token_length_ == 0) token_line_ = line_;
        if (token_.size() < quoted_bytes_shown) token_ += c;
        ++token_length_;
        if (!token_is_bad_ && !still_a_number_with(c)) token_is_bad_ = true;
        // A bad token shorter than the message's quote is read to its end, so that "-5" is
        // shown whole, not as "-". A longer one is reported now: its end may never come.
        if (token_is_bad_ && token_length_ > quoted_bytes_shown) return describe_bad_token(value_length::at_least);
    }
    return std::nullopt;
}

// A stream of 10^7 numbers is 10^7 short tokens, each whole inside its chunk: read here, with
// no copy of the token and one multiply-add per digit. This is the parent's hot loop; byte by
// byte it cost about six times as much.
std::size_t number_tokenizer::take_short_numbers(std::string_view chunk, std::size_t next,
                                                 std::vector<std::uint64_t>& out) {
    const std::size_t size = chunk.size();
    for (;;) {
        for (; next < size && is_space(chunk[next]); ++next) {
            if (chunk[next] == '\n') ++line_;
        }
        const std::size_t start = next;
        const std::size_t stop = std::min(size, start + digits_that_always_fit);
        std::uint64_t value = 0;
        for (; next < stop; ++next) {
            const unsigned digit = static_cast<unsigned char>(chunk[next]) - unsigned{'0'};
            if (digit > 9) break;
            value = value * 10 + digit;
        }
        // Not a short number ended by whitespace in this chunk (nothing, a sign, a letter, a
        // 20th digit, which may not fit, the chunk's end): the byte-by-byte reading takes it
        // from its first byte.
        if (next == start || next == size || !is_space(chunk[next])) return start;
        out.push_back(value);
    }
}

std::optional<bad_token> number_tokenizer::finish(std::vector<std::uint64_t>& out) {
    if (token_length_ == 0) return std::nullopt;
    return complete_token(out);
}

bool number_tokenizer::still_a_number_with(char c) {
    if (c < '0' || c > '9') return false;
    if (c == '0' && significant_.empty()) return true;  // a leading zero: any number of them
    significant_ += c;
    // From the 20th digit on, the value decides.
    return significant_.size() <= digits_that_always_fit || parse_decimal_u64(significant_).has_value();
}

std::optional<bad_token> number_tokenizer::complete_token(std::vector<std::uint64_t>& out) {
    if (token_is_bad_) return describe_bad_token(value_length::exact);
    out.push_back(parse_decimal_u64(significant_).value_or(0));  // empty: only zeros
    token_.clear();
    significant_.clear();
    token_length_ = 0;
    return std::nullopt;
}

bad_token number_tokenizer::describe_bad_token(value_length length) const {
    return {fmt::format("standard input line {}: {}", token_line_, describe_bad_number(token_, token_length_, length))};
}

}  // namespace concur
