// bench_runs: the runs `concur bench` times: one model with its workers, or independent copies side by side.
#include "concur/demos/bench_runs.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/runtime/run_checks.hpp"
#include "concur/sys/child_process.hpp"
#include "concur/sys/cpu_time.hpp"
#include "concur/sys/descriptors.hpp"
#include "concur/sys/pipe.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <poll.h>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

double seconds(std::chrono::nanoseconds duration) { return std::chrono::duration<double>(duration).count(); }

/// Takes the results and keeps only what the bench needs: the longest check.
class timing_listener final : public pool_listener {
public:
    void on_result(const checked_number& result) override { longest = std::max(longest, result.elapsed); }
    void on_worker_lost(const lost_worker& lost) override {
        if (description.empty()) description = fmt::format("worker {} (pid {}) {}", lost.worker, lost.pid, lost.how.describe());
    }
    std::chrono::nanoseconds longest{};
    std::string description;
};

/// The CPU time between two readings, into `run`.
void add_cpu_time(measured_run& run, const sys::cpu_time& before, const sys::cpu_time& after) {
    run.user = seconds(after.user - before.user);
    run.system = seconds(after.system - before.system);
}

/// The children of one side-by-side run: killed and reaped however the run ends, so that an
/// interrupted bench leaves no copy behind and no zombie.
class copies_guard {
public:
    ~copies_guard() {
        for (const pid_t pid : pids) sys::kill_and_reap(pid);
    }
    /// How each copy ended, once every one has (or is about to).
    std::vector<sys::child_exit> reap_all() {
        std::vector<sys::child_exit> ends;
        for (const pid_t pid : pids) ends.push_back(sys::wait_for_child(pid));
        pids.clear();
        return ends;
    }
    std::vector<pid_t> pids;
};

/// The done pipe ended before every copy said done: each copy has ended. One that was
/// interrupted (the group's Ctrl-C reached it before this process looked) makes the run
/// interrupted; otherwise copies were lost.
measured_run ended_early(copies_guard& children, unsigned missing, unsigned copies) {
    measured_run run;
    run.ending = pool_ending::worker_lost;
    run.lost = fmt::format("{} of {} side-by-side runs ended without finishing", missing, copies);
    for (const sys::child_exit& how : children.reap_all()) {
        for (const int signal : {SIGINT, SIGTERM}) {
            if (how.exited && how.code == exit_status::interrupted_by(signal)) {
                run.ending = pool_ending::interrupted;
                run.signal = signal;
            }
        }
    }
    return run;
}

}  // namespace

measured_run run_model_once(execution_model model, unsigned workers, const std::vector<std::uint64_t>& numbers,
                            const prime_method_info& method) {
    list_source source{numbers};
    timing_listener listener;
    measured_run run;
    const sys::cpu_time before = sys::process_cpu_time();
    const auto start = clock::now();
    const pool_report report = run_checks(model, source, {workers, method.check, {method.estimate}}, listener);
    run.wall = seconds(clock::now() - start);
    add_cpu_time(run, before, sys::process_cpu_time());
    run.ending = report.ending;
    run.signal = report.interrupt_signal;
    run.lost = listener.description;
    run.longest_check = seconds(listener.longest);
    return run;
}

measured_run run_copies_side_by_side(unsigned copies, const std::vector<std::uint64_t>& numbers,
                                     const prime_method_info& method) {
    // Caught before the first fork: a Ctrl-C from now on ends the run, whatever it is doing.
    sys::signal_pipe signals{SIGINT, SIGTERM};
    sys::pipe_ends start_pipe = sys::make_pipe();
    sys::pipe_ends done_pipe = sys::make_pipe();
    copies_guard children;
    std::fflush(nullptr);  // a stdio buffer not flushed before fork would be written once per process
    for (unsigned copy = 0; copy < copies; ++copy) {
        const int start_fd = start_pipe.read_end.get();
        const int done_fd = done_pipe.write_end.get();
        const sys::signal_block blocked;  // the child resets its handlers before any signal lands
        children.pids.push_back(sys::fork_child([&] {
            // Each copy keeps only the start pipe's read end and the done pipe's write end: a
            // done pipe's write end held by anyone else would hide the end-of-file that tells
            // the parent a copy died.
            signals.forget_in_child();
            sys::close_descriptors_except({start_fd, done_fd});
            // The parent decides when a copy stops (it kills it); the run itself catches the
            // signals again for its duration, as `concur primes` does.
            std::signal(SIGINT, SIG_IGN);
            std::signal(SIGTERM, SIG_IGN);
            sigset_t none;
            sigemptyset(&none);
            ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
            char go = 0;
            while (::read(start_fd, &go, 1) < 0 && errno == EINTR) {}
            list_source source{numbers};
            timing_listener listener;
            const pool_report report =
                run_checks(execution_model::sequential, source, {1, method.check, {method.estimate}}, listener);
            // Interrupted by the group's Ctrl-C before the parent saw it: the exit status says so.
            if (report.ending == pool_ending::interrupted) return exit_status::interrupted_by(report.interrupt_signal);
            if (report.ending != pool_ending::complete) return 1;
            while (::write(done_fd, "d", 1) < 0 && errno == EINTR) {}
            return 0;
        }));
    }
    start_pipe.read_end.reset();
    done_pipe.write_end.reset();  // end-of-file once every copy has ended, done or not

    measured_run run;
    const sys::cpu_time before = sys::process_cpu_time();
    const auto start = clock::now();
    const std::string go(copies, 'g');  // one byte each: every copy waits in read() for its own
    if (::write(start_pipe.write_end.get(), go.data(), go.size()) != static_cast<ssize_t>(go.size())) {
        throw fmt::system_error(errno, "cannot start the side-by-side runs");
    }
    unsigned done = 0;
    while (done < copies) {
        std::array<pollfd, 2> fds{pollfd{signals.fd(), POLLIN, 0}, pollfd{done_pipe.read_end.get(), POLLIN, 0}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            throw fmt::system_error(errno, "cannot wait for the side-by-side runs");
        }
        if (const auto signal = signals.take()) {
            run.ending = pool_ending::interrupted;
            run.signal = *signal;
            return run;  // the guard kills and reaps the copies
        }
        char bytes[64];
        const ssize_t got = ::read(done_pipe.read_end.get(), bytes, sizeof bytes);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return ended_early(children, copies - done, copies);
        done += static_cast<unsigned>(got);
    }
    run.wall = seconds(clock::now() - start);
    children.reap_all();  // their CPU time counts once they are reaped
    add_cpu_time(run, before, sys::process_cpu_time());
    return run;
}

}  // namespace concur
