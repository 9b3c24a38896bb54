// exit_statuses: the one table of concur's exit statuses, and each command's help section from it.
#include "exit_statuses.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/text_wrap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace concur::cli {
namespace {

/// One exit status and what it means for every command.
struct exit_status_row {
    int status;               // the first status of the row (130 for 130/143)
    std::string_view shown;   // as help shows it: "0", "130/143"
    std::string_view meaning;
};

// Every status concur returns, in the order help lists them. The README's table of exit
// statuses lists the same ones in the same order, each meaning starting with these words:
// tests/cli/cli_help_test.py compares it with `concur --help`, which prints this table.
constexpr std::array<exit_status_row, 6> table{{
    {exit_status::success, "0", "done"},
    {exit_status::failure, "1", "the system refused"},
    {exit_status::usage, "2", "usage error"},
    {exit_status::worker_lost, "3", "a worker was lost"},
    {exit_status::interrupted_by(SIGINT), "130/143", "interrupted by SIGINT/SIGTERM"},
    {exit_status::output_closed, "141", "standard output was closed by its reader"},
}};

constexpr std::size_t help_width = 80;

std::string section_line(const exit_status_row& row, std::string_view detail) {
    constexpr std::size_t status_column = 9;  // "130/143" and two spaces
    const std::string prefix = fmt::format("  {:<{}}", row.shown, status_column);
    const std::string text = detail.empty() ? std::string{row.meaning} : fmt::format("{}: {}", row.meaning, detail);
    return wrap_text(text, help_width, prefix, prefix.size());
}

}  // namespace

std::string exit_status_section(std::span<const command_status> statuses, std::string_view note) {
    std::string section = "Exit status:\n";
    if (statuses.empty()) {
        for (const exit_status_row& row : table) section += section_line(row, "");
    }
    for (const command_status& status : statuses) {
        const auto row = std::find_if(table.begin(), table.end(),
                                      [&](const exit_status_row& candidate) { return candidate.status == status.status; });
        if (row == table.end()) throw std::logic_error(fmt::format("exit status {} is not in the table", status.status));
        section += section_line(*row, status.detail);
    }
    return section + wrap_text(note, help_width, "", 0);
}

}  // namespace concur::cli
