// Splits a byte stream (standard input) into decimal numbers, chunk by chunk, in constant memory.
#include "concur/core/number_tokenizer.hpp"

#include "concur/core/number_parsing.hpp"

#include <fmt/format.h>

namespace concur {
namespace {

bool is_space(char c) noexcept {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

std::optional<bad_token> number_tokenizer::feed(std::string_view chunk,
                                                std::vector<std::uint64_t>& out) {
    for (const char c : chunk) {
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

std::optional<bad_token> number_tokenizer::finish(std::vector<std::uint64_t>& out) {
    if (token_length_ == 0) return std::nullopt;
    return complete_token(out);
}

bool number_tokenizer::still_a_number_with(char c) {
    if (c < '0' || c > '9') return false;
    if (c == '0' && significant_.empty()) return true;  // a leading zero: any number of them
    significant_ += c;
    // Up to 19 digits always fit in 64 bits; from the 20th on, the value decides.
    return significant_.size() < 20 || parse_decimal_u64(significant_).has_value();
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
