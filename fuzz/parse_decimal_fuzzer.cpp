// libFuzzer target: parse_decimal_u64 (every NUMBER argument) against an independent reference.
#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/utf8.hpp"
#include "reference_decimal.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

namespace {

void fail(const char* what) {
    std::fprintf(stderr, "parse_decimal_fuzzer: %s\n", what);
    std::abort();  // libFuzzer saves the input that got here
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const auto parsed = concur::parse_decimal_u64(text);
    const auto expected = concur::fuzz::reference_decimal(text);
    if (parsed.has_value() != expected.has_value()) fail("accepts what the reference rejects, or the reverse");
    if (parsed && *parsed != *expected) fail("reads a different value than the reference");

    if (!parsed) {
        // The message quotes the value: it must stay one short line of printable text,
        // whatever the bytes (a NUL or a newline would break the "one line on stderr" rule).
        const std::string message = concur::describe_bad_number(text);
        // At most quoted_bytes_shown bytes are shown, each as at most 4 characters (\xNN), in
        // quotes with "... (at least N bytes)", then refuse_value's fixed text around the noun
        // and what is allowed. The bound follows those constants, so a longer wording moves it.
        constexpr std::string_view longest_length = "... (at least 18446744073709551615 bytes)";
        constexpr std::string_view refusal_text = " is not ; allowed: ";
        const std::size_t bound = 2 + 4 * concur::quoted_bytes_shown + longest_length.size() + refusal_text.size() +
                                  concur::number_noun.size() + concur::numbers_allowed.size();
        if (message.size() > bound) fail("the message for a bad number is too long");
        // Printable UTF-8 is shown as it is; a control or a byte that is not UTF-8 never is.
        for (std::size_t at = 0; at < message.size();) {
            const concur::utf8_unit unit = concur::decode_utf8(message, at);
            if (!unit.valid || concur::is_control(unit)) fail("the message for a bad number holds a control or bad byte");
            at += unit.size;
        }
    }
    return 0;
}
