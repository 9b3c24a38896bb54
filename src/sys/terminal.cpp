// The terminal an animation draws on: whether to animate, its width, the cursor, the turn with signal handlers.
#include "concur/sys/terminal.hpp"

#include "concur/sys/io.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace concur::sys {
namespace {

constexpr std::string_view hide_cursor = "\x1b[?25l";
constexpr std::string_view show_cursor = "\x1b[?25h";
// Carriage return, erase the whole line (EL 2).
constexpr std::string_view erase_line = "\r\x1b[2K";
// The same and show the cursor: what a handler leaves.
constexpr std::string_view erase_line_show_cursor = "\r\x1b[2K\x1b[?25h";
// Carriage return, erase to the end of the screen (ED 0), show the cursor: a block's handler.
constexpr std::string_view erase_below_show_cursor = "\r\x1b[J\x1b[?25h";

// What the handler functions need, set by terminal_session before any handler can use them.
// sig_atomic_t: read in a handler.
volatile sig_atomic_t session_fd = -1;
volatile sig_atomic_t session_hid_cursor = 0;
volatile sig_atomic_t session_erases_below = 0;  // 1: terminal_area::cursor_to_end

// Who has the screen. Frames take it in turn, a Ctrl-Z handler holds it while the process is
// stopped, a handler putting the terminal back closes it for good. A lock-free atomic, so a
// handler may use it (a mutex would not be async-signal-safe).
enum class screen_state : int {
    free,     // nobody draws: a frame or a handler may take it
    drawing,  // a screen_turn holds it
    paused,   // a Ctrl-Z handler holds it until the process is continued
    closed,   // put back for good: no frame until the next terminal_session
};
std::atomic<screen_state> screen{screen_state::free};
static_assert(std::atomic<screen_state>::is_always_lock_free);

/// In a handler: waits for the screen to be free (a frame in progress on another thread, whose
/// thread has the terminal_signals blocked; or a pause on another thread, over as soon as the
/// process is continued), then takes it as `taken`. False if it is closed already, or (when
/// pausing) paused already.
bool take_screen_in_handler(screen_state taken) noexcept {
    screen_state expected = screen_state::free;
    while (!screen.compare_exchange_weak(expected, taken)) {
        if (expected == screen_state::closed) return false;
        if (taken == screen_state::paused && expected == screen_state::paused) return false;
        expected = screen_state::free;
    }
    return true;
}

void write_to_session(std::string_view text) noexcept {
    if (session_hid_cursor != 0) write_ignoring_errors(session_fd, text);
}

void erase_session_area() noexcept {
    write_to_session(session_erases_below != 0 ? erase_below_show_cursor : erase_line_show_cursor);
}

}  // namespace

bool can_animate(int fd) {
    if (::isatty(fd) == 0) return false;
    const char* term = std::getenv("TERM");
    return term != nullptr && *term != '\0' && std::strcmp(term, "dumb") != 0;
}

std::optional<unsigned> terminal_columns(int fd) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return std::nullopt;
    return size.ws_col;
}

std::optional<unsigned> terminal_rows(int fd) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) return std::nullopt;
    return size.ws_row;
}

bool is_pipe_or_socket(int fd) noexcept {
    struct stat status {};
    return ::fstat(fd, &status) == 0 && (S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode));
}

screen_turn::screen_turn() noexcept {
    sigset_t held;
    sigemptyset(&held);
    for (const int signal : terminal_signals) sigaddset(&held, signal);
    ::pthread_sigmask(SIG_BLOCK, &held, &previous_mask_);
    screen_state expected = screen_state::free;
    taken_ = screen.compare_exchange_strong(expected, screen_state::drawing);
}

screen_turn::~screen_turn() {
    if (taken_) screen.store(screen_state::free);
    ::pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);  // a pending Ctrl-C is delivered here
}

bool draw_on_terminal(int fd, std::string_view text) noexcept {
    const screen_turn turn;
    if (turn.taken()) write_ignoring_errors(fd, text);
    return turn.taken();
}

void erase_terminal_line(int fd) noexcept { (void)draw_on_terminal(fd, erase_line); }

terminal_session::terminal_session(int fd, bool animate, terminal_area area) noexcept : fd_(fd), animate_(animate) {
    session_fd = fd;
    session_erases_below = area == terminal_area::cursor_to_end ? 1 : 0;
    // Set before the cursor is hidden: a handler that runs in between must show it again.
    session_hid_cursor = animate ? 1 : 0;
    screen.store(screen_state::free);
    if (animate_) write_ignoring_errors(fd_, hide_cursor);  // a terminal that cannot take it shows no frames either
}

terminal_session::~terminal_session() {
    const signal_block held{terminal_signals};
    if (session_hid_cursor != 0) write_ignoring_errors(fd_, show_cursor);  // a dead terminal needs no cursor
    session_hid_cursor = 0;
    session_fd = -1;
}

void put_terminal_back_in_handler() noexcept {
    if (take_screen_in_handler(screen_state::closed)) erase_session_area();
}

bool pause_terminal_in_handler() noexcept {
    if (!take_screen_in_handler(screen_state::paused)) return false;
    erase_session_area();
    return true;
}

void resume_terminal_in_handler() noexcept {
    write_to_session(hide_cursor);
    screen.store(screen_state::free);  // frames again, from the next tick
}

}  // namespace concur::sys
