// Forking a child that cannot outlive its parent, and describing how a child ended.
#include "concur/sys/child_process.hpp"

#include "concur/sys/signal_pipe.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace concur::sys {

std::string child_exit::describe() const {
    if (exited) return fmt::format("exited with status {}", code);
    return fmt::format("was killed by {}", signal_name(code));
}

child_exit decode_wait_status(int status) noexcept {
    if (WIFEXITED(status)) return {true, WEXITSTATUS(status)};
    if (WIFSIGNALED(status)) return {false, WTERMSIG(status)};
    return {false, 0};
}

child_exit wait_for_child(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw fmt::system_error(errno, "cannot wait for process {}", pid);
    }
    return decode_wait_status(status);
}

bool try_reap_child(pid_t pid, child_exit& how) {
    int status = 0;
    pid_t got = 0;
    do {
        got = ::waitpid(pid, &status, WNOHANG);
    } while (got < 0 && errno == EINTR);
    if (got < 0) throw fmt::system_error(errno, "cannot wait for process {}", pid);
    if (got == 0) return false;
    how = decode_wait_status(status);
    return true;
}

void wait_until_ended(pid_t pid) {
    siginfo_t info{};
    while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0) {
        if (errno != EINTR) throw fmt::system_error(errno, "cannot wait for process {}", pid);
    }
}

void kill_and_reap(pid_t pid) noexcept {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
}

void stop_and_wait(pid_t pid) noexcept {
    ::kill(pid, SIGSTOP);
    siginfo_t info{};
    while (::waitid(P_PID, static_cast<id_t>(pid), &info, WSTOPPED | WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
}

void continue_child(pid_t pid) noexcept { ::kill(pid, SIGCONT); }

namespace detail {

pid_t fork_with_death_signal() {
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        if (errno == EAGAIN) {
            // EAGAIN is RLIMIT_NPROC or a cgroup's pids.max (or the kernel's own pid_max).
            throw fmt::system_error(errno, "cannot start a process (the process limit is reached: ulimit -u, "
                                           "or pids.max of its cgroup)");
        }
        throw fmt::system_error(errno, "cannot start a process");
    }
    if (pid == 0) {
        // Die with the parent, however the parent dies (even SIGKILL, which it cannot catch).
        // If the parent died between fork() and prctl(), we were already re-parented: leave.
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(1);
    }
    return pid;
}

void exit_child(int code) noexcept { ::_exit(code); }

}  // namespace detail
}  // namespace concur::sys
