// event_loop: the single-threaded loop that runs coroutines: ready queue, timer heap, descriptors.
#pragma once

#include "concur/runtime/descriptor_poller.hpp"
#include "concur/runtime/loop_clock.hpp"
#include "concur/runtime/task.hpp"
#include "concur/runtime/task_handle.hpp"
#include "concur/runtime/task_root.hpp"
#include "concur/runtime/timer_queue.hpp"

#include <coroutine>
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
    /// Time from `clock`; descriptors waited on with poll(2).
    explicit event_loop(loop_clock& clock) noexcept;
    /// Time from `clock`; descriptors waited on through `poller` (a test's, say).
    event_loop(loop_clock& clock, descriptor_poller& poller) noexcept
        : clock_(clock), poller_(poller) {}
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
    /// task waits and neither a timer nor a descriptor is watched (nothing could ever wake
    /// them: a deadlock). A task waiting on a descriptor is not deadlocked: another process,
    /// or a signal handler, may make it readable.
    template <typename T>
    T run_until_complete(task<T> main);

    /// One turn of the loop, in this order (ae.c's aeProcessEvents):
    ///  1. Wait in the kernel, once, never busily:
    ///     - descriptors watched: one poll() on all of them, for at most the time left until
    ///       the earliest timer (no timer: until one is ready). If a coroutine is ready, the
    ///       poll only looks (timeout zero): a task that keeps yielding cannot starve a
    ///       descriptor, as step 4 keeps it from starving timers.
    ///     - none watched and no coroutine ready: sleep until the earliest timer
    ///       (loop_clock::sleep_until; ae.c would poll no descriptor, but the clock's sleep
    ///       takes an absolute deadline where poll takes a relative timeout).
    ///     Either way an idle loop costs no CPU.
    ///  2. Move the coroutines whose descriptor poll() found ready to the ready queue, in the
    ///     order their waits began (ae.c, too, handles file events before timers).
    ///  3. Move every timer whose deadline has passed to the ready queue, earliest first,
    ///     equal deadlines in the order they were set.
    ///  4. Resume the coroutines that were ready at this point, first in first out. Those they
    ///     make ready wait for the next turn, so a task that keeps yielding cannot starve timers.
    ///  5. Release the tasks that finished.
    /// With nothing ready, no timer and no descriptor watched, it returns at once.
    void run_one_turn();

    // --- for awaitables ---------------------------------------------------------------
    /// Puts a coroutine at the back of the ready queue (and tells its task it is runnable).
    void wake(scheduled_coroutine coroutine);
    [[nodiscard]] timer_queue& timers() noexcept { return timers_; }
    /// Makes `waiter` ready in the first turn whose poll finds `fd` readable (steps 1 and 2).
    void watch_readable(int fd, scheduled_coroutine waiter);
    /// Forgets the watch set for `waiter`, which must not have fired (its wait was cancelled).
    void stop_watching(std::coroutine_handle<> waiter) noexcept;
    [[nodiscard]] loop_clock& clock() const noexcept { return clock_; }
    /// The task whose coroutine is running now (null between resumptions).
    [[nodiscard]] task_root* running_root() const noexcept { return running_root_; }
    /// Called by task_root::finish.
    void task_finished(task_root& root);

    // --- for tests and statistics ------------------------------------------------------
    [[nodiscard]] std::size_t ready_count() const noexcept { return ready_.size(); }
    [[nodiscard]] std::size_t timer_count() const noexcept { return timers_.size(); }
    [[nodiscard]] std::size_t watched_descriptor_count() const noexcept { return watched_.size(); }
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
    /// A coroutine waiting for a descriptor to become readable (ae.c's aeFileEvent).
    struct descriptor_watch {
        int fd;
        scheduled_coroutine waiter;
    };
    void refuse_nested_run() const;
    /// True while something can still make a task ready: a ready coroutine, a timer, a watch.
    [[nodiscard]] bool can_wake_anything() const noexcept;
    void sleep_until_the_earliest_timer();
    void poll_watched_descriptors();
    void wake_readable_watchers();
    [[noreturn]] void report_deadlock() const;
    void cancel_the_rest() noexcept;
    void release_finished() noexcept;

    loop_clock& clock_;
    descriptor_poller& poller_;
    std::deque<scheduled_coroutine> ready_;  // coroutines to resume, in order
    timer_queue timers_;                     // coroutines sleeping until a deadline
    std::vector<descriptor_watch> watched_;  // coroutines waiting on a descriptor, oldest first
    std::vector<pollfd> poll_set_;           // watched_'s descriptors, as poll() takes them
    std::unordered_map<task_root*, std::shared_ptr<task_root>> live_;  // spawned, not released
    std::vector<task_root*> finished_;       // finished this turn, released at its end
    task_root* running_root_ = nullptr;      // whose coroutine is being resumed
    std::uint64_t next_task_id_ = 1;
    std::uint64_t turns_ = 0;                // run_one_turn calls
    std::uint64_t kernel_waits_ = 0;         // times it blocked (a poll that only looks is not one)
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
        if (!can_wake_anything()) report_deadlock();
        run_one_turn();
    }
    // Like asyncio.run: the tasks main left running are cancelled and given the turns they
    // need to clean up. A task that ignores `cancelled` and waits forever keeps us here, as
    // it would keep asyncio.run.
    cancel_the_rest();
    while (!live_.empty() && can_wake_anything()) run_one_turn();
    return handle.result();
}

}  // namespace concur
