// run_process_pool: the seed's "processor pool", with fork and two pipes.
#include "concur/runtime/process_pool.hpp"

#include "concur/sys/descriptors.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "concur/sys/shared_memory.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "pool_ledger.hpp"
#include "pool_worker.hpp"

#include <fmt/os.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace concur {
namespace {

/// The last job record a worker read, in memory shared with the parent. The worker reads the
/// pipe straight into it: a read takes a record out of the pipe and copies it in one system
/// call, so even a worker killed at any instant leaves here the batch it was holding, which
/// is how the parent knows what to check again (--retries).
struct job_slot {
    std::array<std::byte, sizeof(job_record)> bytes{};
};

/// The worker's end of the two pipes. Every read asks for exactly one record: with several
/// workers reading one pipe, asking for more could take part of a record meant for another.
class pipe_channel {
public:
    pipe_channel(int jobs, int results, job_slot& slot) noexcept : jobs_(jobs), results_(results), slot_(slot) {}

    bool receive(job_record& job) {
        const long got = sys::read_some(jobs_, slot_.bytes);
        if (got != static_cast<long>(slot_.bytes.size())) return false;  // EOF: the parent is gone
        const auto decoded = decode_job_record(slot_.bytes);
        if (!decoded) return false;
        job = *decoded;
        return true;
    }
    void send(const result_record& record) {
        // One write of one record: atomic because it is no larger than PIPE_BUF.
        sys::write_all(results_, std::as_bytes(std::span{&record, 1}));
    }

private:
    int jobs_;
    int results_;
    job_slot& slot_;
};

/// Ignores SIGPIPE while alive, then restores what was there. When every worker has died, a
/// write to the job pipe must fail with EPIPE (which the pool handles) rather than kill the
/// caller, whether or not the caller happens to ignore SIGPIPE (concur's main does; a test
/// binary does not).
class sigpipe_ignored {
public:
    sigpipe_ignored() noexcept {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        ::sigaction(SIGPIPE, &ignore, &previous_);
    }
    ~sigpipe_ignored() { ::sigaction(SIGPIPE, &previous_, nullptr); }
    sigpipe_ignored(const sigpipe_ignored&) = delete;
    sigpipe_ignored& operator=(const sigpipe_ignored&) = delete;

private:
    struct sigaction previous_ {};
};

struct worker_process {
    pid_t pid = 0;
    bool running = true;  // not yet reaped
};

class process_pool {
public:
    process_pool(number_source& source, const pool_options& options, pool_listener& listener)
        : options_(options), listener_(listener), activity_(options.workers), job_slots_(options.workers),
          uncharged_replacements_(options.workers, 0), ledger_(source, options, listener, report_) {
        if (options_.retries > 0) ledger_.hold_pills_until_answered();
    }

    process_pool(const process_pool&) = delete;
    process_pool& operator=(const process_pool&) = delete;

    /// Whatever happened, no worker outlives the pool: the ones still running are killed
    /// and every one is reaped (no zombie is left for the caller).
    ~process_pool() { end_workers(SIGKILL); }

