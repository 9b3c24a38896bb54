// terminal_session: the cursor `concur spin` hides, shown again on every way out, signals included.
#pragma once

#include <csignal>
#include <cstddef>
#include <optional>
#include <sys/types.h>

namespace concur::sys {

/// True when animation frames belong on `fd`: it is a terminal, and TERM is set and is not
/// "dumb". Otherwise (a pipe, a file, a CI log, Emacs' dumb shell) no `\r` frames are written.
[[nodiscard]] bool can_animate(int fd);

/// How many columns the terminal on `fd` has now (TIOCGWINSZ), or nothing when it is not a
/// terminal or does not say (a fresh pseudo-terminal reports 0). Asked again for each frame:
/// a resized terminal (SIGWINCH) is then honoured on the next frame, without a handler.
[[nodiscard]] std::optional<unsigned> terminal_columns(int fd);

/// Writes one spinner frame to `fd`, unless the interrupt handler below has taken the
/// terminal; returns false then. A frame and the handler's "erase the line, show the cursor"
/// take turns: in the thread model the spinner thread may be drawing when Ctrl-C lands on the
/// main thread, and a frame written after the handler's clean-up (in the moment before _exit
/// ends the process) would leave a spinner line behind the "interrupted" message. SIGINT and
/// SIGTERM are blocked on the drawing thread while it writes, so the handler never runs on a
/// thread that holds the turn; it waits (microseconds) for the frame in progress, and no
/// other frame starts after it.
bool draw_on_terminal(int fd, const char* text, std::size_t size) noexcept;

/// While alive, if `animate`: the cursor is hidden on `fd` (a blinking block over the
/// spinner's character looks broken). In every case, SIGINT and SIGTERM run a handler that
/// SIGKILLs and reaps the watched child, erases the line and shows the cursor (if hidden),
/// prints "concur: interrupted by SIGINT" and _exits with 130 (143 for SIGTERM).
///
/// Why act inside the handler instead of telling the program? The program may be anywhere:
/// in a blocking sleep, in a CPU-bound prime check, in a frozen coroutine. Each of those would
/// need its own way to notice a flag. The handler uses only async-signal-safe calls (kill,
/// waitpid, write, _exit) on values prepared in advance, so it is safe wherever it lands.
/// The destructor shows the cursor and puts the previous handlers back. One at a time.
class terminal_session {
public:
    terminal_session(int fd, bool animate);
    ~terminal_session();
    terminal_session(const terminal_session&) = delete;
    terminal_session& operator=(const terminal_session&) = delete;

    [[nodiscard]] bool animating() const noexcept { return animate_; }
    [[nodiscard]] int fd() const noexcept { return fd_; }

    /// The child the handler must stop before exiting (0: none).
    void watch_child(pid_t child) noexcept;

    /// For a forked child, first thing: SIGINT ignored (Ctrl-C reaches the whole process
    /// group; the parent decides and stops the child), SIGTERM back to its default, and the
    /// signal mask emptied (fork is done inside a signal_block).
    static void reset_signals_in_child() noexcept;

private:
    int fd_;
    bool animate_;
    struct sigaction previous_interrupt_ {};
    struct sigaction previous_terminate_ {};
};

}  // namespace concur::sys
