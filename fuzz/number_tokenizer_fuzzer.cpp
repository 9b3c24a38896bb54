// libFuzzer target: number_tokenizer (standard input) gives the same answer however the input
// is split into chunks, and the answer a whole-input reference gives.
//
// Input layout: byte 0 = how many split points (mod 16), the next that many bytes place them
// (each a fraction of the text, in 1/256ths), the rest is the text fed to the tokenizer.
#include "concur/core/number_parsing.hpp"
#include "concur/core/number_tokenizer.hpp"
#include "reference_decimal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct outcome {
    std::vector<std::uint64_t> numbers;  // the numbers delivered before the first bad token
    std::optional<std::string> bad;      // the message for the first bad token
    bool operator==(const outcome&) const = default;
};

void fail(const char* what) {
    std::fprintf(stderr, "number_tokenizer_fuzzer: %s\n", what);
    std::abort();
}

bool is_space(char c) { return std::string_view{" \n\t\r\v\f"}.find(c) != std::string_view::npos; }

/// What is said of a bad token. One that the message shows whole is shown whole. A longer one
/// is not read to its end: reading stops at the first byte where no number can start with what
/// was read (found by bisection: once a prefix cannot, no longer one can), but not before the
/// first byte the message does not show.
std::string describe_bad(std::string_view token) {
    constexpr std::size_t shown = concur::quoted_bytes_shown;
    if (token.size() <= shown) return concur::describe_bad_number(token);
    const auto can_start_a_number = [&](std::size_t length) {
        return concur::fuzz::reference_decimal(token.substr(0, length)).has_value();
    };
    std::size_t good = 0;  // a prefix length that can (the empty prefix, by convention)
    std::size_t bad = token.size();  // one that cannot: the whole bad token
    while (bad - good > 1) {
        const std::size_t middle = good + (bad - good) / 2;
        (can_start_a_number(middle) ? good : bad) = middle;
    }
    return concur::describe_bad_number(token.substr(0, shown), std::max(bad, shown + 1),
                                       concur::value_length::at_least);
}

/// The whole text at once, the simple way: split on whitespace, parse each token whole.
/// (Only the message for a long bad token depends on where the tokenizer stopped reading.)
outcome reference(std::string_view text) {
    outcome result;
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            if (text[i] == '\n') ++line;
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end])) ++end;
        const std::string_view token = text.substr(i, end - i);
        const auto value = concur::fuzz::reference_decimal(token);
        if (!value) {
            result.bad = fmt::format("standard input line {}: {}", line, describe_bad(token));
            return result;
        }
        result.numbers.push_back(*value);
        i = end;
    }
    return result;
}

/// The tokenizer, fed the text cut at `cuts`; it stops at the first bad token, as the pool does.
outcome tokenize(std::string_view text, const std::vector<std::size_t>& cuts) {
    concur::number_tokenizer tokenizer;
    outcome result;
    std::size_t start = 0;
    for (const std::size_t cut : cuts) {
        if (auto bad = tokenizer.feed(text.substr(start, cut - start), result.numbers)) {
            result.bad = bad->message;
            return result;
        }
        start = cut;
    }
    if (auto bad = tokenizer.feed(text.substr(start), result.numbers)) {
        result.bad = bad->message;
        return result;
    }
    if (auto bad = tokenizer.finish(result.numbers)) result.bad = bad->message;
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t split_count = std::min<std::size_t>(data[0] % 16, size - 1);
    const std::string_view text{reinterpret_cast<const char*>(data) + 1 + split_count, size - 1 - split_count};
    std::vector<std::size_t> cuts;
    for (std::size_t i = 0; i < split_count; ++i) cuts.push_back(text.size() * data[1 + i] / 256);
    std::sort(cuts.begin(), cuts.end());

    const outcome expected = reference(text);
    if (tokenize(text, {}) != expected) fail("the whole text at once differs from the reference");
    if (tokenize(text, cuts) != expected) fail("a split changes the numbers or the error");
    // Byte by byte: every token crosses a chunk boundary.
    if (text.size() <= 512) {
        std::vector<std::size_t> every_byte(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) every_byte[i] = i;
        if (tokenize(text, every_byte) != expected) fail("one byte at a time changes the numbers or the error");
    }
    return 0;
}