    pool_report run() {
        start_workers();
        while (!results_ended_ && !report_.interrupt_signal && !(keeps_worker_ends() && running_workers() == 0)) {
            step();
        }
        run_over_ = true;
        if (report_.interrupt_signal) {
            report_.ending = pool_ending::interrupted;
            end_workers(SIGKILL);  // they ignore SIGINT and SIGTERM (see start_worker)
        } else {
            reap_all();
        }
        ledger_.collect_unchecked();
        // With retries, a lost worker whose numbers were all answered by others costs nothing.
        const bool lost_counts = options_.retries == 0 && !report_.lost_workers.empty();
        if (report_.ending != pool_ending::interrupted &&
            (lost_counts || !report_.unchecked.empty() || report_.input_left_unread)) {
            report_.ending = pool_ending::worker_lost;
        }
        return std::move(report_);
    }

private:
    void start_workers() {
        auto jobs = sys::make_pipe();
        auto results = sys::make_pipe();
        job_pipe_ = std::move(jobs.write_end);
        sys::set_nonblocking(job_pipe_.get());  // the loop never blocks on a full job pipe
        // The first jobs go into the pipe before any fork, so each worker finds work the
        // moment it starts, instead of waiting for the parent to finish forking the others
        // and get a CPU back (on two CPUs, two new workers can keep it from the parent).
        prepare_next_record();
        send_records();
        workers_.reserve(options_.workers);
        for (unsigned index = 0; index < options_.workers; ++index) {
            workers_.push_back({start_worker(index, jobs.read_end.get(), results.write_end.get())});
        }
        // The parent's copies of the workers' ends are closed, so that end-of-file on the
        // result pipe means every worker has exited, and a write to the job pipe fails
        // (EPIPE) instead of blocking forever if every worker has died. With retries the
        // parent keeps them to start replacements, and counts its live workers instead.
        if (options_.retries > 0) {
            worker_job_end_ = std::move(jobs.read_end);
            worker_result_end_ = std::move(results.write_end);
        }
        result_pipe_ = std::move(results.read_end);
        sys::set_nonblocking(result_pipe_.get());  // ...nor on an empty result pipe
    }

    /// Forks worker `index` (from 0) on the given pipe ends; returns its pid.
    pid_t start_worker(unsigned index, int job_fd, int result_fd) {
        // Flush before fork: whatever sits in a stdio buffer would be written once per process.
        std::fflush(nullptr);
        activity_[index].busy.store(0, std::memory_order_relaxed);
        job_slots_[index] = job_slot{};
        const sys::signal_block blocked;  // the child resets handlers before any signal lands
        const pid_t pid = sys::fork_child([&] {
            signals_.forget_in_child();
            // The worker keeps only its two pipe ends (and stdin/out/err). Above all it
            // must not hold the job pipe's write end or the result pipe's read end: a
            // write end left open in a child means the parent never sees end-of-file.
            sys::close_descriptors_except({job_fd, result_fd});
            // Ctrl-C, and SIGTERM from `timeout` or `kill %1`, reach the whole process group.
            // The parent decides: it stops its workers itself (SIGKILL), so a worker killed by
            // the group's signal is never mistaken for a lost one.
            std::signal(SIGINT, SIG_IGN);
            std::signal(SIGTERM, SIG_IGN);
            std::signal(SIGPIPE, SIG_DFL);
            sigset_t none;
            sigemptyset(&none);
            ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
            pipe_channel channel{job_fd, result_fd, job_slots_[index]};
            return detail::run_pool_worker(index + 1, channel, options_.check, activity_[index]);
        });
        listener_.on_worker_started(index + 1, pid);
        return pid;
    }

    [[nodiscard]] bool keeps_worker_ends() const noexcept { return static_cast<bool>(worker_job_end_); }
    [[nodiscard]] std::size_t running_workers() const noexcept {
        return static_cast<std::size_t>(std::count_if(workers_.begin(), workers_.end(),
                                                      [](const worker_process& w) { return w.running; }));
    }

    /// One turn of the loop: wait until something can move, then move it. The parent never
    /// blocks on one pipe while the other is full, which is how a naive pool deadlocks once
    /// it has more jobs than the pipes hold.
    void step() {
        prepare_next_record();

        std::array<pollfd, 4> fds{};
        std::size_t used = 0;
        const auto watch = [&](int fd, short events) -> pollfd* {
            fds[used] = pollfd{fd, events, 0};
            return &fds[used++];
        };
        pollfd* signal_fd = watch(signals_.fd(), POLLIN);
        pollfd* result_fd = watch(result_pipe_.get(), POLLIN);
        pollfd* job_fd = has_record_to_send() ? watch(job_pipe_.get(), POLLOUT) : nullptr;
        pollfd* input_fd = ledger_.input_fd() >= 0 ? watch(ledger_.input_fd(), POLLIN) : nullptr;

        if (::poll(fds.data(), used, -1) < 0) {
            if (errno == EINTR) return;  // a signal: its byte is on the signal pipe
            throw fmt::system_error(errno, "cannot poll the pool's pipes");
        }
        if (signal_fd->revents != 0) handle_signals();
        if (report_.interrupt_signal) return;
        if (result_fd->revents != 0) (void)read_results();
        if (job_fd != nullptr && job_fd->revents != 0) send_records();
        if (input_fd != nullptr && input_fd->revents != 0) ledger_.read_input();
    }

