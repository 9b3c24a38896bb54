// sleep_for / sleep_until: suspend the calling task until a deadline (asyncio.sleep).
#pragma once

#include "concur/runtime/event_loop.hpp"

#include <coroutine>

namespace concur {

/// `co_await sleep_until(deadline)`: the task waits on the loop's timer heap; the thread is
/// free to run other tasks (or to sleep in the kernel if there are none). The awaiter
/// resumes on the loop's thread in the first turn at or after `deadline`. Throws
/// `cancelled` if the task is cancelled before or while it sleeps.
/// Caller's guarantee: awaited from a task the current event loop runs.
class sleep_awaiter final : private pending_wait {
public:
    explicit sleep_awaiter(loop_clock::time_point deadline) noexcept : deadline_(deadline) {}

    bool await_ready() {
        root_ = &current_task_root();
        return root_->cancel_requested();  // cancelled already: do not sleep, throw now
    }
    void await_suspend(std::coroutine_handle<> waiter) {
        timer_ = root_->loop().timers().add(deadline_, {waiter, root_});
        root_->wait_on(*this, waiter);
    }
    void await_resume() { root_->check_cancelled(); }

private:
    void withdraw() noexcept override { root_->loop().timers().cancel(timer_); }

    loop_clock::time_point deadline_;
    task_root* root_ = nullptr;
    timer_queue::timer_id timer_ = 0;
};

/// An absolute deadline: a loop that sleeps until `start + n * period` does not drift, however
/// late each wake-up is.
[[nodiscard]] inline sleep_awaiter sleep_until(loop_clock::time_point deadline) noexcept {
    return sleep_awaiter{deadline};
}

/// Relative to now on the current loop's clock.
[[nodiscard]] inline sleep_awaiter sleep_for(loop_clock::duration duration) {
    return sleep_awaiter{event_loop::current().clock().now() + duration};
}

}  // namespace concur
