// The worker's side of a prime pool: take a batch, check it, send the verdicts, until the pill.
#pragma once

#include "concur/core/wire_records.hpp"
#include "concur/runtime/pool_types.hpp"
#include "concur/runtime/worker_activity.hpp"

#include <chrono>
#include <cstdint>
#include <limits>

namespace concur {

/// How a worker's loop ended.
enum class worker_exit {
    said_done,    // it took a poison pill and sent its done record: the normal end
    jobs_closed,  // the job channel closed before any pill: the parent is gone, or stopped the run
};

/// The seed's `worker()`: `while n := jobs.get(): results.put(check(n))`, then the done
/// record. `Channel` provides `bool receive(job_record&)` (false: the jobs are gone) and
/// `void send(const result_record&)`: a pipe for a process, a queue for a thread.
template <typename Channel>
worker_exit run_pool_worker(unsigned worker, Channel& channel, prime_check check, worker_activity& activity) {
    job_record job;
    result_record out;
    out.worker = worker;
    while (channel.receive(job)) {
        if (job.kind == job_kind::poison_pill) {
            out.kind = result_kind::done;
            out.count = 0;
            channel.send(out);
            return worker_exit::said_done;
        }
        out.kind = result_kind::verdicts;
        out.batch = job.batch;
        out.first_index = 0;
        out.count = 0;
        for (std::uint32_t i = 0; i < job.count; ++i) {
            const std::uint64_t n = job.numbers[i];
            activity.begin(n);
            const auto start = std::chrono::steady_clock::now();
            const bool prime = check(n);
            const auto elapsed = std::chrono::steady_clock::now() - start;
            activity.end();
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
    return worker_exit::jobs_closed;
}

}  // namespace concur
