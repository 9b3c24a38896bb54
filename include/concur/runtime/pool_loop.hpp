// pool_loop: the parent's loop every prime pool runs, whatever carries its records (the book's report()).
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_ledger.hpp"
#include "concur/runtime/pool_transport.hpp"
#include "concur/runtime/pool_types.hpp"
#include "concur/runtime/worker_slot.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <optional>
#include <vector>

namespace concur {

/// How far the run has got.
enum class run_state {
    running,      // sending jobs, reading results, starting replacements (--retries)
    interrupted,  // SIGINT or SIGTERM came: nothing more is sent, the workers are stopped, and
                  // only then is what they had checked taken
    finished,     // every worker said done or was lost: the rest are reaped, none replaced
};

/// The seed's processor pool, written once: feed the jobs, then one poison pill per worker;
/// read the results as they come; end when every worker has said done (the book's
/// `while procs_done < procs`), while watching SIGINT, SIGTERM and standard input. A worker
/// that dies never says done: the transport notices it (or the results end, every worker
/// having exited), the loop reports it and stops waiting for it, and the others finish.
///
/// `transport` carries the records (pool_transport.hpp). SIGINT and SIGTERM are caught while
/// run() runs. The loop never blocks on one channel while the other is full: that is how a
/// naive pool deadlocks once it has more jobs than its pipes hold.
class pool_loop {
public:
    pool_loop(pool_transport& transport, number_source& source, const pool_options& options,
              pool_listener& listener);
    pool_loop(const pool_loop&) = delete;
    pool_loop& operator=(const pool_loop&) = delete;

    /// Whatever happened, no worker outlives the pool: the ones still running are stopped and
    /// waited for (no zombie, no thread left for the caller).
    virtual ~pool_loop();

    /// Runs the pool to its end and says how it ended. Throws bad_input from the source, and
    /// fmt::system_error when the system refuses; the workers are stopped first.
    [[nodiscard]] pool_report run();

protected:
    // What a worker lost mid-run costs. The base pool reports it, lists what it held as
    // unchecked and finishes without it; --retries (process_pool_retries.cpp) does more.

    /// Called for a worker that ended without saying done, while the run goes on. True if a
    /// new worker was started in `slot`; the lost one is reported either way.
    virtual bool replace_lost_worker(worker_slot& /*slot*/, std::optional<std::uint64_t> /*checking*/) {
        return false;
    }
    /// The worker in `slot` sent verdicts.
    virtual void answered(worker_slot& /*slot*/) {}
    /// Whether a lost worker fails the run even when every number was answered.
    [[nodiscard]] virtual bool a_loss_fails_the_run() const noexcept { return true; }

    /// Starts the worker of `slot` and announces it.
    void start(worker_slot& slot);

    std::vector<worker_slot> slots_;  // one per worker: --procs sizes this, and nothing else
    pool_transport& transport_;
    pool_listener& listener_;
    pool_report report_;
    detail::pool_ledger ledger_;      // after report_, which it writes, and slots_: a pill each

private:
    void turn();
    void send_jobs();
    receive_outcome receive_results();
    void accept(const result_record& record);
    void take_signals();
    void judge_ended_workers();
    void judge_running_workers();
    void judge(worker_slot& slot, const sys::child_exit& how);
    pool_report finish();
    void take_what_stopped_workers_checked();
    void stop_every_worker() noexcept;

    sys::signal_pipe signals_;        // SIGINT, SIGTERM (and SIGCHLD for child processes)
    run_state state_ = run_state::running;
    unsigned workers_done_ = 0;       // said done: the book's procs_done
    unsigned workers_lost_ = 0;       // ended without done, nobody in their place: never will
    std::optional<job_record> next_job_;  // taken from the ledger, waiting for room
};

/// Runs the pool on `transport` to its end: pool_loop without a policy for lost workers.
[[nodiscard]] pool_report run_pool(pool_transport& transport, number_source& source, const pool_options& options,
                                   pool_listener& listener);

}  // namespace concur
