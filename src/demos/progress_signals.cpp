// progress_signals: what Ctrl-C, SIGTERM, Ctrl-\, a hang-up and Ctrl-Z do to the status block of `concur primes`.
#include "concur/demos/progress_signals.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/sys/terminal.hpp"

#include <array>
#include <cerrno>
#include <unistd.h>

namespace concur {
namespace {

// The process that installed the handlers. A worker forked by the process pool inherits them
// with a copy of the screen's state, possibly taken while the display thread was drawing
// (that thread is not in the child, and never frees it there): a worker must not wait for that
// screen, nor draw on the terminal, so in any other process the handlers do what the signal
// does by default. sig_atomic_t: read in a handler (getpid is async-signal-safe).
volatile sig_atomic_t owner_pid = 0;

bool in_a_forked_child() noexcept { return ::getpid() != owner_pid; }

extern "C" void die_erasing_the_block(int signal) {
    if (!in_a_forked_child()) sys::put_terminal_back_in_handler();  // waits for a frame in progress, erases the block, shows the cursor
    sys::take_default_action(signal);     // the shell sees death by this signal
    ::_exit(exit_status::interrupted_by(signal));  // not reached: the default action of each ends the process
}

extern "C" void pause_erasing_the_block(int signal) {
    const int saved_errno = errno;  // this handler returns to the interrupted code
    const bool paused = !in_a_forked_child() && sys::pause_terminal_in_handler();
    sys::take_default_action(signal);  // stops here until SIGCONT
    if (paused) sys::resume_terminal_in_handler();
    errno = saved_errno;
}

/// The choices, once this process is recorded as their owner: before any of them can run.
std::array<sys::signal_handler_choice, 5> owned_handlers() noexcept {
    owner_pid = ::getpid();
    return {{
        {SIGINT, die_erasing_the_block, false},
        {SIGTERM, die_erasing_the_block, false},
        {SIGQUIT, die_erasing_the_block, true},  // true: `nohup` and background jobs keep them ignored
        {SIGHUP, die_erasing_the_block, true},
        {SIGTSTP, pause_erasing_the_block, true},
    }};
}

}  // namespace

progress_signals::progress_signals() : handlers_{std::span<const sys::signal_handler_choice>{owned_handlers()}} {}

}  // namespace concur
