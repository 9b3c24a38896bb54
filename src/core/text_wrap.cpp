// wrap_text: prose broken into lines that fit a terminal's width, for help pages.
#include "concur/core/text_wrap.hpp"

#include "concur/core/display_width.hpp"

namespace concur {

std::string wrap_text(std::string_view text, std::size_t width, std::string_view first_prefix, std::size_t indent) {
    const std::string indentation(indent, ' ');
    std::string out;
    std::string line{first_prefix};
    std::size_t line_width = display_width(first_prefix);
    bool line_has_words = false;
    const auto end_line = [&] {
        out += line;
        out += '\n';
        line = indentation;
        line_width = indent;
        line_has_words = false;
    };
    while (true) {
        const std::size_t line_end = text.find('\n');
        std::string_view rest = text.substr(0, line_end);
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
            if (word.empty()) continue;  // two spaces in a row break as one
            const std::size_t room = line_has_words ? 1 + display_width(word) : display_width(word);
            if (line_has_words && line_width + room > width) end_line();
            if (line_has_words) {
                line += ' ';
                ++line_width;
            }
            line += word;
            line_width += display_width(word);
            line_has_words = true;
        }
        end_line();
        if (line_end == std::string_view::npos) break;
        text.remove_prefix(line_end + 1);
    }
    return out;
}

}  // namespace concur
