// run_process_pool: the seed's "processor pool", with fork and two pipes.
#include "concur/runtime/process_pool.hpp"

#include "concur/runtime/pool_loop.hpp"
#include "concur/runtime/pool_worker.hpp"
#include "concur/sys/descriptors.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "concur/sys/shared_memory.hpp"
#include "process_pool_retries.hpp"

#include <fmt/os.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace concur {
namespace {

/// What a worker leaves where its parent can read it, even once the worker is dead: a slot of
/// memory shared across fork. The worker reads the job pipe straight into `last_job`: a read
/// takes a record out of the pipe and copies it in one system call, so even a worker killed at
/// any instant leaves there the batch it was holding (what --retries sends again). Its verdicts
/// wait to be sent in `outbox`, kept true at every instruction (pool_worker.hpp): a worker
/// killed by its parent's SIGKILL on Ctrl-C leaves there the checks it had finished.
struct worker_board {
    worker_activity activity;
    std::array<std::byte, sizeof(job_record)> last_job{};
    result_record outbox;
};

/// A worker's end of the two pipes. Every read asks for exactly one record: with several
/// workers reading one pipe, asking for more could take part of a record meant for another.
class pipe_channel {
public:
    pipe_channel(int jobs, int results, worker_board& board) noexcept : jobs_(jobs), results_(results), board_(board) {}

    bool receive(job_record& job) {
        const long got = sys::read_some(jobs_, board_.last_job);
        if (got != static_cast<long>(board_.last_job.size())) return false;  // EOF: the parent is gone
        const auto decoded = decode_job_record(board_.last_job);
        if (!decoded) return false;
        job = *decoded;
        return true;
    }
    result_record& outbox() noexcept { return board_.outbox; }
    void send(const result_record& record) {
        // One write of one record: atomic because it is no larger than PIPE_BUF.
        sys::write_all(results_, std::as_bytes(std::span{&record, 1}));
    }

private:
    int jobs_;
    int results_;
    worker_board& board_;
};

/// Processes: one job pipe every worker reads, one result pipe every worker writes. Both of
/// the parent's ends are non-blocking, so it never waits on one pipe while the other is full.
class pipe_transport final : public pool_transport {
public:
    /// `restartable`: keep the workers' pipe ends, to start replacements (--retries).
    pipe_transport(prime_check check, bool restartable) : check_(check), restartable_(restartable) {
        auto jobs = sys::make_pipe();
        auto results = sys::make_pipe();
        job_pipe_ = std::move(jobs.write_end);
        worker_job_end_ = std::move(jobs.read_end);
        worker_result_end_ = std::move(results.write_end);
        result_pipe_ = std::move(results.read_end);
        sys::set_nonblocking(job_pipe_.get());
        sys::set_nonblocking(result_pipe_.get());
    }

    void prepare(std::span<worker_slot> slots) override {
        boards_.emplace(slots.size());
        for (worker_slot& slot : slots) slot.activity = &board(slot).activity;
    }

    void start_worker(worker_slot& slot) override {
        worker_board& mine = board(slot);
        mine.activity.end();
        mine.last_job = {};
        mine.outbox = {};
        // Flush before fork: whatever sits in a stdio buffer would be written once per process.
        std::fflush(nullptr);
        const int job_fd = worker_job_end_.get();
        const int result_fd = worker_result_end_.get();
        const sys::signal_block blocked;  // the child resets handlers before any signal lands
        slot.system_id = sys::fork_child([&] {
            // The worker keeps only its two pipe ends (and stdin/out/err). Above all it must
            // not hold the job pipe's write end or the result pipe's read end: a write end
            // left open in a child means the parent never sees end-of-file.
            sys::close_descriptors_except({job_fd, result_fd});
            // Ctrl-C, and SIGTERM from `timeout` or `kill %1`, reach the whole process group.
            // The parent decides: it stops its workers itself (SIGKILL), so a worker killed by
            // the group's signal is never mistaken for a lost one. SIGCHLD and SIGPIPE go back
            // to what they were before the pool caught or ignored them.
            std::signal(SIGINT, SIG_IGN);
            std::signal(SIGTERM, SIG_IGN);
            std::signal(SIGCHLD, SIG_DFL);
            std::signal(SIGPIPE, SIG_DFL);
            sigset_t none;
            sigemptyset(&none);
            ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
            pipe_channel channel{job_fd, result_fd, mine};
            // Never asked to stop: a process can be killed, so on Ctrl-C its parent sends
            // SIGKILL instead of asking. Its checks still publish how far they have got.
            check_control control{{}, nullptr, &mine.activity.reached};
            const worker_exit ended = run_pool_worker(slot.number, channel, check_, control, mine.activity);
            return ended == worker_exit::said_done ? EXIT_SUCCESS : EXIT_FAILURE;
        });
    }

    void first_workers_started() override {
        // The parent's copies of the workers' ends are closed, so that end-of-file on the
        // result pipe means every worker has exited, and a write to the job pipe fails (EPIPE)
        // instead of blocking forever if every worker has died. A restartable pool keeps them
        // for its replacements, and learns of each end from SIGCHLD alone.
        if (restartable_) return;
        worker_job_end_.reset();
        worker_result_end_.reset();
    }

