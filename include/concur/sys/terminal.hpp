// The terminal an animation draws on: whether to animate, its width, the cursor, the turn with signal handlers.
#pragma once

#include <array>
#include <csignal>
#include <optional>
#include <string_view>

namespace concur::sys {

/// True when animation frames belong on `fd`: it is a terminal, and TERM is set and is not
/// "dumb". Otherwise (a pipe, a file, a CI log, Emacs' dumb shell) no `\r` frames are written.
[[nodiscard]] bool can_animate(int fd);

/// How many columns the terminal on `fd` has now (TIOCGWINSZ), or nothing when it is not a
/// terminal or does not say (a fresh pseudo-terminal reports 0). Asked again for each frame:
/// a resized terminal (SIGWINCH) is then honoured on the next frame, without a handler.
[[nodiscard]] std::optional<unsigned> terminal_columns(int fd);

/// How many rows the terminal on `fd` has now, or nothing, as terminal_columns.
[[nodiscard]] std::optional<unsigned> terminal_rows(int fd);

/// True when `fd` is a pipe or a socket: what is written there may reach a screen later, when
/// and if its reader (`| cat`) writes it out, at a moment the writer cannot know.
[[nodiscard]] bool is_pipe_or_socket(int fd) noexcept;

/// The signals a terminal's user or shell sends to end or stop a program: Ctrl-C, SIGTERM,
/// Ctrl-\, a hang-up and Ctrl-Z. A screen_turn holds them back on its thread, so that a handler
/// of any of them may use the handler functions at the end of this file.
inline constexpr std::array<int, 5> terminal_signals{SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGTSTP};

/// One frame's turn at the screen. Frames and signal handlers take turns: in a threaded
/// program a spinner thread may be writing a frame when Ctrl-C lands on another thread, and a
/// frame written after the handler's clean-up (in the moment before the process exits, or
/// while Ctrl-Z has it stopped) would leave a spinner line behind the handler's message or in
/// the shell's prompt. While a turn is alive, terminal_signals are blocked on its thread (so
/// no handler runs on the thread that holds the turn) and a handler on another thread waits
/// for it (microseconds). taken() is false when a handler has put the terminal back for good
/// or paused it: then nothing may be drawn. What the turn guards may include more than the
/// write (a frame count that a handler reads once it has the screen).
class screen_turn {
public:
    screen_turn() noexcept;
    ~screen_turn();
    screen_turn(const screen_turn&) = delete;
    screen_turn& operator=(const screen_turn&) = delete;

    [[nodiscard]] bool taken() const noexcept { return taken_; }

private:
    sigset_t previous_mask_{};
    bool taken_ = false;
};

/// Writes `text` to `fd` in a screen_turn (a failed write is ignored: an animation that cannot
/// draw must not stop the work it decorates). False, and nothing written, without the turn.
bool draw_on_terminal(int fd, std::string_view text) noexcept;

/// Erases the line the cursor is on (carriage return, then EL 2), in a screen_turn: what an
/// animation that died mid-frame left behind.
void erase_terminal_line(int fd) noexcept;

/// What an animation occupies, so that a handler erases all of it: the line the cursor is on
/// (a spinner), or everything from the cursor to the end of the screen (a block of status
/// lines that leaves the cursor at the start of its first line).
enum class terminal_area {
    line,
    cursor_to_end,
};

/// While alive, if `animate`: the cursor is hidden on `fd` (a blinking block over a spinner's
/// character looks broken); the destructor shows it again, with the terminal_signals held back
/// meanwhile (a Ctrl-Z between showing it and the end of the session would hide it again when
/// continued). Also makes `fd` the terminal the handler functions below put back, erasing
/// `area` there. One at a time.
class terminal_session {
public:
    terminal_session(int fd, bool animate, terminal_area area = terminal_area::line) noexcept;
    ~terminal_session();
    terminal_session(const terminal_session&) = delete;
    terminal_session& operator=(const terminal_session&) = delete;

    [[nodiscard]] bool animating() const noexcept { return animate_; }
    [[nodiscard]] int fd() const noexcept { return fd_; }

private:
    int fd_;
    bool animate_;
};

// --- For signal handlers: the mechanism, not the policy ----------------------------------
// Why the split? What a signal should do is the program's business: which message, which
// exit status, what to do with a child first, or (for a program that can stop cleanly) only
// setting a flag and letting it stop. What every such program needs from the terminal is the
// same, and delicate: wait for a frame in progress, never let another one start, erase the line
// and show the cursor, and undo it on SIGCONT. So this file offers those steps, each
// async-signal-safe (write, sigprocmask, a lock-free atomic; no lock, no allocation) and using
// only values set in advance by terminal_session; the program's own handlers call them, in the
// order its policy wants (see demos/spin_signals for `concur spin`'s).

/// Takes the screen for good: waits for a frame in progress, then no frame is drawn again
/// (until the next terminal_session). If the session hid the cursor, erases its area (the line)
/// and shows the cursor. For a handler about to end the process, or about to tell the program to stop.
void put_terminal_back_in_handler() noexcept;

/// Takes the screen while the process is stopped (Ctrl-Z): waits for a frame in progress,
/// then erases the session's area and shows the cursor (if the session hid it), so the shell's prompt has
/// one. False if the screen was already paused or put back: then do not resume it.
[[nodiscard]] bool pause_terminal_in_handler() noexcept;

/// After pause_terminal_in_handler() returned true and the process was continued: hides the
/// cursor again (if the session hid it) and gives the screen back to the frames.
void resume_terminal_in_handler() noexcept;

}  // namespace concur::sys
