// The worker's side of a prime pool: take a batch, check it, send the verdicts, until the pill.
#pragma once

#include "concur/core/check_control.hpp"
#include "concur/core/wire_records.hpp"
#include "concur/runtime/pool_types.hpp"
#include "concur/runtime/worker_activity.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>

namespace concur {

/// How a worker's loop ended.
enum class worker_exit {
    said_done,    // it took a poison pill and sent its done record: the normal end
    jobs_closed,  // the job channel closed before any pill: the parent is gone, or stopped the run
    stopped,      // its check_control asked it to stop: the verdicts it had not sent are in its outbox
};

namespace detail {

// A worker's outbox is where its verdicts wait to be sent. It may be read by the parent once
// the worker has ended, even by SIGKILL, so that a check finished before the stop is never
// lost. A kill lands between any two instructions, so each change keeps the record true after
// every store: a verdict is written before the count includes it, and the count is emptied
// before the record names another batch or position. std::atomic_signal_fence keeps the
// compiler from reordering those stores; the kill, like a signal handler, interrupts this very
// thread, so no CPU fence is needed.

/// Empties the outbox and points it at `first_index` of `batch`.
inline void start_outbox(result_record& outbox, std::uint64_t batch, std::uint32_t first_index) noexcept {
    outbox.count = 0;
    std::atomic_signal_fence(std::memory_order_release);
    outbox.batch = batch;
    outbox.first_index = first_index;
}

inline void add_to_outbox(result_record& outbox, const verdict& answer) noexcept {
    outbox.verdicts[outbox.count] = answer;
    std::atomic_signal_fence(std::memory_order_release);
    outbox.count = outbox.count + 1;
}

}  // namespace detail

/// The seed's `worker()`: `while n := jobs.get(): results.put(check(n))`, then the done
/// record. `Channel` provides `bool receive(job_record&)` (false: the jobs are gone),
/// `void send(const result_record&)` (a pipe for a process, a queue for a thread) and
/// `result_record& outbox()`, where the verdicts wait to be sent (shared memory for a process).
/// Before each check and at the check's stop points, `control` may ask the worker to stop: a
/// check stopped half-way is no answer, and the loop returns at once, leaving in its outbox
/// the verdicts not yet sent.
template <typename Channel>
worker_exit run_pool_worker(unsigned worker, Channel& channel, prime_check check, check_control& control,
                            worker_activity& activity) {
    job_record job;
    result_record& out = channel.outbox();
    detail::start_outbox(out, 0, 0);
    out.kind = result_kind::verdicts;
    out.worker = worker;
    while (channel.receive(job)) {
        if (job.kind == job_kind::poison_pill) {
            result_record done;
            done.kind = result_kind::done;
            done.worker = worker;
            channel.send(done);
            return worker_exit::said_done;
        }
        detail::start_outbox(out, job.batch, 0);
        // One clock read per check, not two: a read costs about 60 ns on a virtual machine
        // (kvm-clock), as much as checking a small number. Each check's end is the next one's
        // start, so a check's time also holds the few stores that record the verdict before
        // it; after a send, which may wait for room in the pipe, the clock is read again.
        auto start = std::chrono::steady_clock::now();
        for (std::uint32_t i = 0; i < job.count; ++i) {
            if (control.stop_requested()) return worker_exit::stopped;
            const std::uint64_t n = job.numbers[i];
            activity.begin(n);
            const check_verdict answer = check(n, control);
            const auto end = std::chrono::steady_clock::now();
            activity.end();
            if (answer == check_verdict::stopped) return worker_exit::stopped;
            const auto start_ns = static_cast<std::uint64_t>(
                std::chrono::nanoseconds{start.time_since_epoch()}.count());
            bool sent = false;
            // Each verdict's start is an offset from the record's first; a record whose checks
            // span more than 32 bits of nanoseconds (4.3 s) is sent early instead of wrapping.
            if (out.count > 0 && start_ns - out.started_ns > std::numeric_limits<std::uint32_t>::max()) {
                channel.send(out);
                detail::start_outbox(out, job.batch, i);
                sent = true;
            }
            if (out.count == 0) out.started_ns = start_ns;
            detail::add_to_outbox(out, verdict{n, static_cast<std::uint64_t>(std::chrono::nanoseconds{end - start}.count()),
                                               answer == check_verdict::prime ? 1U : 0U,
                                               static_cast<std::uint32_t>(start_ns - out.started_ns)});
            if (out.count == result_record::capacity) {
                channel.send(out);
                detail::start_outbox(out, job.batch, i + 1);
                sent = true;
            }
            start = sent ? std::chrono::steady_clock::now() : end;
        }
        if (out.count > 0) {
            channel.send(out);
            detail::start_outbox(out, job.batch, job.count);
        }
    }
    return worker_exit::jobs_closed;
}

}  // namespace concur
