// The worker's side of a prime pool: take a batch, check it, send the verdicts, until the pill.
#pragma once

#include "concur/core/wire_records.hpp"
#include "concur/runtime/pool_types.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>

namespace concur::detail {

/// What a worker is doing, where its parent can read it after the worker dies. For processes
/// it lives in MAP_SHARED memory: lock-free atomics work across processes.
struct worker_activity {
    std::atomic<std::uint64_t> number{0};  // the number being checked, valid while busy
    std::atomic<std::uint32_t> busy{0};    // 1 between taking a number and answering it
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

/// The seed's `worker()`: `while n := jobs.get(): results.put(check(n))`, then the done
/// record. `Channel` provides `bool receive(job_record&)` (false: the jobs are gone) and
/// `void send(const result_record&)`. Returns the worker's exit code.
template <typename Channel>
int run_pool_worker(unsigned worker, Channel& channel, prime_check check, worker_activity& activity) {
    job_record job;
    result_record out;
    out.worker = worker;
    while (channel.receive(job)) {
        if (job.kind == job_kind::poison_pill) {
            out.kind = result_kind::done;
            out.count = 0;
            channel.send(out);
            return 0;
        }
        out.kind = result_kind::verdicts;
        out.batch = job.batch;
        out.first_index = 0;
        out.count = 0;
        for (std::uint32_t i = 0; i < job.count; ++i) {
            const std::uint64_t n = job.numbers[i];
            activity.number.store(n, std::memory_order_relaxed);
            activity.busy.store(1, std::memory_order_release);
            const auto start = std::chrono::steady_clock::now();
            const bool prime = check(n);
            const auto elapsed = std::chrono::steady_clock::now() - start;
            activity.busy.store(0, std::memory_order_release);
            const auto start_ns = static_cast<std::uint64_t>(
                std::chrono::nanoseconds{start.time_since_epoch()}.count());
            // Each verdict's start is an offset from the record's first; a record whose checks
            // span more than 32 bits of nanoseconds (4.3 s) is sent early instead of wrapping.
            if (out.count > 0 && start_ns - out.started_ns > std::numeric_limits<std::uint32_t>::max()) {
                channel.send(out);
                out.first_index = i;
                out.count = 0;
            }
            if (out.count == 0) out.started_ns = start_ns;
            out.verdicts[out.count++] = verdict{
                n, static_cast<std::uint64_t>(std::chrono::nanoseconds{elapsed}.count()),
                prime ? 1U : 0U, static_cast<std::uint32_t>(start_ns - out.started_ns)};
            if (out.count == result_record::capacity) {
                channel.send(out);
                out.first_index = i + 1;
                out.count = 0;
            }
        }
        if (out.count > 0) channel.send(out);
    }
    return 4;  // the job channel closed without a poison pill: the parent is gone
}

}  // namespace concur::detail
