// pool_transport: what carries a prime pool's records, the one part the pool loop leaves open.
#pragma once

#include "concur/core/wire_records.hpp"
#include "concur/runtime/worker_slot.hpp"
#include "concur/sys/child_process.hpp"

#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace concur {

/// What the loop wants to be woken for, besides the transport's own traffic.
struct pool_wait {
    int signal_fd = -1;        // the loop's signal pipe: always watched
    int input_fd = -1;         // standard input when the loop wants more numbers, else -1
    bool job_waiting = false;  // a job is ready to send: wake when there is room for it
};

/// What woke the loop; several at once is common. A step whose flag is false is skipped, so a
/// transport that cannot tell (an in-memory queue) says true and lets the step find nothing.
struct pool_wakeup {
    bool signal = false;   // a byte on the signal pipe
    bool input = false;    // standard input can be read without blocking
    bool results = false;  // results (or the news that none can come again) are waiting
    bool room = false;     // the waiting job can be sent
};

enum class send_outcome {
    sent,
    full,         // no room now: wait for it
    no_receiver,  // every worker is gone: nothing will ever be read again
};

enum class receive_outcome {
    some,     // delivered what had arrived (it may be nothing); more may come
    nothing,  // nothing had arrived
    no_more,  // every worker has ended: no result can ever arrive again
};

/// The book's procs.py and threads.py differ in their queues and in how workers start; so do
/// concur's pools. A transport supplies exactly that: how a worker starts and stops, how a
/// record travels each way, how a worker that ended is noticed, and how the parent waits for
/// the next event. Everything else (what is sent, the poison pills, counting the done records,
/// judging a lost worker) is the loop's, written once in pool_loop.cpp.
///
/// Waiting is the transport's because it depends on what it carries: pipes are descriptors, so
/// the process transport polls them with the signal pipe and standard input; a thread's queue
/// is not, so the thread transport has its workers ring an eventfd; a transport of messages
/// with no descriptor (MPI's) would probe for messages between short polls of the two
/// descriptors the loop hands it. Every member is called from the loop's thread only.
class pool_transport {
public:
    virtual ~pool_transport() = default;

    /// Once, before the first job is sent: whatever each slot needs before its worker starts
    /// (where it publishes its activity: the transport sets `activity` of every slot).
    virtual void prepare(std::span<worker_slot> slots) = 0;

    /// Starts a worker in `slot` (again, after a loss) and sets its system id. The first jobs
    /// may already be waiting for it. Throws fmt::system_error when the system refuses.
    virtual void start_worker(worker_slot& slot) = 0;

    /// Called once every slot's first worker has started. The process transport closes its
    /// copies of the workers' pipe ends here (unless it must start replacements), so that
    /// end-of-file on the results, and EPIPE on the jobs, mean every worker is gone.
    virtual void first_workers_started() {}

    /// Sends one record without blocking; a record is sent whole or not at all.
    virtual send_outcome send(const job_record& job) = 0;

    /// Hands each result that has arrived to `deliver`, without blocking.
    virtual receive_outcome receive(const std::function<void(const result_record&)>& deliver) = 0;

    /// Blocks until something in `what`, or a result, can move. May return with nothing set
    /// (a signal interrupted the wait): the loop simply turns again.
    virtual pool_wakeup wait(const pool_wait& what) = 0;

    /// True when the workers are child processes, whose ends the kernel reports with SIGCHLD:
    /// the loop then watches SIGCHLD and calls take_ended() when one comes.
    [[nodiscard]] virtual bool workers_are_children() const noexcept { return false; }

    /// The running workers that have ended, each with how: without blocking, and only after
    /// SIGCHLD (see workers_are_children). A thread cannot end alone: the default has none.
    virtual std::vector<std::pair<worker_slot*, sys::child_exit>> take_ended(std::span<worker_slot> /*slots*/) {
        return {};
    }

    /// Waits for the worker in `slot`, which has said done or whose results have ended, to
    /// end (reaps the process, joins the thread) and says how.
    virtual sys::child_exit wait_for_end(worker_slot& slot) = 0;

    /// Ends every running worker now, whatever it is doing, and waits for each (no zombie, no
    /// thread left): SIGKILL for a process; a thread is asked to stop (std::jthread), and its
    /// check stops at its next stop point.
    virtual void stop_workers(std::span<worker_slot> slots) noexcept = 0;

    /// Once the worker of `slot` has been stopped: the verdicts it had made and not sent, from
    /// its outbox (pool_worker.hpp), if the transport can read it (a process's is in shared
    /// memory, a thread's in the parent's). A transport that cannot says nothing, and those
    /// numbers are listed unchecked.
    [[nodiscard]] virtual std::optional<result_record> unsent_verdicts(const worker_slot& /*slot*/) const {
        return std::nullopt;
    }

    /// The job a worker last took, if the transport can still tell once it has died (the
    /// process transport keeps it in shared memory; a transport that sends each job to a
    /// chosen worker could remember it). What --retries sends again.
    [[nodiscard]] virtual std::optional<job_record> last_job(const worker_slot& /*slot*/) const { return std::nullopt; }
};

}  // namespace concur
