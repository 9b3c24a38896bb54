// spinner_child: the process model's spinner child, started and joined so that signal handlers can stop it.
#pragma once

#include "concur/sys/child_process.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <sys/types.h>

namespace concur {

namespace detail {
void ignore_terminal_signals_in_child() noexcept;
void watch_spinner_child(pid_t child) noexcept;
}  // namespace detail

/// sys::fork_child for the spinner: the child first ignores the terminal's signals (Ctrl-C,
/// Ctrl-Z and a group SIGTERM reach the whole process group; the parent decides, and ends or
/// stops the child itself), and the parent's handlers watch it from its first instant: fork
/// and watching happen with every signal held back, so no Ctrl-C falls in between. A child
/// that died of the group's SIGTERM before the parent's handler ran would otherwise look like
/// a lost worker.
template <typename Body>
pid_t start_spinner_child(Body&& body) {
    const sys::signal_block blocked;
    const pid_t child = sys::fork_child([&] {
        detail::ignore_terminal_signals_in_child();
        return body();
    });
    detail::watch_spinner_child(child);
    return child;
}

/// join(): waits until the child has ended, stops watching it, and reaps it. The order matters:
/// a handler must never signal a pid that was reaped, which the system may give to another.
[[nodiscard]] sys::child_exit join_spinner_child(pid_t child);

// For spin_signals' handlers (async-signal-safe). Each does nothing while no child is watched,
// as in the thread and coroutine models.

/// Ends the child for good (SIGKILL) and reaps it: it cannot draw after the clean-up.
void end_spinner_child_in_handler() noexcept;
/// Stops it (SIGSTOP) and waits until it has stopped: it draws nothing while the parent is stopped.
void stop_spinner_child_in_handler() noexcept;
/// Continues it once the parent has been continued.
void continue_spinner_child_in_handler() noexcept;

}  // namespace concur
