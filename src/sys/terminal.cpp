// terminal_session: the cursor `concur spin` hides, shown again on every way out, signals included.
#include "concur/sys/terminal.hpp"

#include "concur/sys/io.hpp"
#include "concur/sys/signal_pipe.hpp"

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

constexpr char hide_cursor[] = "\x1b[?25l";
constexpr char show_cursor[] = "\x1b[?25h";
// Carriage return, erase the whole line (EL 2): what a spinner that died mid-turn left.
constexpr char erase_whole_line[] = "\r\x1b[2K";
// The same and show the cursor: what the handlers leave.
constexpr char restore_line[] = "\r\x1b[2K\x1b[?25h";
constexpr char interrupted_by_sigint[] = "concur: interrupted by SIGINT\n";
constexpr char interrupted_by_sigterm[] = "concur: interrupted by SIGTERM\n";

// What the handlers need, set before they are installed. sig_atomic_t: read in a handler.
volatile sig_atomic_t handler_fd = -1;
volatile sig_atomic_t handler_restores_cursor = 0;
volatile sig_atomic_t handler_child = 0;

// Who has the terminal: frames take it in turn, the Ctrl-Z handler pauses it while the
// process is stopped, and the ending handlers close it for good. A lock-free atomic, so the
// handlers may use it (a mutex would not be async-signal-safe).
enum screen_turn : int { screen_free = 0, screen_drawing = 1, screen_closed = 2, screen_paused = 3 };
std::atomic<int> screen{screen_free};
static_assert(std::atomic<int>::is_always_lock_free);

/// In a handler: wait for the screen to be free (a frame in progress on another thread: the
/// drawing thread has these signals blocked; or a Ctrl-Z pause on another thread, over as
/// soon as the process is continued), then take it as `taken`. False if it is closed already,
/// or (when pausing) paused already.
bool take_screen(int taken) noexcept {
    int expected = screen_free;
    while (!screen.compare_exchange_weak(expected, taken)) {
        if (expected == screen_closed || (taken == screen_paused && expected == screen_paused)) return false;
        expected = screen_free;
    }
    return true;
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

template <std::size_t size>
void write_in_handler(int fd, const char (&text)[size]) noexcept {
    write_in_handler(fd, text, size - 1);  // without the string's terminating zero
}

/// The child draws the frames in the process model: end it before erasing the line, and
/// reap it, so that no frame follows the clean-up and the signal leaves neither a running
/// child nor a zombie.
void end_child() noexcept {
    const pid_t child = handler_child;
    if (child <= 0) return;
    ::kill(child, SIGKILL);
    while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
    }
}

/// Closes the screen to frames for good and puts the terminal back.
void restore_terminal() noexcept {
    end_child();
    take_screen(screen_closed);
    if (handler_restores_cursor != 0) write_in_handler(handler_fd, restore_line);
}

extern "C" void stop_on_interrupt(int signal) {
    restore_terminal();
    if (signal == SIGINT) {
        write_in_handler(STDERR_FILENO, interrupted_by_sigint);
    } else {
        write_in_handler(STDERR_FILENO, interrupted_by_sigterm);
    }
    ::_exit(128 + signal);  // _exit: no atexit handlers, no stdio flushing, both unsafe here
}

/// Lets `signal`'s default action happen now: the disposition back to SIG_DFL, the signal
/// unblocked on this thread (a handler runs with every signal blocked), and raised.
void take_default_action(int signal) noexcept {
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(signal, &default_action, nullptr);
    sigset_t just_this;
    sigemptyset(&just_this);
    sigaddset(&just_this, signal);
    ::pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
    ::raise(signal);
}

// SIGQUIT, SIGHUP: put the terminal back, then die by the signal as if there were no handler,
// so the shell reports it as usual ("Quit (core dumped)", or nothing after a hang-up).
extern "C" void die_restoring_terminal(int signal) {
    restore_terminal();
    take_default_action(signal);
    ::_exit(128 + signal);  // not reached: the default action of both ends the process
}

extern "C" void pause_on_stop(int signal);

/// The handler pause_on_stop puts back once the process is continued.
struct sigaction stop_handler() noexcept {
    struct sigaction action {};
    action.sa_handler = pause_on_stop;
    sigfillset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // it returns: interrupted reads and writes just go on
    return action;
}

