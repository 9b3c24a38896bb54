// help_formatter: concur's own help page layout for CLI11, within 80 columns.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace concur::cli {

/// Writes the whole help page itself, from what the app and its options say (names, type
/// names, descriptions, defaults, footer), and nothing of CLI11's layout: so the page does
/// not change with CLI11's version (2.1 printed a default as `=process`, 2.2 and later as
/// `[process]`, both glued to the option), and every line fits 80 columns. Each option gets
/// a line of its own with what it takes, then its description indented below, as `man`
/// pages and ripgrep's --help do; a one-line layout cannot fit both in 80 columns.
class help_formatter final : public CLI::FormatterBase {
public:
    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;
};

}  // namespace concur::cli
