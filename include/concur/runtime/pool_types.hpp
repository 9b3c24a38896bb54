// What every prime-checking pool shares: the check, the answers, and how a run ended.
#pragma once

#include "concur/core/batch_planner.hpp"
#include "concur/core/is_prime.hpp"
#include "concur/runtime/worker_activity.hpp"
#include "concur/sys/child_process.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace concur {

/// The function a worker runs on each number: a verdict, or `stopped` when its control asked
/// (check_control.hpp). Injectable so a test can make one worker crash on a chosen number;
/// the product always uses a real primality test (prime_method.hpp).
using prime_check = check_verdict (*)(std::uint64_t n, check_control& control) noexcept;

/// One answer, as the parent receives it.
struct checked_number {
    std::uint64_t number = 0;
    bool prime = false;
    std::chrono::nanoseconds elapsed{};  // measured by the worker around the check (and the
                                         // few stores that recorded the answer before it)
    unsigned worker = 0;                 // which worker checked it, from 1
    std::chrono::steady_clock::time_point started{};  // when the check began (for the job log)
};

/// A worker that ended without saying it was done.
struct lost_worker {
    unsigned worker = 0;                    // from 1
    pid_t pid = 0;
    sys::child_exit how;                    // e.g. killed by SIGKILL
    std::optional<std::uint64_t> checking;  // the number it was checking, if any
};

enum class pool_ending {
    complete,     // every number answered, every worker said done
    worker_lost,  // a worker died; the survivors finished; some numbers are unanswered
    interrupted,  // SIGINT or SIGTERM: dispatching stopped, workers ended
    bad_input,    // a token on the input is not a number: reading and checking stopped there
                  // (a pool throws bad_input, see number_source.hpp; its caller reports this)
};

struct pool_report {
    pool_ending ending = pool_ending::complete;
    int interrupt_signal = 0;              // SIGINT or SIGTERM when interrupted
    std::uint64_t checked = 0;             // answers delivered to the listener
    std::vector<lost_worker> lost_workers;
    std::vector<std::uint64_t> unchecked;  // dispatched or read but never answered
    bool input_left_unread = false;        // the run stopped before the input ended
};

/// Receives events as they happen, in the parent: results in completion order, or in input
/// order with pool_options::keep_order.
class pool_listener {
public:
    virtual ~pool_listener() = default;
    virtual void on_result(const checked_number& result) = 0;
    virtual void on_worker_lost(const lost_worker& lost) = 0;
    /// Worker `worker` (from 1) has started; `system_id` is its pid, or its thread id (gettid)
    /// for a thread: what `ps` or `top -H` show, so a job log line can be matched to them.
    virtual void on_worker_started(unsigned /*worker*/, long /*system_id*/) {}
    /// Called after each group of results, before the pool waits again: a good time to
    /// flush output so a person watching sees each answer as it comes.
    virtual void flush() {}
    /// Where each worker publishes what it is checking and how far it has got (worker 1
    /// first): given once they exist, before the first check, and given again empty before
    /// they go away. For a display that reads them on a thread of its own, ten times a second:
    /// the checks only store to them and never wait for the display. After the empty call
    /// returns, nothing may read them.
    virtual void watch_workers(std::span<const worker_activity* const> /*activities*/) {}
};

/// While alive, `listener` may read `activities` (pool_listener::watch_workers): it is told
/// of them on construction, and told they are gone on destruction, however the run ends.
class watched_workers {
public:
    watched_workers(pool_listener& listener, std::vector<const worker_activity*> activities)
        : listener_(listener), activities_(std::move(activities)) {
        listener_.watch_workers(activities_);
    }
    ~watched_workers() { listener_.watch_workers({}); }
    watched_workers(const watched_workers&) = delete;
    watched_workers& operator=(const watched_workers&) = delete;

private:
    pool_listener& listener_;
    std::vector<const worker_activity*> activities_;
};

/// What --keep-order holds at most, waiting for a slow number: 64 Ki results, a few MiB (a
/// map node of about 100 bytes each), however long the input.
inline constexpr std::size_t default_held_results_bound = std::size_t{64} * 1024;

struct pool_options {
    unsigned workers = 1;
    prime_check check = trial_simple_check;
    batch_planner planner{};  // its capacity is set by the pool to what one record carries
    /// Process pool only: how many times a number whose worker died is checked again on a
    /// fresh worker before it is reported unchecked. A worker that dies holding no number is
    /// replaced too, at most this many times in a row in its place (an answer from the place
    /// starts the count again). Threads do not die alone; they ignore it.
    unsigned retries = 0;
    /// Hand results to the listener in input order (GNU parallel's -k), each as soon as every
    /// number before it is answered, instead of in completion order (in_order_release.hpp).
    /// The pools need it; the sequential and coroutine models check one number at a time in
    /// input order, so they are in order already and ignore it.
    bool keep_order = false;
    /// With keep_order: how many finished results may wait for an earlier, slower one before
    /// the pool stops handing out new numbers (it resumes as the slow one comes in).
    std::size_t held_results_bound = default_held_results_bound;
};

}  // namespace concur
