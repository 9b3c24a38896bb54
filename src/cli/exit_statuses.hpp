// exit_statuses: the one table of concur's exit statuses, and each command's help section from it.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace concur::cli {

/// A status one command returns, and what it means there (empty: the table's words suffice).
struct command_status {
    int status;
    std::string_view detail;
};

/// "Exit status:" and one line per status of `statuses` (each in the table): "  1        the
/// system refused: pipes, processes", wrapped within 80 columns; then `note`, a line on where
/// the output goes. For `concur --help`, `statuses` may be empty: every row, without details.
[[nodiscard]] std::string exit_status_section(std::span<const command_status> statuses, std::string_view note);

}  // namespace concur::cli
