// signal_pipe: turns asynchronous signals into bytes on a pipe that poll() can wait on.
#pragma once

#include "concur/sys/signal_handlers.hpp"
#include "concur/sys/unique_fd.hpp"

#include <atomic>
#include <csignal>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>

namespace concur::sys {

/// The self-pipe trick. While alive, each listed signal's handler writes the signal number
/// into a non-blocking pipe; poll() on fd() wakes up, and take() says which signal came.
/// The handler does nothing else, so everything the program decides happens in normal code.
/// Only one signal_pipe may be alive at a time; the previous handlers come back on destruction.
/// Handlers are installed with SA_RESTART, so only poll()-like calls see EINTR.
class signal_pipe {
public:
    explicit signal_pipe(std::initializer_list<int> signals);
    ~signal_pipe();
    signal_pipe(const signal_pipe&) = delete;
    signal_pipe& operator=(const signal_pipe&) = delete;

    /// Readable when a signal has arrived.
    [[nodiscard]] int fd() const noexcept { return read_end_.get(); }
    /// Set by the handler, before it writes its byte, when any of the signals arrives, and never
    /// cleared while this pipe lives: a lock-free atomic flag, the one kind of object a handler
    /// may store to. For code that cannot wait on fd() because it is computing on the thread
    /// the signal interrupts: one relaxed load tells it a signal is waiting on the pipe.
    [[nodiscard]] const std::atomic<bool>& arrived() const noexcept;
    /// The next signal that arrived, or nothing if none is pending. Never blocks.
    [[nodiscard]] std::optional<int> take();

    /// Waits until `fd` is readable or a signal has arrived, whichever comes first. Reading
    /// standard input straight away would block in read(), which SA_RESTART resumes after
    /// Ctrl-C: a loop that reads input between checks would never see the signal.
    void wait_for_input_or_signal(int fd) const;

    /// Called in a forked child: restores the previous handlers and closes both ends, so the
    /// child's signals never reach the parent's pipe.
    void forget_in_child() noexcept;

private:
    unique_fd read_end_;
    unique_fd write_end_;
    std::optional<signal_handlers> handlers_;  // emptied early by forget_in_child
};

/// Blocks every signal for the lifetime of the object (and restores the mask after), on the
/// calling thread. Wrap fork() in it: the child can then reset its handlers before any signal
/// is delivered. With a list, only those signals are held back; they are delivered (to this
/// thread or another) once the mask is restored.
class signal_block {
public:
    signal_block() noexcept;
    explicit signal_block(std::span<const int> signals) noexcept;
    ~signal_block();
    signal_block(const signal_block&) = delete;
    signal_block& operator=(const signal_block&) = delete;

private:
    sigset_t previous_{};
};

/// Ignores one signal for the lifetime of the object (and restores its disposition after).
/// For SIGPIPE around writes to a pipe whose readers may all be gone: the write must fail with
/// EPIPE, which the code handles, instead of killing the process before it can say anything.
class signal_ignored {
public:
    explicit signal_ignored(int signal) noexcept;
    ~signal_ignored();
    signal_ignored(const signal_ignored&) = delete;
    signal_ignored& operator=(const signal_ignored&) = delete;

private:
    int signal_;
    struct sigaction previous_{};
};

/// Whether any signal_pipe's handler caught `signal` (1 to 63) since forget_caught_signals(),
/// taken or not. For code that runs other code holding a signal_pipe of its own (bench times
/// whole primes runs, one after another): a signal that arrives after that code's last look at
/// its pipe, as it finishes, would go away with the pipe; here it is still seen.
[[nodiscard]] bool was_caught(int signal) noexcept;
void forget_caught_signals() noexcept;

/// "SIGKILL" for 9: the name users know.
[[nodiscard]] std::string signal_name(int signal);

}  // namespace concur::sys
