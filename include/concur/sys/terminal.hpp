// terminal_session: the cursor `concur spin` hides, shown again on every way out, signals included.
#pragma once

#include <array>
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

/// The signals a terminal_session handles (see below).
inline constexpr std::array<int, 5> session_signals{SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGTSTP};

/// Writes one spinner frame to `fd`, unless a signal handler below has taken the terminal;
/// returns false then. A frame and the handlers' "erase the line, show the cursor" take
/// turns: in the thread model the spinner thread may be drawing when Ctrl-C lands on the
/// main thread, and a frame written after the handler's clean-up (in the moment before _exit
/// ends the process, or while it is stopped by Ctrl-Z) would leave a spinner line behind the
/// "interrupted" message or in the shell's prompt. Every signal the session handles is
/// blocked on the drawing thread while it writes, so a handler never runs on a thread that
/// holds the turn; it waits (microseconds) for the frame in progress, and no other frame
/// starts until it is done.
bool draw_on_terminal(int fd, const char* text, std::size_t size) noexcept;

/// While alive, if `animate`: the cursor is hidden on `fd` (a blinking block over the
/// spinner's character looks broken). In every case, signal handlers put the terminal back
/// on every way out (the line erased and the cursor shown, when hidden) and stop the watched
/// child first, so that it cannot draw a frame after the clean-up:
/// - SIGINT, SIGTERM: the child is SIGKILLed and reaped, "concur: interrupted by SIGINT" is
///   printed and the process _exits with 130 (143 for SIGTERM).
/// - SIGQUIT, SIGHUP: the child is SIGKILLed and reaped, then the process dies by the signal
///   itself, as it would have without a handler (SIGQUIT's core dump included).
/// - SIGTSTP (Ctrl-Z): the child is stopped (SIGSTOP), the cursor shown, then the process
///   stops itself; when continued (SIGCONT: `fg`, `bg`), it hides the cursor again and
///   continues the child. The shell's prompt is never left without a cursor.
/// SIGQUIT, SIGHUP and SIGTSTP keep an ignored disposition they had on entry (`nohup`).
///
/// Why act inside the handler instead of telling the program? The program may be anywhere:
/// in a blocking sleep, in a CPU-bound prime check, in a frozen coroutine. Each of those would
/// need its own way to notice a flag. The handlers use only async-signal-safe calls (kill,
/// waitpid, write, sigaction, pthread_sigmask, raise, _exit; and waitid, which POSIX does not
/// list but glibc makes one system call, like waitpid) on values prepared in advance, so they
/// are safe wherever they land.
/// The destructor shows the cursor and puts the previous handlers back. One at a time.
class terminal_session {
public:
    terminal_session(int fd, bool animate);
    ~terminal_session();
    terminal_session(const terminal_session&) = delete;
    terminal_session& operator=(const terminal_session&) = delete;

    [[nodiscard]] bool animating() const noexcept { return animate_; }
    [[nodiscard]] int fd() const noexcept { return fd_; }

    /// The child the handlers must stop before exiting (0: none).
    void watch_child(pid_t child) noexcept;

    /// Erases the spinner's line (when animating): what a spinner that died mid-turn left.
    void erase_line() noexcept;

    /// For a forked child, first thing: every signal the session handles is ignored (Ctrl-C,
    /// Ctrl-Z, a group SIGTERM reach the whole process group; the parent decides, and stops
    /// or ends the child itself), and the signal mask emptied (fork is done inside a
    /// signal_block). A child that died of the group's SIGTERM before the parent's handler
    /// ran would otherwise look like a lost worker.
    static void reset_signals_in_child() noexcept;

private:
    int fd_;
    bool animate_;
    std::array<struct sigaction, session_signals.size()> previous_{};  // in session_signals' order
};

}  // namespace concur::sys
