// terminal_session: the cursor `concur spin` hides, shown again on every way out, signals included.
#include "concur/sys/terminal.hpp"

#include "concur/sys/io.hpp"

#include <fmt/os.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace concur::sys {
namespace {

constexpr std::string_view hide_cursor = "\x1b[?25l";
constexpr std::string_view show_cursor = "\x1b[?25h";
// Carriage return, erase the whole line (EL 2), show the cursor: what the handler leaves.
constexpr char restore_line[] = "\r\x1b[2K\x1b[?25h";
constexpr char interrupted_by_sigint[] = "concur: interrupted by SIGINT\n";
constexpr char interrupted_by_sigterm[] = "concur: interrupted by SIGTERM\n";

// What the handler needs, set before it is installed. sig_atomic_t: read in a handler.
volatile sig_atomic_t handler_fd = -1;
volatile sig_atomic_t handler_restores_cursor = 0;
volatile sig_atomic_t handler_child = 0;

// Who has the terminal: frames take it in turn, and the interrupt handler closes it for good.
// A lock-free atomic, so the handler may use it (a mutex would not be async-signal-safe).
enum screen_turn : int { screen_free = 0, screen_drawing = 1, screen_closed = 2 };
std::atomic<int> screen{screen_free};
static_assert(std::atomic<int>::is_always_lock_free);

/// In the handler: wait for a frame in progress (on another thread: the drawing thread has
/// these signals blocked), then close the screen to frames.
void close_screen() noexcept {
    int expected = screen_free;
    while (!screen.compare_exchange_weak(expected, screen_closed)) {
        if (expected == screen_closed) return;
        expected = screen_free;
    }
}

void write_in_handler(int fd, const char* text, std::size_t size) noexcept {
    while (size > 0) {
        const ssize_t sent = ::write(fd, text, size);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return;
        text += sent;
        size -= static_cast<std::size_t>(sent);
    }
}

extern "C" void stop_on_interrupt(int signal) {
    const pid_t child = handler_child;
    if (child > 0) {
        // The child draws the frames in the process model: stop it before erasing the line,
        // and reap it, so Ctrl-C leaves neither a running child nor a zombie.
        ::kill(child, SIGKILL);
        while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    close_screen();
    if (handler_restores_cursor != 0) write_in_handler(handler_fd, restore_line, sizeof restore_line - 1);
    if (signal == SIGINT) {
        write_in_handler(STDERR_FILENO, interrupted_by_sigint, sizeof interrupted_by_sigint - 1);
    } else {
        write_in_handler(STDERR_FILENO, interrupted_by_sigterm, sizeof interrupted_by_sigterm - 1);
    }
    ::_exit(128 + signal);  // _exit: no atexit handlers, no stdio flushing, both unsafe here
}

}  // namespace

bool draw_on_terminal(int fd, const char* text, std::size_t size) noexcept {
    sigset_t interrupts;
    sigemptyset(&interrupts);
    sigaddset(&interrupts, SIGINT);
    sigaddset(&interrupts, SIGTERM);
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &interrupts, &previous);
    int expected = screen_free;
    const bool drawing = screen.compare_exchange_strong(expected, screen_drawing);
    if (drawing) {
        write_in_handler(fd, text, size);  // a plain write loop; a failed write is ignored
        screen.store(screen_free);
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);  // a pending Ctrl-C is delivered here
    return drawing;
}

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

terminal_session::terminal_session(int fd, bool animate) : fd_(fd), animate_(animate) {
    handler_fd = fd;
    handler_restores_cursor = animate ? 1 : 0;
    handler_child = 0;
    struct sigaction action {};
    action.sa_handler = stop_on_interrupt;
    sigfillset(&action.sa_mask);  // a SIGTERM arriving during the SIGINT handler waits
    if (::sigaction(SIGINT, &action, &previous_interrupt_) != 0 ||
        ::sigaction(SIGTERM, &action, &previous_terminate_) != 0) {
        throw fmt::system_error(errno, "cannot install the interrupt handlers");
    }
    if (animate_) {
        try {
            write_all(fd_, hide_cursor);
        } catch (...) {  // a terminal that cannot take a few bytes will not show frames either
        }
    }
}

terminal_session::~terminal_session() {
    if (animate_) {
        try {
            write_all(fd_, show_cursor);
        } catch (...) {  // destructors report and never throw; a dead terminal needs no cursor
        }
    }
    ::sigaction(SIGINT, &previous_interrupt_, nullptr);
    ::sigaction(SIGTERM, &previous_terminate_, nullptr);
    handler_child = 0;
}

void terminal_session::watch_child(pid_t child) noexcept { handler_child = child; }

void terminal_session::reset_signals_in_child() noexcept {
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace concur::sys
