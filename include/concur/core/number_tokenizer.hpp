// Splits a byte stream (standard input) into decimal numbers, chunk by chunk, in constant memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// A token that is not a number, with the line it was on (counted from 1).
struct bad_token {
    std::string message;  // from describe_bad_number(), prefixed with the line
};

/// Feed it chunks as they arrive; a number split across two chunks is joined. Whitespace
/// separates numbers; anything else inside a token (a sign, a NUL byte, a letter) makes it bad.
/// Memory stays constant whatever the input: no token is kept whole. Leading zeros are counted,
/// not kept, so "0000...0007" of any length reads as 7, as it does as an argument.
class number_tokenizer {
public:
    /// Appends the numbers completed by `chunk` to `out`; returns the first bad token, if any.
    std::optional<bad_token> feed(std::string_view chunk, std::vector<std::uint64_t>& out);
    /// End of input: completes the last token.
    std::optional<bad_token> finish(std::vector<std::uint64_t>& out);

private:
    std::optional<bad_token> complete_token(std::vector<std::uint64_t>& out);

    static constexpr std::size_t kept_bytes = 48;  // enough for the message, which shows 40
    std::string token_;             // the current token's first kept_bytes bytes, for the message
    std::string significant_;       // the token without its leading zeros, at most 21 bytes, parsed
    std::size_t token_length_ = 0;  // its real length
    std::size_t line_ = 1;          // line of the current position
    std::size_t token_line_ = 1;    // line where the current token started
};

}  // namespace concur
