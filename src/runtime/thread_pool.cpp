// run_thread_pool: the processor pool again, with std::thread workers and in-memory queues.
#include "concur/runtime/thread_pool.hpp"

#include "concur/runtime/pool_loop.hpp"
#include "concur/runtime/pool_worker.hpp"
#include "concur/runtime/blocking_queue.hpp"
#include "concur/sys/thread_start.hpp"
#include "concur/sys/unique_fd.hpp"

#include <fmt/os.h>

#include <array>
#include <cerrno>
#include <future>
#include <memory>
#include <optional>
#include <poll.h>
#include <stop_token>
#include <sys/eventfd.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace concur {
namespace {

/// A worker thread's view of the two queues, the same interface as the process pool's
/// pipe_channel. The records are copied, not serialised: a thread can read the parent's
/// memory, so nothing has to be turned into bytes and back.
class queue_channel {
public:
    queue_channel(blocking_queue<job_record>& jobs, blocking_queue<result_record>& results, int doorbell,
                  result_record& outbox) noexcept
        : jobs_(jobs), results_(results), doorbell_(doorbell), outbox_(outbox) {}

    bool receive(job_record& job) {
        auto next = jobs_.pop();  // blocks this thread until a job comes or the queue closes
        if (!next) return false;
        job = *next;
        return true;
    }
    void send(const result_record& record) {
        (void)results_.try_push(record);  // unbounded: never full
        // Ring the parent: it waits in poll() on signals and standard input as well, and
        // poll() can only wait on descriptors, not on a condition variable.
        const std::uint64_t one = 1;
        while (::write(doorbell_, &one, sizeof one) < 0 && errno == EINTR) {}
    }
    result_record& outbox() noexcept { return outbox_; }

private:
    blocking_queue<job_record>& jobs_;
    blocking_queue<result_record>& results_;
    int doorbell_;
    result_record& outbox_;  // the parent's memory: read once the thread is joined
};

/// Threads: one job queue every worker pops, one result queue every worker pushes, and a
/// doorbell (an eventfd) each worker rings after a push, which the parent can poll.
class queue_transport final : public pool_transport {
public:
    explicit queue_transport(prime_check check) : check_(check) {
        const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) throw fmt::system_error(errno, "cannot create an eventfd");
        doorbell_ = sys::unique_fd{fd};
    }
    queue_transport(const queue_transport&) = delete;
    queue_transport& operator=(const queue_transport&) = delete;
    ~queue_transport() override { stop_and_join(); }

    void prepare(std::span<worker_slot> slots) override {
        activities_ = std::make_unique<worker_activity[]>(slots.size());
        outboxes_ = std::make_unique<result_record[]>(slots.size());
        threads_.resize(slots.size());
        for (worker_slot& slot : slots) slot.activity = &activities_[slot.number - 1];
    }

    void start_worker(worker_slot& slot) override {
        std::promise<long> id;
        auto known_id = id.get_future();
        {
            // Threads inherit the signal mask: created with every signal blocked, the workers
            // leave SIGINT and SIGTERM to this thread, which turns them into a clean stop.
            const sys::signal_block blocked;
            // A std::jthread passes its body a std::stop_token: the worker's checks look at it
            // at each stop point, and request_stop() (stop_and_join) is how this thread asks
            // them to stop. Nothing else can end a thread from outside.
            threads_[slot.number - 1] = sys::start_thread<std::jthread>(
                [this, number = slot.number, activity = slot.activity, id = std::move(id)](std::stop_token stop) mutable {
                    id.set_value(static_cast<long>(::gettid()));
                    queue_channel channel{jobs_, results_, doorbell_.get(), outboxes_[number - 1]};
                    check_control control{std::move(stop), nullptr, &activity->reached};
                    (void)run_pool_worker(number, channel, check_, control, *activity);
                });
        }
        slot.system_id = known_id.get();
    }

    send_outcome send(const job_record& job) override {
        if (jobs_.try_push(job)) return send_outcome::sent;
        queue_full_ = true;
        return send_outcome::full;
    }

    receive_outcome receive(const std::function<void(const result_record&)>& deliver) override {
        receive_outcome outcome = receive_outcome::nothing;
        while (const auto record = results_.try_pop()) {
            deliver(*record);
            outcome = receive_outcome::some;
        }
        return outcome;
    }

    pool_wakeup wait(const pool_wait& what) override {
        // A queue is not a descriptor: poll() cannot wait for room in it. The job waits only
        // while the queue is full, and then every worker has work queued, so a result (and the
        // doorbell) will come.
        if (what.job_waiting && !queue_full_) return {.room = true};
        std::array<pollfd, 3> fds{};  // poll() skips a negative descriptor
        fds[0] = pollfd{what.signal_fd, POLLIN, 0};
        fds[1] = pollfd{doorbell_.get(), POLLIN, 0};
        fds[2] = pollfd{what.input_fd, POLLIN, 0};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) return {};  // a signal: its byte is on the signal pipe
            throw fmt::system_error(errno, "cannot poll the pool's doorbell");
        }
        const bool rang = fds[1].revents != 0;
        if (rang) {
            std::uint64_t rings = 0;
            (void)::read(doorbell_.get(), &rings, sizeof rings);  // resets the count
            queue_full_ = false;
        }
        return {.signal = fds[0].revents != 0, .input = fds[2].revents != 0, .results = rang, .room = rang};
    }

    sys::child_exit wait_for_end(worker_slot& slot) override {
        threads_[slot.number - 1].join();  // it said done: it is returning
        return {true, 0};                   // a thread cannot die alone (a crash ends the process)
    }

    void stop_workers(std::span<worker_slot> /*slots*/) noexcept override { stop_and_join(); }

    [[nodiscard]] std::optional<result_record> unsent_verdicts(const worker_slot& slot) const override {
        return outboxes_[slot.number - 1];  // the thread is joined: its writes are visible
    }

private:
    /// A thread cannot be killed, only asked: every worker is asked to stop, and its check
    /// stops at its next stop point (a few microseconds away); closing the job queue wakes
    /// the workers waiting for a job, whose receive then fails. Each returns and is joined.
    void stop_and_join() noexcept {
        for (std::jthread& thread : threads_) thread.request_stop();  // all at once, then wait
        jobs_.close();  // no-op after the pills: every worker has already returned
        for (std::jthread& thread : threads_) {
            if (thread.joinable()) thread.join();
        }
    }

    prime_check check_;
    std::unique_ptr<worker_activity[]> activities_;  // one per slot
    std::unique_ptr<result_record[]> outboxes_;      // one per slot: each worker's unsent verdicts
    std::vector<std::jthread> threads_;              // one per slot
    sys::unique_fd doorbell_;                        // eventfd: workers ring it after each send
    // The job queue holds 16 records, as the job pipe does (64 KiB of 4 KiB records).
    blocking_queue<job_record> jobs_{16};
    blocking_queue<result_record> results_;
    bool queue_full_ = false;  // the last send found no room, and no result came since
};

}  // namespace

pool_report run_thread_pool(number_source& source, const pool_options& options, pool_listener& listener) {
    queue_transport transport{options.check};
    return run_pool(transport, source, options, listener);
}

}  // namespace concur
