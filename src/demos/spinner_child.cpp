// spinner_child: the process model's spinner child, started and joined so that signal handlers can stop it.
#include "concur/demos/spinner_child.hpp"

#include "concur/sys/signal_handlers.hpp"
#include "concur/sys/terminal.hpp"

#include <csignal>

namespace concur {
namespace {

volatile sig_atomic_t watched_child = 0;  // the spinner child the handlers act on; 0: none

}  // namespace

namespace detail {

void ignore_terminal_signals_in_child() noexcept { sys::ignore_in_child(sys::terminal_signals); }

void watch_spinner_child(pid_t child) noexcept { watched_child = child; }

}  // namespace detail

sys::child_exit join_spinner_child(pid_t child) {
    sys::wait_until_ended(child);  // not reaped yet: the pid stays the child's
    const sys::signal_block blocked;
    watched_child = 0;
    return sys::wait_for_child(child);
}

void end_spinner_child_in_handler() noexcept {
    if (const pid_t child = watched_child; child > 0) sys::kill_and_reap(child);
}

void stop_spinner_child_in_handler() noexcept {
    if (const pid_t child = watched_child; child > 0) sys::stop_and_wait(child);
}

void continue_spinner_child_in_handler() noexcept {
    if (const pid_t child = watched_child; child > 0) sys::continue_child(child);
}

}  // namespace concur
