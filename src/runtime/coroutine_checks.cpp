// run_coroutine_checks: one task per number on concur's event loop (asyncio.create_task + gather).
#include "concur/runtime/coroutine_checks.hpp"

#include "concur/runtime/async_event.hpp"
#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/readable.hpp"
#include "concur/runtime/run.hpp"
#include "concur/runtime/worker_activity.hpp"
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
    worker_activity activity;  // the running check's number and progress
    // A signal interrupts the loop's thread in the middle of a check: the handler raises the
    // pipe's flag, and the check gives up at its next stop point.
    check_control control{{}, &signals.arrived(), &activity.reached};
    async_event never_set;      // waited on by a task that has nothing left but its cancellation
    pool_report report;
    clock::time_point last_flush = clock::now();
    bool supervisor_gone = false;  // cancelled, or failed: the tasks left do not start their check

    /// A signal has come, and the signal watcher may not have taken it yet.
    [[nodiscard]] bool stop_pending() const noexcept { return control.stop_requested(); }
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
///
/// Except when a stop is pending: then the check gives up at its next stop point (the place
/// where `spin --nap` yields), and the task awaits, so the loop can run watch_signals. That
/// await is the task's cancellation point: it ends there with `cancelled`, as asyncio's tasks
/// do, and its number is not answered.
task<> check_one(shared_state& state, std::uint64_t n) {
    if (!state.supervisor_gone && !state.stop_pending()) {
        state.activity.begin(n);
        const auto start = clock::now();
        const check_verdict answer = state.options.check(n, state.control);
        const auto end = clock::now();
        state.activity.end();
        if (answer != check_verdict::stopped) {
            ++state.report.checked;
            state.listener.on_result({n, answer == check_verdict::prime, end - start, 1, start});
            // Writing costs a system call and a check can take 20 ns: the output is flushed
            // every few milliseconds, not after every number.
            if (end - state.last_flush > std::chrono::milliseconds{10}) {
                state.last_flush = end;
                state.listener.flush();
            }
            co_return;
        }
    }
    co_await state.never_set.wait();  // until cancelled: asyncio's `await asyncio.Event().wait()`
}

/// A window of check tasks and the numbers they were given.
struct check_window {
    std::vector<std::uint64_t> numbers;
    std::vector<task_handle<void>> tasks;

    /// The numbers whose task has not answered: not finished, or ended by cancellation.
    void append_unanswered(std::vector<std::uint64_t>& unchecked) const {
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            if (!tasks[i].done() || tasks[i].was_cancelled()) unchecked.push_back(numbers[i]);
        }
    }
};

/// Reads numbers, spawns a window of check tasks, gathers them, and again. While it waits for
/// standard input, the loop's thread is free: it polls the input and the signal pipe at once.
task<> supervise(shared_state& state, number_source& source) {
    std::deque<std::uint64_t> pending;
    bool source_ended = false;
    check_window window;
    window.numbers.reserve(window_size);
    window.tasks.reserve(window_size);
    try {
        for (;;) {
            if (pending.empty()) {
                if (source_ended) break;
                if (source.poll_fd() >= 0) {
                    state.listener.flush();
                    co_await readable(source.poll_fd());
                }
                source_ended = !source.read_more(pending);
                continue;
            }
            while (window.tasks.size() < window_size && !pending.empty()) {
                window.numbers.push_back(pending.front());
                window.tasks.push_back(spawn(check_one(state, pending.front())));
                pending.pop_front();
            }
            // asyncio.gather: the tasks run (one after the other) while we wait for each to end.
            for (task_handle<void>& spawned : window.tasks) co_await spawned;
            window.numbers.clear();
            window.tasks.clear();
            state.listener.flush();
        }
    } catch (const cancelled&) {
        // A signal came: watch_signals cancelled us at the await we were suspended in. The
        // tasks of the window still running are cancelled by run() once we return.
        state.supervisor_gone = true;
        window.append_unanswered(state.report.unchecked);
    } catch (...) {
        state.supervisor_gone = true;  // an output error, or bad input
        throw;
    }
    state.report.unchecked.insert(state.report.unchecked.end(), pending.begin(), pending.end());
    state.report.input_left_unread = !source_ended;
}

/// Waits on the signal pipe, beside the supervisor's wait on standard input (the loop polls
/// both in one call), and cancels the supervisor when SIGINT or SIGTERM comes: what asyncio.run
/// does on Ctrl-C. A check running meanwhile holds the thread: it sees the signal's flag at
/// its next stop point, gives up and awaits, and this task runs in the loop's next turn.
task<> watch_signals(shared_state& state, task_handle<void> supervisor) {
    while (state.report.interrupt_signal == 0) {
        co_await readable(state.signals.fd());
        if (const auto signal = state.signals.take()) state.report.interrupt_signal = *signal;
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
    const watched_workers watched{listener, {&state.activity}};  // a display thread may read it meanwhile
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
