// The exit statuses concur promises to scripts.
#pragma once

#include <csignal>

namespace concur::exit_status {

inline constexpr int success = 0;        // done, every result delivered
inline constexpr int failure = 1;        // the system refused (fork, pipe, a write to stdout)
inline constexpr int usage = 2;          // bad arguments or bad input; nothing was started
inline constexpr int worker_lost = 3;    // a worker died; the results it did not give are listed
inline constexpr int output_closed = 128 + SIGPIPE;  // 141: the reader of stdout went away

/// 130 for SIGINT, 143 for SIGTERM: the shell's convention for "ended by this signal".
[[nodiscard]] constexpr int interrupted_by(int signal) noexcept { return 128 + signal; }

}  // namespace concur::exit_status