    // --- jobs --------------------------------------------------------------------------

    [[nodiscard]] bool has_record_to_send() const noexcept { return next_record_.has_value(); }

    void prepare_next_record() {
        if (!next_record_) next_record_ = ledger_.take_next_record();
    }

    void send_records() {
        while (next_record_) {
            const ssize_t sent = ::write(job_pipe_.get(), &*next_record_, sizeof(job_record));
            if (sent < 0) {
                if (errno == EINTR) continue;
                if (errno == EAGAIN) return;  // the pipe is full: poll again
                if (errno == EPIPE) {         // every worker is gone: nothing more can be sent
                    ledger_.stop_sending();
                    // A batch already taken stays in flight, so its numbers are listed unchecked.
                    next_record_.reset();
                    return;
                }
                throw fmt::system_error(errno, "cannot write to the job pipe");
            }
            // A write of at most PIPE_BUF bytes on a pipe is all or nothing, even non-blocking.
            next_record_.reset();
            prepare_next_record();
        }
    }

    // --- results -----------------------------------------------------------------------

    void drain_results() {
        while (!results_ended_ && read_results()) {}
    }

    /// Reads what the result pipe holds (it is non-blocking) and delivers every whole record.
    /// Returns false once nothing more is available now.
    bool read_results() {
        const long got = sys::read_some(result_pipe_.get(),
                                        std::span{inbox_}.subspan(inbox_used_));
        if (got == 0) {
            results_ended_ = true;  // every worker has exited: nothing more can arrive
            return false;
        }
        if (got < 0) return false;  // EAGAIN: empty for now
        inbox_used_ += static_cast<std::size_t>(got);
        constexpr std::size_t size = sizeof(result_record);
        std::size_t offset = 0;
        for (; offset + size <= inbox_used_; offset += size) {
            const auto record = decode_result_record(std::span{inbox_}.subspan(offset, size));
            if (!record) throw std::runtime_error("a worker sent a malformed result record");
            ledger_.accept(*record);
            // An answer makes the worker's place worth refilling again (spend_uncharged_replacement).
            if (record->kind == result_kind::verdicts) uncharged_replacements_[record->worker - 1] = 0;
        }
        std::memmove(inbox_.data(), inbox_.data() + offset, inbox_used_ - offset);
        inbox_used_ -= offset;
        listener_.flush();
        return true;
    }

    // --- signals and workers -----------------------------------------------------------

    /// Interrupts first, then exits: a worker that ended in the same instant as a Ctrl-C is
    /// then judged knowing the run was interrupted, whatever order the signals came in.
    void handle_signals() {
        bool child_ended = false;
        while (const auto signal = signals_.take()) {
            if (*signal == SIGCHLD) {
                child_ended = true;
            } else if (report_.interrupt_signal == 0) {
                report_.interrupt_signal = *signal;
            }
        }
        if (child_ended) reap_ended_workers();
    }

    void reap_ended_workers() {
        std::vector<std::pair<std::size_t, sys::child_exit>> ended;
        for (std::size_t index = 0; index < workers_.size(); ++index) {
            sys::child_exit how;
            if (workers_[index].running && sys::try_reap_child(workers_[index].pid, how)) {
                ended.emplace_back(index, how);
            }
        }
        // A worker writes its last records, then exits. Everything a reaped worker wrote is
        // therefore already in the result pipe: read it before judging, or a worker that said
        // "done" just before exiting would look like one that died without saying it.
        if (!ended.empty()) drain_results();
        for (const auto& [index, how] : ended) record_exit(index, how);
    }

    void reap_all() {
        for (std::size_t index = 0; index < workers_.size(); ++index) {
            if (workers_[index].running) record_exit(index, sys::wait_for_child(workers_[index].pid));
        }
    }

