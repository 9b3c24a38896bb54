// Forking a child that cannot outlive its parent, and describing how a child ended.
#pragma once

#include <string>
#include <sys/types.h>

namespace concur::sys {

/// fork() for a child that runs `body` and never returns to the caller's code.
/// In the child: PR_SET_PDEATHSIG(SIGKILL) so it dies with its parent (checked against the
/// race where the parent died before prctl), then `body()`, then _exit with its result
/// (_exit, not exit: the parent's atexit handlers and stdio buffers are not the child's).
/// Flush stdio before calling: unflushed output would be written twice, once per process.
/// Throws fmt::system_error if fork fails (EAGAIN names the process limit).
template <typename Body>
pid_t fork_child(Body&& body);

/// How a child ended, from waitpid's status.
struct child_exit {
    bool exited = false;  // true: it called _exit(code); false: a signal killed it
    int code = 0;         // exit code, or the signal number
    [[nodiscard]] bool success() const noexcept { return exited && code == 0; }
    /// "exited with status 1" or "was killed by SIGKILL".
    [[nodiscard]] std::string describe() const;
};

[[nodiscard]] child_exit decode_wait_status(int status) noexcept;

/// Blocks until `pid` ends (retrying EINTR) and reaps it.
child_exit wait_for_child(pid_t pid);

/// Reaps `pid` if it has ended; nothing if it is still running.
[[nodiscard]] bool try_reap_child(pid_t pid, child_exit& how);

/// Blocks until `pid` has ended (retrying EINTR) without reaping it: the pid stays the
/// child's, so no new process can be given it, until wait_for_child() reaps it.
void wait_until_ended(pid_t pid);

// For signal handlers (async-signal-safe: kill, waitpid; and waitid, which POSIX does not
// list but glibc makes one system call, like waitpid). Nothing is reported: a child that is
// gone already is simply not there to act on.

/// SIGKILLs `pid` and reaps it (retrying EINTR): afterwards it neither runs nor is a zombie.
void kill_and_reap(pid_t pid) noexcept;
/// SIGSTOPs `pid` and waits until it has stopped (or ended; it is not reaped), so it can do
/// nothing more until continue_child().
void stop_and_wait(pid_t pid) noexcept;
/// SIGCONT: a child stopped by stop_and_wait() runs again.
void continue_child(pid_t pid) noexcept;

namespace detail {
pid_t fork_with_death_signal();  // 0 in the child, the pid in the parent
[[noreturn]] void exit_child(int code) noexcept;
}  // namespace detail

template <typename Body>
pid_t fork_child(Body&& body) {
    const pid_t pid = detail::fork_with_death_signal();
    if (pid == 0) {
        int code = 1;
        try {
            code = body();
        } catch (...) {
            code = 1;
        }
        detail::exit_child(code);
    }
    return pid;
}

}  // namespace concur::sys
