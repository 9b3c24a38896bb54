// task_root: the state of one spawned task (asyncio.Task): its cancellation and its ending.
#include "concur/runtime/task_root.hpp"

#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/event_loop.hpp"

#include <algorithm>

namespace concur {

bool task_root::request_cancel() noexcept {
    if (phase_ == phase::finished) return false;
    cancel_requested_ = true;
    if (phase_ == phase::waiting) {
        // Take the task back from what it waits on and make it ready: its await_resume will
        // see the request and throw. A runnable task needs nothing more: its next await will.
        wait_->withdraw();
        loop_.wake({waiter_, this});
    }
    return true;
}

void task_root::wait_on(pending_wait& wait, std::coroutine_handle<> waiter) noexcept {
    phase_ = phase::waiting;
    wait_ = &wait;
    waiter_ = waiter;
}

void task_root::woken() noexcept {
    if (phase_ != phase::waiting) return;
    phase_ = phase::runnable;
    wait_ = nullptr;
    waiter_ = {};
}

void task_root::check_cancelled() {
    if (!cancel_requested_) return;
    cancel_requested_ = false;  // one cancel(), one `cancelled`: a task that catches it may go on
    throw cancelled{};
}

void task_root::finish() noexcept {
    mark_finished();
    for (const scheduled_coroutine& joiner : std::exchange(joiners_, {})) loop_.wake(joiner);
    loop_.task_finished(*this);
}

void task_root::mark_finished() noexcept {
    phase_ = phase::finished;
    wait_ = nullptr;
    waiter_ = {};
    cancel_requested_ = false;
}

void task_root::add_joiner(scheduled_coroutine joiner) { joiners_.push_back(joiner); }

void task_root::remove_joiner(std::coroutine_handle<> joiner) noexcept {
    std::erase_if(joiners_, [joiner](const scheduled_coroutine& s) { return s.handle == joiner; });
}

}  // namespace concur
