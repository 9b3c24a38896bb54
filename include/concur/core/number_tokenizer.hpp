// Splits a byte stream (standard input) into decimal numbers, chunk by chunk, in constant memory.
#pragma once

#include "concur/core/message_text.hpp"

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
///
/// A token is bad from its first byte that no number has (not a digit), or the digit that takes
/// it past 2^64 - 1. It is not read to its end, which may never come (`< /dev/zero` is one
/// endless token): it is reported when it ends or, when longer, at its 41st byte, once the
/// message has all it shows of it ("... (at least 41 bytes)").
class number_tokenizer {
public:
    /// Appends the numbers completed by `chunk` to `out`; returns the first bad token, if any.
    std::optional<bad_token> feed(std::string_view chunk, std::vector<std::uint64_t>& out);
    /// End of input: completes the last token.
    std::optional<bad_token> finish(std::vector<std::uint64_t>& out);

private:
    /// From `next`, between tokens: every number of up to 19 digits that ends inside `chunk`,
    /// appended to `out`; returns where the first other token starts (or the chunk's end).
    std::size_t take_short_numbers(std::string_view chunk, std::size_t next, std::vector<std::uint64_t>& out);
    /// Takes the token's next byte; false once the token can no longer be a number.
    [[nodiscard]] bool still_a_number_with(char c);
    std::optional<bad_token> complete_token(std::vector<std::uint64_t>& out);
    [[nodiscard]] bad_token describe_bad_token(value_length length) const;

    std::string token_;             // the current token's first bytes, as many as a message shows
    std::string significant_;       // its digits after the leading zeros (at most 21), while it is good
    std::size_t token_length_ = 0;  // its length so far
    bool token_is_bad_ = false;     // it can no longer be a number
    std::size_t line_ = 1;          // line of the current position
    std::size_t token_line_ = 1;    // line where the current token started
};

}  // namespace concur
