// readable: suspend the calling task until a descriptor has data (asyncio's add_reader).
#pragma once

#include "concur/runtime/event_loop.hpp"

#include <coroutine>

namespace concur {

/// `co_await readable(fd)`: the task waits, and the thread does not. The loop adds `fd` to
/// the one poll() its next turns block in, beside every other task's descriptor and the
/// earliest timer: one thread, many waits. Nobody blocks on this descriptor alone.
///
/// Who resumes the task: the loop, on its own thread, in the first turn whose poll finds `fd`
/// readable, that is when a read() will not block: data has arrived, the writer has closed
/// (read returns 0), or the descriptor is in error (read fails and says why). Always
/// suspends, even if data is already there: readiness is what the loop's poll reports.
/// Readiness is a hint, not a reservation: if two tasks wait on the same descriptor both wake,
/// and the first to read may take everything. With one reader per descriptor, one read()
/// after the wait returns without blocking.
///
/// Cancel: if the task is cancelled before or while it waits, the watch is withdrawn (the
/// descriptor is not touched, nothing is read) and the await throws `cancelled`.
///
/// Caller's guarantee: awaited from a task the current event loop runs, and `fd` stays open
/// until the await returns. Closing it meanwhile is a bug (poll reports it invalid, the task
/// wakes, and its read fails).
class readable_awaiter final : private pending_wait {
public:
    explicit readable_awaiter(int fd) noexcept : fd_(fd) {}

    bool await_ready() {
        root_ = &current_task_root();
        return root_->cancel_requested();  // cancelled already: do not wait, throw now
    }
    void await_suspend(std::coroutine_handle<> waiter) {
        waiter_ = waiter;
        root_->loop().watch_readable(fd_, {waiter, root_});
        root_->wait_on(*this, waiter);
    }
    void await_resume() { root_->check_cancelled(); }

private:
    void withdraw() noexcept override { root_->loop().stop_watching(waiter_); }

    int fd_;
    task_root* root_ = nullptr;
    std::coroutine_handle<> waiter_;
};

[[nodiscard]] inline readable_awaiter readable(int fd) noexcept { return readable_awaiter{fd}; }

}  // namespace concur