// SIGTSTP (Ctrl-Z): stop the child, show the cursor, stop. The shell's prompt comes back with
// a cursor. The process stops inside raise(); raise() returns when SIGCONT continues it, and
// the handler then undoes what it did. (The stop is the default action of SIGTSTP, restored
// for the raise: a process that handles SIGTSTP does not stop unless it stops itself.)
extern "C" void pause_on_stop(int signal) {
    const int saved_errno = errno;  // this handler returns to the interrupted code
    const pid_t child = handler_child;
    if (child > 0) {
        // The child ignores SIGTSTP: SIGSTOP it, and wait until it is stopped (or dead; the
        // wait does not reap: WNOWAIT) so it cannot draw a frame after the line is erased.
        // glibc's waitid, like waitpid, is one system call that takes no lock.
        ::kill(child, SIGSTOP);
        siginfo_t info{};
        const auto id = static_cast<id_t>(child);
        while (::waitid(P_PID, id, &info, WSTOPPED | WEXITED | WNOWAIT) < 0 && errno == EINTR) {
        }
    }
    const bool paused = take_screen(screen_paused);
    if (paused && handler_restores_cursor != 0) write_in_handler(handler_fd, restore_line);

    take_default_action(signal);  // stops here until SIGCONT

    sigset_t just_this;
    sigemptyset(&just_this);
    sigaddset(&just_this, signal);
    ::pthread_sigmask(SIG_BLOCK, &just_this, nullptr);  // another Ctrl-Z waits for this one
    const struct sigaction again = stop_handler();
    ::sigaction(signal, &again, nullptr);
    if (paused) {
        if (handler_restores_cursor != 0) write_in_handler(handler_fd, hide_cursor);
        screen.store(screen_free);  // frames again, from the next tick
    }
    if (child > 0) ::kill(child, SIGCONT);
    errno = saved_errno;
}

}  // namespace

bool draw_on_terminal(int fd, const char* text, std::size_t size) noexcept {
    sigset_t handled;
    sigemptyset(&handled);
    for (const int signal : session_signals) sigaddset(&handled, signal);
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &handled, &previous);
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
    screen.store(screen_free);
    struct sigaction ending {};
    ending.sa_handler = stop_on_interrupt;
    sigfillset(&ending.sa_mask);  // a SIGTERM arriving during the SIGINT handler waits
    struct sigaction dying = ending;
    dying.sa_handler = die_restoring_terminal;
    const struct sigaction pausing = stop_handler();
    for (std::size_t i = 0; i < session_signals.size(); ++i) {
        const int signal = session_signals[i];
        const struct sigaction& action = signal == SIGINT || signal == SIGTERM ? ending
                                         : signal == SIGTSTP                  ? pausing
                                                                              : dying;
        bool installed = ::sigaction(signal, nullptr, &previous_[i]) == 0;
        // `nohup` (SIGHUP) and a shell's background job (SIGQUIT) ask for these to be ignored.
        const bool keep_ignored =
            signal != SIGINT && signal != SIGTERM && previous_[i].sa_handler == SIG_IGN;
        if (installed && !keep_ignored) installed = ::sigaction(signal, &action, nullptr) == 0;
        if (!installed) throw fmt::system_error(errno, "cannot install the signal handlers");
    }
    if (animate_) {
        try {
            write_all(fd_, hide_cursor);
        } catch (...) {  // a terminal that cannot take a few bytes will not show frames either
        }
    }
}

terminal_session::~terminal_session() {
    // With every signal held back: a Ctrl-Z between showing the cursor and putting the old
    // handlers back would otherwise hide it again when continued, for good.
    const signal_block blocked;
    if (animate_) {
        try {
            write_all(fd_, show_cursor);
        } catch (...) {  // destructors report and never throw; a dead terminal needs no cursor
        }
    }
    for (std::size_t i = 0; i < session_signals.size(); ++i) {
        ::sigaction(session_signals[i], &previous_[i], nullptr);
    }
    handler_child = 0;
}

void terminal_session::watch_child(pid_t child) noexcept { handler_child = child; }

void terminal_session::erase_line() noexcept {
    if (animate_) (void)draw_on_terminal(fd_, erase_whole_line, sizeof erase_whole_line - 1);
}

void terminal_session::reset_signals_in_child() noexcept {
    for (const int signal : session_signals) ::signal(signal, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace concur::sys
