// text_table: columns of text lined up for a terminal, within a width when asked.
#include "concur/core/text_table.hpp"

#include "concur/core/display_width.hpp"
#include "concur/core/text_wrap.hpp"

#include <algorithm>
#include <numeric>

namespace concur {
namespace {

constexpr std::size_t gap = 2;               // spaces between two columns
constexpr std::size_t narrowest_wrap = 16;  // a wrapping column keeps room for a few words

/// `text` as lines of at most `width` columns, the later ones indented by two so that they
/// do not read as rows of their own (one empty line for empty text).
std::vector<std::string> wrapped(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    const std::string all = wrap_text(text, width, "", 2);
    std::size_t start = 0;
    while (start < all.size()) {
        const std::size_t end = all.find('\n', start);
        lines.push_back(all.substr(start, end - start));
        start = end + 1;
    }
    if (lines.empty()) lines.emplace_back();
    return lines;
}

void pad(std::string& line, const std::string& cell, std::size_t width, column_align align) {
    const std::string spaces(width - std::min(width, display_width(cell)), ' ');
    line += align == column_align::right ? spaces + cell : cell + spaces;
}

}  // namespace

text_table::text_table(std::vector<text_column> columns) : columns_(std::move(columns)) {}

void text_table::add_row(std::vector<std::string> cells) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

std::vector<std::size_t> text_table::column_widths(std::size_t width) const {
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        std::size_t widest = display_width(columns_[c].header);
        for (const auto& row : rows_) widest = std::max(widest, display_width(row[c]));
        widths.push_back(widest);
    }
    const auto total = [&] {
        return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + gap * (widths.size() - 1);
    };
    // Narrow the wrapping columns, widest first, one column at a time, until the table fits.
    while (!widths.empty() && total() > width) {
        std::size_t widest = columns_.size();
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            if (columns_[c].wraps && widths[c] > narrowest_wrap && (widest == columns_.size() || widths[c] > widths[widest])) {
                widest = c;
            }
        }
        if (widest == columns_.size()) break;  // nothing left to narrow
        widths[widest] = std::max(narrowest_wrap, widths[widest] - std::min(widths[widest], total() - width));
    }
    return widths;
}

std::size_t text_table::width_within(std::size_t width) const {
    const std::string text = render(width);
    std::size_t widest = 0;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find('\n', start);
        widest = std::max(widest, display_width(std::string_view{text}.substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

std::string text_table::render(std::size_t width) const {
    const std::vector<std::size_t> widths = column_widths(width);
    std::string text;
    const auto emit = [&](const std::vector<std::vector<std::string>>& cells_lines) {
        std::size_t height = 1;
        for (const auto& lines : cells_lines) height = std::max(height, lines.size());
        for (std::size_t l = 0; l < height; ++l) {
            std::string line;
            for (std::size_t c = 0; c < columns_.size(); ++c) {
                if (c > 0) line += std::string(gap, ' ');
                const std::string& cell = l < cells_lines[c].size() ? cells_lines[c][l] : std::string{};
                pad(line, cell, widths[c], columns_[c].align);
            }
            line.erase(line.find_last_not_of(' ') + 1);
            text += line + '\n';
        }
    };
    std::vector<std::vector<std::string>> header;
    for (const text_column& column : columns_) header.push_back({column.header});
    emit(header);
    for (const auto& row : rows_) {
        std::vector<std::vector<std::string>> cells;
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            cells.push_back(columns_[c].wraps ? wrapped(row[c], widths[c]) : std::vector<std::string>{row[c]});
        }
        emit(cells);
    }
    return text;
}

}  // namespace concur
