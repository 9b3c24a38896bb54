// text_table: columns of text lined up for a terminal, within a width when asked.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace concur {

enum class column_align { left, right };

struct text_column {
    std::string header;
    column_align align = column_align::left;
    bool wraps = false;  // may break its cells over several lines to keep the table narrow
};

/// A table whose columns are as wide as their widest cell (display_width: "µs" is two
/// columns, not three bytes), two spaces apart. When the table would be wider than the width
/// it is rendered for, each column that wraps is narrowed (never below 16 columns) and its
/// cells broken at spaces over several lines, indented by two after the first; the row's other
/// cells stay on its first line.
class text_table {
public:
    explicit text_table(std::vector<text_column> columns);

    /// One cell per column, in order (missing cells are empty).
    void add_row(std::vector<std::string> cells);

    /// The widest line render(width) gives: at most `width` unless a column cannot shrink.
    [[nodiscard]] std::size_t width_within(std::size_t width) const;

    /// The header line, then every row, each line ending in '\n' without trailing spaces.
    [[nodiscard]] std::string render(std::size_t width) const;

private:
    [[nodiscard]] std::vector<std::size_t> column_widths(std::size_t width) const;

    std::vector<text_column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace concur
