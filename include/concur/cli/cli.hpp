// run_cli: parses the command line and runs the chosen command.
#pragma once

namespace concur {

/// The whole program behind `main`: returns the process exit status. Every failure ends
/// as one `concur: ...` line on stderr and a documented status (see exit_status.hpp).
[[nodiscard]] int run_cli(int argc, const char* const* argv);

}  // namespace concur
