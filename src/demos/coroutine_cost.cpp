// measure_coroutine_costs: what a task on concur's event loop costs to start, to talk to, and to keep.
#include "concur/demos/coroutine_cost.hpp"

#include "concur/core/sample_stats.hpp"
#include "concur/runtime/async_event.hpp"
#include "concur/runtime/run.hpp"
#include "concur/runtime/yield_now.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <malloc.h>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

double microseconds(clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

/// This process's resident memory, in KiB, from /proc/self/statm.
double resident_kib() {
    std::ifstream statm{"/proc/self/statm"};
    double size_pages = 0;
    double resident_pages = 0;
    statm >> size_pages >> resident_pages;
    return resident_pages * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1024;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// Sanitized builds replace malloc with the sanitizer's allocator, which mallinfo2 knows
// nothing about (it reports 0); that allocator keeps its own count.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
double heap_bytes_in_use() { return static_cast<double>(__sanitizer_get_current_allocated_bytes()); }
#else
/// Bytes malloc has handed out and not taken back (its chunk headers included): every
/// coroutine frame is allocated with operator new, hence with malloc.
double heap_bytes_in_use() { return static_cast<double>(::mallinfo2().uordblks); }
#endif

task<> returns_at_once() { co_return; }

/// What an idle task looks like: suspended until someone sets the event.
task<> parked(async_event& gate) { co_await gate.wait(); }

/// A frame is what a coroutine keeps while suspended: its promise, its arguments, the locals
/// alive across an await, and the resume point. It lives on the heap, not on a stack: a task
/// that is not running holds no stack at all. That is why coroutines are cheap to keep:
/// bytes each, where a parked thread reserves megabytes of stack.
/// Measured on tasks created but not started (task<> is lazy: the frame exists, nothing ran).
cost_figure measure_frame_bytes(unsigned frames) {
    async_event gate;
    std::vector<task<>> tasks;
    tasks.reserve(frames);
    const double before = heap_bytes_in_use();
    for (unsigned i = 0; i < frames; ++i) tasks.push_back(parked(gate));
    const double after = heap_bytes_in_use();
    return {"coroutine", "frame_bytes", "coroutine frame of a task (heap, mallinfo2)", (after - before) / frames,
            "B", frames, "reserved", 1, {}};
}

/// `tasks` spawned tasks, each suspended on one event: what they hold while they wait.
task<std::vector<cost_figure>> measure_suspended_tasks(unsigned tasks) {
    async_event gate;
    const double heap_before = heap_bytes_in_use();
    const double resident_before = resident_kib();
    for (unsigned i = 0; i < tasks; ++i) (void)spawn(parked(gate));
    co_await yield_now();  // the spawned tasks run first, each up to its wait, then we resume
    const double heap_after = heap_bytes_in_use();
    const double resident_after = resident_kib();
    gate.set();
    co_await yield_now();  // they end; the loop releases them at the end of that turn
    const double per_hundred_thousand_mib = (resident_after - resident_before) * 100000.0 / tasks / 1024;
    co_return std::vector<cost_figure>{
        {"coroutine", "heap_per_unit", "heap per suspended task (frame + loop bookkeeping)",
         (heap_after - heap_before) / tasks, "B", tasks, "", 1, {}},
        {"coroutine", "resident_per_100000", "resident growth per 100,000 suspended tasks (VmRSS)",
         per_hundred_thousand_mib, "MiB", tasks, "resident", 1024.0 * 1024.0 / 100000, {}},
    };
}

/// One task spawned, awaited to its end, and released: asyncio's `await create_task(f())`.
task<cost_figure> measure_start_finish(unsigned count) {
    std::vector<double> samples;
    samples.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        const auto start = clock::now();
        {
            task_handle<void> handle = spawn(returns_at_once());
            co_await handle;
        }  // the last handle dropped: the task's state and frame are freed
        samples.push_back(microseconds(clock::now() - start));
    }
    co_return cost_figure{"coroutine", "start_finish", "start and finish one unit (spawn + await + destroy a task)",
                          describe_samples(samples).median, "µs", count, "time", 1, {}};
}

/// Ping-pong between two tasks on the same loop, with two async_events. No kernel, no other
/// CPU: a hand-off is a push on the ready queue and a resume one turn later.
task<cost_figure> measure_round_trip(unsigned count) {
    async_event ping;
    async_event pong;
    bool stop = false;
    auto partner = [](async_event& in, async_event& out, const bool& done) -> task<> {
        while (true) {
            co_await in.wait();
            in.clear();
            if (done) co_return;
            out.set();
        }
    };
    task_handle<void> other = spawn(partner(ping, pong, stop));
    std::vector<double> samples;
    samples.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        const auto start = clock::now();
        ping.set();
        co_await pong.wait();
        pong.clear();
        samples.push_back(microseconds(clock::now() - start));
    }
    stop = true;
    ping.set();
    co_await other;
    co_return cost_figure{"coroutine", "round_trip", "message round trip (two async_events on one loop)",
                          describe_samples(samples).median, "µs", count, "round_trip", 1, {}};
}

task<std::vector<cost_figure>> measure_on_the_loop(unsigned count, unsigned tasks) {
    // Memory first, while the heap has not yet been grown and freed by the timings.
    std::vector<cost_figure> figures = co_await measure_suspended_tasks(tasks);
    figures.insert(figures.begin(), co_await measure_round_trip(count));
    figures.insert(figures.begin(), co_await measure_start_finish(count));
    co_return figures;
}

}  // namespace

std::vector<cost_figure> measure_coroutine_costs(unsigned count) {
    // 100 tasks for each thread parked, up to a million (about 300 MB): enough tasks for
    // their memory to dwarf the loop's own, not so many that --count=100000 needs gigabytes.
    const unsigned tasks = std::min(count, 10000U) * 100;
    const cost_figure frame = measure_frame_bytes(tasks);
    std::vector<cost_figure> figures = run(measure_on_the_loop(count, tasks));
    figures.insert(figures.begin() + 2, frame);
    return figures;
}

}  // namespace concur
