// libFuzzer target: display_width and cut_to_width (the spinner's line) on arbitrary bytes.
#include "concur/core/display_width.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void fail(const char* what, std::size_t columns) {
    std::fprintf(stderr, "display_width_fuzzer: %s (cut to %zu columns)\n", what, columns);
    std::abort();  // libFuzzer saves the input that got here
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // libFuzzer's buffer is exactly `size` bytes: ASan reports any read past the end.
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const std::size_t width = concur::display_width(text);
    const std::size_t control = concur::first_control(text);
    if (control > size) fail("first_control points past the end", 0);

    std::size_t previous_cut = 0;
    for (std::size_t columns = 0; columns <= width + 1; ++columns) {
        const std::string_view cut = concur::cut_to_width(text, columns);
        const std::string_view rest = text.substr(cut.size());
        const std::size_t cut_width = concur::display_width(cut);
        if (cut.data() != text.data() || cut.size() > size) {
            fail("the cut is not a start of the text", columns);
        }
        if (cut_width > columns) fail("the cut is wider than asked", columns);
        if (cut.size() > control || concur::first_control(cut) != cut.size()) {
            fail("the cut holds a control character", columns);
        }
        if (cut.size() < previous_cut) fail("a wider cut is shorter", columns);
        previous_cut = cut.size();
        // Cut between characters, the two parts measure what the whole does; cut inside one
        // (a UTF-8 sequence split, a joiner left at the end), they would not.
        if (cut_width + concur::display_width(rest) != width) {
            fail("the cut split a character", columns);
        }
        // The longest: what comes next does not fit even alone (a mark would: 0 columns), or
        // it is a control character.
        if (cut.size() < control && !concur::cut_to_width(rest, columns - cut_width).empty()) {
            fail("the cut stops before a character that fits", columns);
        }
    }
    if (control == size && concur::cut_to_width(text, width) != text) {
        fail("the whole text does not fit its width", width);
    }
    return 0;
}
