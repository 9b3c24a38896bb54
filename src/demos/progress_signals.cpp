// progress_signals: what Ctrl-C, SIGTERM, Ctrl-\, a hang-up and Ctrl-Z do to the status block of `concur primes`.
#include "concur/demos/progress_signals.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/sys/terminal.hpp"

#include <cerrno>
#include <unistd.h>

namespace concur {
namespace {

extern "C" void die_erasing_the_block(int signal) {
    sys::put_terminal_back_in_handler();  // waits for a frame in progress, erases the block, shows the cursor
    sys::take_default_action(signal);     // the shell sees death by this signal
    ::_exit(exit_status::interrupted_by(signal));  // not reached: the default action of each ends the process
}

extern "C" void pause_erasing_the_block(int signal) {
    const int saved_errno = errno;  // this handler returns to the interrupted code
    const bool paused = sys::pause_terminal_in_handler();
    sys::take_default_action(signal);  // stops here until SIGCONT
    if (paused) sys::resume_terminal_in_handler();
    errno = saved_errno;
}

}  // namespace

progress_signals::progress_signals()
    : handlers_{
          {SIGINT, die_erasing_the_block, false},
          {SIGTERM, die_erasing_the_block, false},
          {SIGQUIT, die_erasing_the_block, true},  // true: `nohup` and background jobs keep them ignored
          {SIGHUP, die_erasing_the_block, true},
          {SIGTSTP, pause_erasing_the_block, true},
      } {}

}  // namespace concur
