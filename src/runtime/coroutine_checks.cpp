// run_coroutine_checks: one task per number on concur's event loop (asyncio.create_task + gather).
#include "concur/runtime/coroutine_checks.hpp"

#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/readable.hpp"
#include "concur/runtime/run.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <algorithm>
#include <deque>
#include <unistd.h>
#include <vector>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

/// At most this many tasks exist at once. asyncio's `gather(*[check(n) for n in numbers])`
/// makes every task up front; with numbers streamed from standard input that would be one
/// frame per number, gigabytes for 10^7 numbers. A window of tasks is spawned and gathered,
/// then the next: memory stays bounded, and nothing is lost in speed (see below, there is
/// no speed to lose).
constexpr std::size_t window_size = 256;

/// What the supervisor, the signal watcher and every check task share. It lives outside the
/// event loop, in run_coroutine_checks's frame, so that it outlives every task, even one the
/// loop is still finishing after the supervisor has thrown.
struct shared_state {
    shared_state(const pool_options& check_options, pool_listener& results) noexcept
        : options(check_options), listener(results) {}

    const pool_options& options;
    pool_listener& listener;
    sys::signal_pipe signals{SIGINT, SIGTERM};
    pool_report report;
    clock::time_point last_look = clock::now();
    bool stopping = false;  // interrupted, or a task failed: the tasks left skip their check

    /// Looking at the signal pipe costs a system call and a check can take 20 ns, so the tasks
    /// look (and flush the output) every few milliseconds, not after every number.
    void look_around() {
        last_look = clock::now();
        listener.flush();
        if (const auto signal = signals.take()) {
            report.interrupt_signal = *signal;
            stopping = true;
        }
    }
};

/// One number, one task: the coroutine twin of the pools' worker loop body.
///
/// The lesson is here: the check never awaits. A task runs until it awaits, so this one holds
/// the loop's only thread from the first division to the last, and the next task starts when
/// it ends. Coroutines interleave *waiting* (timers, descriptors, events: the supervisor's
/// wait on standard input and watch_signals's on the signal pipe below, in one poll), not
/// computing: for CPU-bound work they are the sequential loop plus the cost of a task per
/// number. Awaiting yield_now() inside the check would let other tasks in, not make anything
/// faster: there is still one thread.
task<> check_one(shared_state& state, std::uint64_t n) {
    if (state.stopping) {  // Ctrl-C came while this task waited for its turn
        state.report.unchecked.push_back(n);
        co_return;
    }
    const auto start = clock::now();
    const bool prime = state.options.check(n);
    const auto end = clock::now();
    ++state.report.checked;
    state.listener.on_result({n, prime, end - start, 1, start});
    if (end - state.last_look > std::chrono::milliseconds{10}) state.look_around();
}

/// Reads numbers, spawns a window of check tasks, gathers them, and again. While it waits for
/// standard input, the loop's thread is free: it polls the input and the signal pipe at once.
task<> supervise(shared_state& state, number_source& source) {
    std::deque<std::uint64_t> pending;
    bool source_ended = false;
    std::vector<task_handle<void>> window;
    window.reserve(window_size);
    try {
        while (!state.stopping) {
            if (pending.empty()) {
                if (source_ended) break;
                if (source.poll_fd() >= 0) {
                    state.listener.flush();
                    co_await readable(source.poll_fd());
                }
                source_ended = !source.read_more(pending);
                continue;
            }
            while (window.size() < window_size && !pending.empty()) {
                window.push_back(spawn(check_one(state, pending.front())));
                pending.pop_front();
            }
            // asyncio.gather: the tasks run (one after the other) while we wait for each to end.
            try {
                for (task_handle<void>& spawned : window) co_await spawned;
            } catch (...) {
                state.stopping = true;  // an output error: the tasks still queued will not check
                throw;
            }
            window.clear();
            state.listener.flush();
        }
    } catch (const cancelled&) {
        // A signal came: watch_signals cancelled us at the await we were suspended in.
    }
    state.report.unchecked.insert(state.report.unchecked.end(), pending.begin(), pending.end());
    state.report.input_left_unread = !source_ended;
}

/// Waits on the signal pipe, beside the supervisor's wait on standard input (the loop polls
/// both in one call), and cancels the supervisor when SIGINT or SIGTERM comes: what asyncio.run
/// does on Ctrl-C. The check tasks look at the pipe themselves every few milliseconds, since
/// the loop cannot poll while one of them computes.
task<> watch_signals(shared_state& state, task_handle<void> supervisor) {
    while (!state.stopping) {
        co_await readable(state.signals.fd());
        state.look_around();
    }
    supervisor.cancel();
}

/// The main task: the supervisor, and beside it the task that stops it on a signal.
task<> check_all(shared_state& state, number_source& source) {
    task_handle<void> supervisor = spawn(supervise(state, source));
    spawn(watch_signals(state, supervisor));  // left waiting: run() cancels it at the end
    co_await supervisor;                      // rethrows bad input or an output error
}

}  // namespace

pool_report run_coroutine_checks(number_source& source, const pool_options& options, pool_listener& listener) {
    shared_state state{options, listener};
    listener.on_worker_started(1, static_cast<long>(::gettid()));
    run(check_all(state, source));  // asyncio.run: returns once every task has finished
    listener.flush();
    pool_report report = std::move(state.report);
    if (report.interrupt_signal != 0) {
        report.ending = pool_ending::interrupted;
        std::sort(report.unchecked.begin(), report.unchecked.end());
    }
    return report;
}

}  // namespace concur