    void record_exit(std::size_t index, const sys::child_exit& how) {
        worker_process& worker = workers_[index];
        worker.running = false;
        if (ledger_.said_done(index) && how.success()) return;
        lost_worker lost{static_cast<unsigned>(index + 1), worker.pid, how, std::nullopt};
        if (activity_[index].busy.load(std::memory_order_acquire) != 0) {
            lost.checking = activity_[index].number.load(std::memory_order_relaxed);
        }
        report_.lost_workers.push_back(lost);
        if (!report_.interrupt_signal) listener_.on_worker_lost(lost);
        if (options_.retries > 0 && !report_.interrupt_signal && !run_over_) {
            replace_lost_worker(index, lost.checking);
        }
    }

    /// --retries: what the dead worker held goes back in the queue (its slot names the batch)
    /// and a fresh worker takes its place, so the pool keeps its size. An idle worker is
    /// replaced too (killed by hand, or by the OOM killer, while the pool waits for input):
    /// a pool that shrank silently could be left with no worker at all.
    void replace_lost_worker(std::size_t index, std::optional<std::uint64_t> checking) {
        const auto last_job = decode_job_record(job_slots_[index].bytes);
        if (last_job && last_job->kind == job_kind::poison_pill) return;  // its work was over
        // Workers only die alone here by a crash or a kill: the number being checked is the
        // suspect, and is charged one try.
        const bool charged =
            last_job && ledger_.take_back(last_job->batch, checking, options_.retries);
        if (!charged && !spend_uncharged_replacement(index)) return;
        workers_[index] = {start_worker(static_cast<unsigned>(index), worker_job_end_.get(), worker_result_end_.get())};
    }

    /// Every replacement must be paid for, or workers killed as fast as they are forked would
    /// keep the parent forking forever. A death charged to a number is paid by that number
    /// (it has retries + 1 tries). Any other death (idle, or between two numbers) is paid by
    /// the worker's place in the pool: it is refilled at most `retries` times in a row, and an
    /// answer from the worker there starts the count again. Returns false when none is left.
    bool spend_uncharged_replacement(std::size_t index) {
        if (uncharged_replacements_[index] == options_.retries) return false;
        ++uncharged_replacements_[index];
        return true;
    }

    void end_workers(int signal) noexcept {
        for (const worker_process& worker : workers_) {
            if (worker.running) ::kill(worker.pid, signal);
        }
        for (worker_process& worker : workers_) {
            if (!worker.running) continue;
            int status = 0;
            while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {}
            worker.running = false;
        }
    }

    const pool_options& options_;
    pool_listener& listener_;
    sigpipe_ignored sigpipe_ignored_;
    sys::signal_pipe signals_{SIGINT, SIGTERM, SIGCHLD};
    // Without it, the job pipe's "write fails with EPIPE once every worker is gone" (see
    // start_workers) holds only for callers that ignore SIGPIPE themselves, as the CLI does;
    // any other caller would die by SIGPIPE when its last worker dies. (Workers reset it.)
    sys::signal_ignored broken_pipe_is_an_error_{SIGPIPE};
    sys::shared_array<detail::worker_activity> activity_;  // one slot per worker, shared
    sys::shared_array<job_slot> job_slots_;                 // one per worker, shared
    std::vector<worker_process> workers_;
    sys::unique_fd job_pipe_;     // parent writes job records, every worker reads
    sys::unique_fd result_pipe_;  // every worker writes result records, parent reads
    sys::unique_fd worker_job_end_;     // kept with --retries only: what a replacement inherits
    sys::unique_fd worker_result_end_;
    bool run_over_ = false;             // the loop has ended: no more replacements
    std::vector<unsigned> uncharged_replacements_;  // per worker: in a row, since it last answered

    std::optional<job_record> next_record_;  // taken from the ledger, waiting for room in the pipe
    bool results_ended_ = false;

    std::array<std::byte, 16 * sizeof(result_record)> inbox_{};
    std::size_t inbox_used_ = 0;
    pool_report report_;
    detail::pool_ledger ledger_;  // after report_, which it writes
};

}  // namespace

pool_report run_process_pool(number_source& source, const pool_options& options, pool_listener& listener) {
    process_pool pool{source, options, listener};
    return pool.run();
}

}  // namespace concur
