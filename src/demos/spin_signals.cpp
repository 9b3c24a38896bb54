// spin_signals: what Ctrl-C, SIGTERM, Ctrl-\, a hang-up and Ctrl-Z do to `concur spin`.
#include "concur/demos/spin_signals.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/demos/spinner_child.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/terminal.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <unistd.h>

namespace concur {
namespace {

// Set before the handlers are installed, cleared after they are gone.
std::atomic<const spin_console*> interrupted_report{nullptr};
static_assert(std::atomic<const spin_console*>::is_always_lock_free);

extern "C" void end_on_interrupt(int signal) {
    end_spinner_child_in_handler();
    sys::put_terminal_back_in_handler();  // no frame after this one, the line erased, the cursor shown
    if (const spin_console* console = interrupted_report.load()) console->write_interrupted_json(STDOUT_FILENO);
    sys::write_ignoring_errors(STDERR_FILENO, signal == SIGINT ? "concur: interrupted by SIGINT\n"
                                                               : "concur: interrupted by SIGTERM\n");
    ::_exit(exit_status::interrupted_by(signal));  // _exit: no atexit handlers, no stdio flushing, both unsafe here
}

extern "C" void die_putting_the_terminal_back(int signal) {
    end_spinner_child_in_handler();
    sys::put_terminal_back_in_handler();
    sys::take_default_action(signal);              // the shell sees death by this signal
    ::_exit(exit_status::interrupted_by(signal));  // not reached: the default action of both ends the process
}

extern "C" void pause_on_stop(int signal) {
    const int saved_errno = errno;  // this handler returns to the interrupted code
    stop_spinner_child_in_handler();
    const bool paused = sys::pause_terminal_in_handler();
    sys::take_default_action(signal);  // stops here until SIGCONT
    if (paused) sys::resume_terminal_in_handler();
    continue_spinner_child_in_handler();
    errno = saved_errno;
}

}  // namespace

spin_signals::spin_signals(const spin_console& console) {
    interrupted_report.store(&console);
    const std::array<sys::signal_handler_choice, 5> choices{{
        {SIGINT, end_on_interrupt, false},
        {SIGTERM, end_on_interrupt, false},
        {SIGQUIT, die_putting_the_terminal_back, true},  // true: `nohup` and background jobs keep them ignored
        {SIGHUP, die_putting_the_terminal_back, true},
        {SIGTSTP, pause_on_stop, true},
    }};
    static_assert(choices.size() == sys::terminal_signals.size());
    try {
        handlers_.emplace(std::span<const sys::signal_handler_choice>{choices});
    } catch (...) {
        interrupted_report.store(nullptr);
        throw;
    }
}

spin_signals::~spin_signals() {
    handlers_.reset();  // the previous handlers back first: none of ours runs after this
    interrupted_report.store(nullptr);
}

}  // namespace concur