    send_outcome send(const job_record& job) override {
        for (;;) {
            // A write of at most PIPE_BUF bytes on a pipe is all or nothing, even non-blocking.
            if (::write(job_pipe_.get(), &job, sizeof job) >= 0) return send_outcome::sent;
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return send_outcome::full;
            if (errno == EPIPE) return send_outcome::no_receiver;
            throw fmt::system_error(errno, "cannot write to the job pipe");
        }
    }

    receive_outcome receive(const std::function<void(const result_record&)>& deliver) override {
        const long got = sys::read_some(result_pipe_.get(), std::span{inbox_}.subspan(inbox_used_));
        if (got == 0) return receive_outcome::no_more;  // every worker has exited
        if (got < 0) return receive_outcome::nothing;   // EAGAIN: empty for now
        inbox_used_ += static_cast<std::size_t>(got);
        constexpr std::size_t size = sizeof(result_record);
        std::size_t offset = 0;
        for (; offset + size <= inbox_used_; offset += size) {
            const auto record = decode_result_record(std::span{inbox_}.subspan(offset, size));
            if (!record) throw std::runtime_error("a worker sent a malformed result record");
            deliver(*record);
        }
        std::memmove(inbox_.data(), inbox_.data() + offset, inbox_used_ - offset);
        inbox_used_ -= offset;
        return receive_outcome::some;
    }

    pool_wakeup wait(const pool_wait& what) override {
        std::array<pollfd, 4> fds{};  // poll() skips a negative descriptor
        fds[0] = pollfd{what.signal_fd, POLLIN, 0};
        fds[1] = pollfd{result_pipe_.get(), POLLIN, 0};
        fds[2] = pollfd{what.job_waiting ? job_pipe_.get() : -1, POLLOUT, 0};
        fds[3] = pollfd{what.input_fd, POLLIN, 0};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) return {};  // a signal: its byte is on the signal pipe
            throw fmt::system_error(errno, "cannot poll the pool's pipes");
        }
        return {.signal = fds[0].revents != 0, .input = fds[3].revents != 0, .results = fds[1].revents != 0,
                .room = fds[2].revents != 0};
    }

    [[nodiscard]] bool workers_are_children() const noexcept override { return true; }

    std::vector<std::pair<worker_slot*, sys::child_exit>> take_ended(std::span<worker_slot> slots) override {
        std::vector<std::pair<worker_slot*, sys::child_exit>> ended;
        for (worker_slot& slot : slots) {
            sys::child_exit how;
            if (slot.running() && sys::try_reap_child(pid_of(slot), how)) ended.emplace_back(&slot, how);
        }
        return ended;
    }

    sys::child_exit wait_for_end(worker_slot& slot) override { return sys::wait_for_child(pid_of(slot)); }

    void stop_workers(std::span<worker_slot> slots) noexcept override {
        for (const worker_slot& slot : slots) {
            if (slot.running()) ::kill(pid_of(slot), SIGKILL);  // they ignore SIGINT and SIGTERM
        }
        for (const worker_slot& slot : slots) {
            int status = 0;
            while (slot.running() && ::waitpid(pid_of(slot), &status, 0) < 0 && errno == EINTR) {}
        }
    }

    [[nodiscard]] std::optional<job_record> last_job(const worker_slot& slot) const override {
        return decode_job_record(board(slot).last_job);
    }

    [[nodiscard]] std::optional<result_record> unsent_verdicts(const worker_slot& slot) const override {
        // Checked like a record off the pipe: the worker wrote it, and died.
        return decode_result_record(std::as_bytes(std::span{&board(slot).outbox, 1}));
    }

private:
    [[nodiscard]] worker_board& board(const worker_slot& slot) const { return (*boards_)[slot.number - 1]; }
    [[nodiscard]] static pid_t pid_of(const worker_slot& slot) noexcept { return static_cast<pid_t>(slot.system_id); }

    prime_check check_;
    bool restartable_;
    // Without it, "a write to the job pipe fails with EPIPE once every worker is gone" (see
    // first_workers_started) holds only for callers that ignore SIGPIPE themselves, as the
    // CLI does; any other caller would die by SIGPIPE when its last worker dies.
    sys::signal_ignored broken_pipe_is_an_error_{SIGPIPE};
    std::optional<sys::shared_array<worker_board>> boards_;  // one per slot, shared with the workers
    sys::unique_fd job_pipe_;           // parent writes job records, every worker reads
    sys::unique_fd result_pipe_;        // every worker writes result records, parent reads
    sys::unique_fd worker_job_end_;     // what each worker inherits at fork
    sys::unique_fd worker_result_end_;
    std::array<std::byte, 16 * sizeof(result_record)> inbox_{};  // whole records, and part of one
    std::size_t inbox_used_ = 0;
};

}  // namespace

pool_report run_process_pool(number_source& source, const pool_options& options, pool_listener& listener) {
    pipe_transport transport{options.check, options.retries > 0};
    if (options.retries > 0) return run_pool_with_retries(transport, source, options, listener);
    return run_pool(transport, source, options, listener);
}

}  // namespace concur
