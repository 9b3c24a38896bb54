// async_event: a flag that tasks on one event loop can wait for (asyncio.Event).
#pragma once

#include "concur/runtime/event_loop.hpp"

#include <algorithm>
#include <coroutine>
#include <utility>
#include <vector>

namespace concur {

/// Single-threaded: set(), clear() and wait() must all be called on the loop's thread (from
/// its tasks, or from the code stepping it). Not for threads or processes: see thread_event
/// and process_event for those. Nobody blocks: a waiting task is suspended, and the loop runs
/// others meanwhile.
///
/// Two events make a message round trip between two tasks: A sets `ping` and waits for
/// `pong`; B waits for `ping`, clears it, sets `pong`.
class async_event {
public:
    [[nodiscard]] bool is_set() const noexcept { return is_set_; }

    /// Sets the flag and wakes every waiter: each resumes on the loop's thread in the loop's
    /// next turn, in the order they began waiting. Setting a set event does nothing.
    void set() {
        if (is_set_) return;
        is_set_ = true;
        for (awaiter* waiting : std::exchange(waiters_, {})) waiting->wake();
    }
    /// Clears the flag; later waits suspend until the next set().
    void clear() noexcept { is_set_ = false; }

    /// `co_await event.wait()`: returns at once if the flag is set, otherwise suspends the task
    /// until set(). Throws `cancelled` if the task is cancelled before or while it waits.
    /// Caller's guarantee: the event outlives the wait.
    class awaiter final : private pending_wait {
    public:
        explicit awaiter(async_event& event) noexcept : event_(event) {}
        bool await_ready() {
            root_ = &current_task_root();
            return event_.is_set_ || root_->cancel_requested();
        }
        void await_suspend(std::coroutine_handle<> waiter) {
            waiter_ = waiter;
            event_.waiters_.push_back(this);
            root_->wait_on(*this, waiter);
        }
        void await_resume() { root_->check_cancelled(); }

    private:
        friend class async_event;
        void wake() { root_->loop().wake({waiter_, root_}); }
        void withdraw() noexcept override { std::erase(event_.waiters_, this); }

        async_event& event_;
        task_root* root_ = nullptr;
        std::coroutine_handle<> waiter_;
    };
    [[nodiscard]] awaiter wait() noexcept { return awaiter{*this}; }

private:
    bool is_set_ = false;             // false: wait() suspends; true: wait() returns at once
    std::vector<awaiter*> waiters_;   // suspended in wait(), in arrival order
};

}  // namespace concur
