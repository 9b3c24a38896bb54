// run_thread_pool: the processor pool again, with std::thread workers and in-memory queues.
#include "concur/runtime/thread_pool.hpp"

#include "concur/runtime/blocking_queue.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "concur/sys/thread_start.hpp"
#include "concur/sys/unique_fd.hpp"
#include "pool_ledger.hpp"
#include "pool_worker.hpp"

#include <fmt/os.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <memory>
#include <poll.h>
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
    queue_channel(blocking_queue<job_record>& jobs, blocking_queue<result_record>& results, int doorbell) noexcept
        : jobs_(jobs), results_(results), doorbell_(doorbell) {}

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

private:
    blocking_queue<job_record>& jobs_;
    blocking_queue<result_record>& results_;
    int doorbell_;
};

class thread_pool {
public:
    thread_pool(number_source& source, const pool_options& options, pool_listener& listener)
        : options_(options), listener_(listener), activity_(new detail::worker_activity[options.workers]),
          thread_ids_(new std::atomic<long>[options.workers]{}),
          ledger_(source, options, listener, report_) {
        const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) throw fmt::system_error(errno, "cannot create an eventfd");
        doorbell_ = sys::unique_fd{fd};
    }

    thread_pool(const thread_pool&) = delete;
    thread_pool& operator=(const thread_pool&) = delete;

    /// Whatever happened, no thread outlives the pool. A thread cannot be killed, only told:
    /// closing the job queue makes every worker's next receive fail, and it returns.
    ~thread_pool() { stop_and_join(); }

    pool_report run() {
        send_records();  // as the process pool does: each worker finds work the moment it starts
        start_workers();
        while (workers_done_ < options_.workers && !report_.interrupt_signal) step();
        if (report_.interrupt_signal) report_.ending = pool_ending::interrupted;
        stop_and_join();
        ledger_.collect_unchecked();
        return std::move(report_);
    }

private:
    void start_workers() {
        {
            // Threads inherit the signal mask: created with every signal blocked, the workers
            // leave SIGINT and SIGTERM to this thread, which turns them into a clean stop.
            const sys::signal_block blocked;
            threads_.reserve(options_.workers);
            for (unsigned index = 0; index < options_.workers; ++index) {
                threads_.push_back(sys::start_thread([this, index] {
                    thread_ids_[index].store(static_cast<long>(::gettid()), std::memory_order_release);
                    thread_ids_[index].notify_one();
                    queue_channel channel{jobs_, results_, doorbell_.get()};
                    (void)detail::run_pool_worker(index + 1, channel, options_.check, activity_[index]);
                }));
            }
        }
        for (unsigned index = 0; index < options_.workers; ++index) {
            thread_ids_[index].wait(0, std::memory_order_acquire);
            listener_.on_worker_started(index + 1, thread_ids_[index].load(std::memory_order_acquire));
        }
    }

    /// One turn of the loop, the process pool's: queue what fits, deliver what came back,
    /// then sleep until a signal, a result or input arrives.
    void step() {
        send_records();
        deliver_results();
        if (workers_done_ == options_.workers) return;

        std::array<pollfd, 3> fds{};
        fds[0] = pollfd{signals_.fd(), POLLIN, 0};
        fds[1] = pollfd{doorbell_.get(), POLLIN, 0};
        const int input = ledger_.input_fd();
        fds[2] = pollfd{input, POLLIN, 0};  // a negative fd is ignored by poll()
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) return;
            throw fmt::system_error(errno, "cannot poll the pool's doorbell");
        }
        if (fds[0].revents != 0) handle_signals();
        if (fds[1].revents != 0) {
            std::uint64_t rings = 0;
            (void)::read(doorbell_.get(), &rings, sizeof rings);  // resets the count
        }
        if (input >= 0 && fds[2].revents != 0) ledger_.read_input();
    }

    /// Fills the job queue up to its capacity. A full queue means every worker has work
    /// queued, so a result (and the doorbell) will come: the parent never waits on room.
    void send_records() {
        while (true) {
            if (!next_record_) next_record_ = ledger_.take_next_record();
            if (!next_record_ || !jobs_.try_push(*next_record_)) return;
            next_record_.reset();
        }
    }

    void deliver_results() {
        bool delivered = false;
        while (const auto record = results_.try_pop()) {
            ledger_.accept(*record);
            if (record->kind == result_kind::done) ++workers_done_;
            delivered = true;
        }
        if (delivered) listener_.flush();
    }

    void handle_signals() {
        while (const auto signal = signals_.take()) {
            if (report_.interrupt_signal == 0) report_.interrupt_signal = *signal;
        }
    }

    void stop_and_join() noexcept {
        if (joined_) return;
        ledger_.stop_sending();
        jobs_.close();  // no-op after the pills: every worker has already returned
        for (std::thread& thread : threads_) thread.join();
        joined_ = true;
    }

    const pool_options& options_;
    pool_listener& listener_;
    sys::signal_pipe signals_{SIGINT, SIGTERM};
    std::unique_ptr<detail::worker_activity[]> activity_;  // one slot per worker
    std::unique_ptr<std::atomic<long>[]> thread_ids_;      // gettid() of each worker, 0 until known
    sys::unique_fd doorbell_;                               // eventfd: workers ring it after each send
    // The job queue holds 16 records, as the job pipe does (64 KiB of 4 KiB records).
    blocking_queue<job_record> jobs_{16};
    blocking_queue<result_record> results_;
    std::vector<std::thread> threads_;
    std::optional<job_record> next_record_;  // taken from the ledger, waiting for room
    unsigned workers_done_ = 0;
    bool joined_ = false;
    pool_report report_;
    detail::pool_ledger ledger_;  // after report_, which it writes
};

}  // namespace

pool_report run_thread_pool(number_source& source, const pool_options& options, pool_listener& listener) {
    thread_pool pool{source, options, listener};
    return pool.run();
}

}  // namespace concur
