// progress_signals: what Ctrl-C, SIGTERM, Ctrl-\, a hang-up and Ctrl-Z do to the status block of `concur primes`.
#pragma once

#include "concur/sys/signal_handlers.hpp"

namespace concur {

/// While alive, handlers for sys::terminal_signals that keep the terminal clean under a
/// status block (progress_display). Unlike `concur spin`, `concur primes` can stop cleanly:
/// while its checks run, the pool catches SIGINT and SIGTERM itself (a flag and a byte on its
/// signal pipe, which replace these handlers meanwhile), and the display is erased by normal
/// code before "concur: interrupted by SIGINT" is written. These handlers cover the rest:
/// - SIGINT, SIGTERM outside the checks, SIGQUIT, SIGHUP: the block erased and the cursor
///   shown, then death by the signal itself, as without a handler (the shell says 130 for
///   Ctrl-C);
/// - SIGTSTP (Ctrl-Z): the block erased and the cursor shown, the process stopped; when
///   continued, the cursor hidden again, and the next frame draws the block again.
/// SIGQUIT, SIGHUP and SIGTSTP keep an ignored disposition they had on entry (`nohup`). A
/// worker process forked meanwhile inherits the handlers; there they only take the signal's
/// default action (the block is its parent's).
/// Install before the cursor is hidden (sys::terminal_session): no way out then leaves it hidden.
class progress_signals {
public:
    progress_signals();

private:
    sys::signal_handlers handlers_;
};

}  // namespace concur
