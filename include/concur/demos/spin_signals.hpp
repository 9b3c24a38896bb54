// spin_signals: what Ctrl-C, SIGTERM, Ctrl-\, a hang-up and Ctrl-Z do to `concur spin`.
#pragma once

#include "concur/demos/spin_console.hpp"
#include "concur/sys/signal_handlers.hpp"

#include <optional>

namespace concur {

/// While alive, concur spin's handlers for sys::terminal_signals. Each first stops the process
/// model's spinner child (see spinner_child: nothing in the other models), so that no frame
/// follows the clean-up, then puts the terminal back (sys), then does what spin decides:
/// - SIGINT, SIGTERM: with --json, the document written with "ending": "interrupted" (see
///   spin_console::write_interrupted_json); "concur: interrupted by SIGINT" on standard
///   error; exit 130 (143 for SIGTERM).
/// - SIGQUIT, SIGHUP: death by the signal itself, as without a handler (the shell prints
///   "Quit"; SIGQUIT's core dump included).
/// - SIGTSTP (Ctrl-Z): the child stopped, the cursor shown, the process stopped; when
///   continued (SIGCONT: `fg`, `bg`), the cursor hidden again and the child continued. The
///   shell's prompt is never left without a cursor.
/// SIGQUIT, SIGHUP and SIGTSTP keep an ignored disposition they had on entry (`nohup`).
///
/// Why act inside the handler instead of setting a flag for the program? The program may be
/// anywhere: in a blocking sleep, in a CPU-bound prime check, in a frozen coroutine; today
/// none of them looks at a flag, and the book's slow() would have to change to. So the
/// handlers act themselves, with async-signal-safe calls on values prepared in advance: the
/// terminal's steps from sys/terminal, the child's from spinner_child, a JSON document built
/// in a fixed buffer (core/fixed_text), write and _exit. A program that can stop cleanly can
/// install a handler that only sets a flag, and use the same sys steps from normal code.
/// Install before the cursor is hidden (terminal_session): no way out then leaves it hidden.
/// One at a time; `console` must outlive it.
class spin_signals {
public:
    explicit spin_signals(const spin_console& console);
    ~spin_signals();
    spin_signals(const spin_signals&) = delete;
    spin_signals& operator=(const spin_signals&) = delete;

private:
    std::optional<sys::signal_handlers> handlers_;
};

}  // namespace concur
