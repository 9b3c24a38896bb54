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
        if (token_.size() < kept_bytes) token_ += c;
        // 21 significant bytes can never be a uint64 (20 digits at most), so more are not kept.
        // Leading zeros are not significant: a valid token may be longer than kept_bytes.
        if (!(c == '0' && significant_.empty()) && significant_.size() <= 20) significant_ += c;
        ++token_length_;
    }
    return std::nullopt;
}

std::optional<bad_token> number_tokenizer::finish(std::vector<std::uint64_t>& out) {
    if (token_length_ == 0) return std::nullopt;
    return complete_token(out);
}

std::optional<bad_token> number_tokenizer::complete_token(std::vector<std::uint64_t>& out) {
    const auto value = parse_decimal_u64(significant_.empty() ? std::string_view{"0"} : significant_);
    if (!value) {
        return bad_token{fmt::format("standard input line {}: {}", token_line_,
                                     describe_bad_number(token_, token_length_))};
    }
    out.push_back(*value);
    token_.clear();
    significant_.clear();
    token_length_ = 0;
    return std::nullopt;
}

}  // namespace concur
