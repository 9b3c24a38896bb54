// yield_now: let the other ready tasks and due timers run, then continue (asyncio.sleep(0)).
#pragma once

#include "concur/runtime/event_loop.hpp"

#include <coroutine>

namespace concur {

/// `co_await yield_now()`: the task goes to the back of the ready queue and resumes in the
/// loop's next turn, on the loop's thread, after the timers due by then have been moved to
/// the ready queue. A long computation that yields every so often lets a spinner turn; each
/// yield costs a loop turn (a clock read, a queue push and pop). Never blocks in the kernel
/// (the loop does not sleep while something is ready). Throws `cancelled` if the task is
/// cancelled before or during the yield. Caller's guarantee: awaited from a task the current
/// event loop runs.
class yield_awaiter {
public:
    bool await_ready() {
        root_ = &current_task_root();
        return root_->cancel_requested();
    }
    void await_suspend(std::coroutine_handle<> waiter) { root_->loop().wake({waiter, root_}); }
    void await_resume() { root_->check_cancelled(); }

private:
    task_root* root_ = nullptr;
};

[[nodiscard]] inline yield_awaiter yield_now() noexcept { return {}; }

}  // namespace concur
