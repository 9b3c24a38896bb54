// task_root: the state of one spawned task (asyncio.Task): its cancellation and its ending.
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <vector>

namespace concur {

class event_loop;
class task_root;

/// A suspended coroutine and the spawned task it belongs to: what the loop keeps in its ready
/// queue and its timers. The task is needed when it resumes: awaits ask it for cancellation.
struct scheduled_coroutine {
    std::coroutine_handle<> handle;
    task_root* root = nullptr;
};

/// Something a suspended task is waiting on (a timer, an event, another task's end).
/// cancel() calls withdraw() to take the waiter back so that it can be resumed with `cancelled`.
class pending_wait {
public:
    /// Removes the waiter from whatever holds it. Called on the loop's thread, only while the
    /// task is waiting here (never after the wait has woken it).
    virtual void withdraw() noexcept = 0;

protected:
    ~pending_wait() = default;
};

/// One spawned task: the outermost coroutine the loop resumes, and the scope cancellation
/// applies to (a task awaiting nested task<T>s is still one task_root, as in asyncio).
/// Only the event loop's thread may touch it.
class task_root {
public:
    enum class phase {
        runnable,  // in the ready queue, or running right now
        waiting,   // suspended at a cancellable await: `wait_` says on what
        finished,  // its coroutine reached final_suspend (returned or threw)
    };

    task_root(event_loop& loop, std::uint64_t id) noexcept : loop_(loop), id_(id) {}
    virtual ~task_root() = default;
    task_root(const task_root&) = delete;
    task_root& operator=(const task_root&) = delete;

    [[nodiscard]] std::uint64_t id() const noexcept { return id_; }
    [[nodiscard]] phase current_phase() const noexcept { return phase_; }
    [[nodiscard]] bool finished() const noexcept { return phase_ == phase::finished; }
    [[nodiscard]] event_loop& loop() const noexcept { return loop_; }

    /// Asks the task to stop. If it is waiting, its wait is withdrawn and it is made ready;
    /// when it resumes, that await throws `cancelled`. If it has not started, it never will:
    /// its first step throws `cancelled` before the first line of its body (asyncio's rule).
    /// If it is ready after a yield, the request is kept and its next await throws. Returns
    /// false if the task has already finished (nothing to cancel).
    bool request_cancel() noexcept;
    [[nodiscard]] bool cancel_requested() const noexcept { return cancel_requested_; }

    // --- for awaitables (sleep, yield_now, async_event, joining a task) ----------------
    /// Called from await_suspend: the task now waits on `wait`, and `waiter` resumes it.
    void wait_on(pending_wait& wait, std::coroutine_handle<> waiter) noexcept;
    /// Called by whatever the task waited on when the wait is over: back to runnable.
    void woken() noexcept;
    /// Called first in every await_resume: throws `cancelled` once per cancel() request.
    void check_cancelled();

    // --- for the outermost task<T> and for joining --------------------------------------
    /// Called when the outermost coroutine reaches final_suspend: wakes every joiner.
    void finish() noexcept;
    void add_joiner(scheduled_coroutine joiner);
    void remove_joiner(std::coroutine_handle<> joiner) noexcept;
    /// The coroutine to resume to start the task.
    [[nodiscard]] virtual std::coroutine_handle<> start_handle() const noexcept = 0;
    /// The exception the task ended with, or null if it returned.
    [[nodiscard]] virtual std::exception_ptr failure() const noexcept = 0;
    /// Destroys the coroutine frame of a task that will never run again (its loop is ending).
    virtual void abandon() noexcept = 0;

protected:
    void mark_finished() noexcept;

private:
    event_loop& loop_;
    std::uint64_t id_;                       // 1, 2, 3... in spawn order, for describing tasks
    phase phase_ = phase::runnable;
    bool cancel_requested_ = false;           // set by request_cancel, cleared when delivered
    pending_wait* wait_ = nullptr;            // what the task waits on, while phase_ == waiting
    std::coroutine_handle<> waiter_;          // the innermost suspended coroutine, while waiting
    std::vector<scheduled_coroutine> joiners_;  // tasks awaiting this one's end
};

}  // namespace concur
