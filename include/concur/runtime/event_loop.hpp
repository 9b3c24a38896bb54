// event_loop: the single-threaded loop that runs coroutines: a ready queue and a timer heap.
#pragma once

#include "concur/runtime/loop_clock.hpp"
#include "concur/runtime/task.hpp"
#include "concur/runtime/task_handle.hpp"
#include "concur/runtime/task_root.hpp"
#include "concur/runtime/timer_queue.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace concur {

/// Runs many tasks on one thread, one at a time: a task runs until it awaits, then the loop
/// picks the next ready one. Nothing preempts a task, so one that computes or blocks without
/// awaiting freezes every other task (the seed's lesson about asyncio).
///
/// The whole loop is `while (main task not finished) run_one_turn();`, as Redis's ae.c is
/// `while (!stop) aeProcessEvents()`. Tests call run_one_turn() by hand to step it.
/// Everything here must be used from the loop's thread.
class event_loop {
public:
    explicit event_loop(loop_clock& clock) noexcept : clock_(clock) {}
    /// Destroys the frames of tasks that never finished (their destructors run, nothing resumes).
    ~event_loop();
    event_loop(const event_loop&) = delete;
    event_loop& operator=(const event_loop&) = delete;

    /// The loop running on this thread. Throws std::logic_error outside of one, as awaiting
    /// sleep_for() in code the loop is not running is a programming error.
    [[nodiscard]] static event_loop& current();
    [[nodiscard]] static bool running_on_this_thread() noexcept;

    /// asyncio.create_task: the task is queued and starts in a later turn; the caller goes on.
    template <typename T>
    task_handle<T> spawn(task<T> body);

    /// asyncio.run's loop: spawns `main`, turns until it finishes, then cancels the tasks still
    /// alive and turns until they have cleaned up (the spinner clears its line), and returns
    /// main's value or rethrows its exception. Throws std::logic_error when called from inside
    /// a running loop (asyncio: "cannot be called from a running event loop"), or when every
    /// task waits and no timer is set (nothing could ever wake them: a deadlock).
    template <typename T>
    T run_until_complete(task<T> main);

    /// One turn of the loop, in this order (ae.c's aeProcessEvents):
    ///  1. If no coroutine is ready, block in the kernel until the earliest timer's deadline
    ///     (loop_clock::sleep_until): an idle loop costs no CPU, there is no polling.
    ///  2. Move every timer whose deadline has passed to the ready queue, earliest first,
    ///     equal deadlines in the order they were set.
    ///  3. Resume the coroutines that were ready at this point, first in first out. Those they
    ///     make ready wait for the next turn, so a task that keeps yielding cannot starve timers.
    ///  4. Release the tasks that finished.
    /// With nothing ready and no timer, it returns at once.
    void run_one_turn();

    // --- for awaitables ---------------------------------------------------------------
    /// Puts a coroutine at the back of the ready queue (and tells its task it is runnable).
    void wake(scheduled_coroutine coroutine);
    [[nodiscard]] timer_queue& timers() noexcept { return timers_; }
    [[nodiscard]] loop_clock& clock() const noexcept { return clock_; }
    /// The task whose coroutine is running now (null between resumptions).
    [[nodiscard]] task_root* running_root() const noexcept { return running_root_; }
    /// Called by task_root::finish.
    void task_finished(task_root& root);

    // --- for tests and statistics ------------------------------------------------------
    [[nodiscard]] std::size_t ready_count() const noexcept { return ready_.size(); }
    [[nodiscard]] std::size_t timer_count() const noexcept { return timers_.size(); }
    [[nodiscard]] std::size_t live_task_count() const noexcept { return live_.size(); }
    [[nodiscard]] std::uint64_t turns() const noexcept { return turns_; }
    [[nodiscard]] std::uint64_t kernel_waits() const noexcept { return kernel_waits_; }

private:
    /// Makes this loop current on the thread for a scope (nests: restores the previous one).
    class current_scope {
    public:
        explicit current_scope(event_loop& loop) noexcept;
        ~current_scope();
        current_scope(const current_scope&) = delete;
        current_scope& operator=(const current_scope&) = delete;

    private:
        event_loop* previous_;
    };
    void refuse_nested_run() const;
    [[noreturn]] void report_deadlock() const;
    void cancel_the_rest() noexcept;
    void release_finished() noexcept;

    loop_clock& clock_;
    std::deque<scheduled_coroutine> ready_;  // coroutines to resume, in order
    timer_queue timers_;                     // coroutines sleeping until a deadline
    std::unordered_map<task_root*, std::shared_ptr<task_root>> live_;  // spawned, not released
    std::vector<task_root*> finished_;       // finished this turn, released at its end
    task_root* running_root_ = nullptr;      // whose coroutine is being resumed
    std::uint64_t next_task_id_ = 1;
    std::uint64_t turns_ = 0;                // run_one_turn calls
    std::uint64_t kernel_waits_ = 0;         // times the loop blocked until a timer
};

template <typename T>
task_handle<T> event_loop::spawn(task<T> body) {
    auto state = std::make_shared<spawned_task<T>>(*this, next_task_id_++, std::move(body));
    live_.emplace(state.get(), state);
    wake({state->start_handle(), state.get()});
    return task_handle<T>{std::move(state)};
}

template <typename T>
T event_loop::run_until_complete(task<T> main) {
    refuse_nested_run();
    current_scope scope{*this};
    task_handle<T> handle = spawn(std::move(main));
    while (!handle.done()) {
        if (ready_.empty() && timers_.empty()) report_deadlock();
        run_one_turn();
    }
    // Like asyncio.run: the tasks main left running are cancelled and given the turns they
    // need to clean up. A task that ignores `cancelled` and waits forever keeps us here, as
    // it would keep asyncio.run.
    cancel_the_rest();
    while (!live_.empty() && (!ready_.empty() || !timers_.empty())) run_one_turn();
    return handle.result();
}

}  // namespace concur
