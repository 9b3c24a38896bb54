// task_handle<T>: what spawn() returns (asyncio's Task object): cancel it, await its end.
#pragma once

#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/task.hpp"
#include "concur/runtime/task_root.hpp"

#include <memory>
#include <utility>

namespace concur {

/// The task the calling coroutine belongs to. Only valid inside a coroutine the event loop is
/// running; awaitables use it to register their waiter and to check for cancellation.
[[nodiscard]] task_root& current_task_root();

/// The task_root of a spawned task<T>: owns its coroutine frame.
template <typename T>
class spawned_task final : public task_root {
public:
    spawned_task(event_loop& loop, std::uint64_t id, task<T> body) noexcept
        : task_root(loop, id), body_(std::move(body)) {
        body_.handle().promise().root = this;
    }
    [[nodiscard]] std::coroutine_handle<> start_handle() const noexcept override { return body_.handle(); }
    [[nodiscard]] std::exception_ptr failure() const noexcept override {
        if (!body_.handle()) return std::make_exception_ptr(cancelled{});  // abandoned by its loop
        return body_.handle().promise().exception;
    }
    /// The loop is going away: destroy the frame now, while what it refers to still exists.
    void abandon() noexcept override {
        body_ = task<T>{};
        mark_finished();
    }
    T result() {
        if (!body_.handle()) throw cancelled{};
        return body_.result();
    }

private:
    task<T> body_;
};

/// A shared handle on a spawned task; the task keeps running if every handle is dropped.
/// Use it on the loop's thread only.
template <typename T>
class task_handle {
public:
    explicit task_handle(std::shared_ptr<spawned_task<T>> state) noexcept : state_(std::move(state)) {}

    /// Requests cancellation: the task's pending await (or its next one) throws `cancelled`;
    /// a task that has not started yet never runs its body. Returns false if the task had
    /// already finished.
    bool cancel() noexcept { return state_->request_cancel(); }
    [[nodiscard]] bool done() const noexcept { return state_->finished(); }
    /// True when the task finished because `cancelled` escaped from it.
    [[nodiscard]] bool was_cancelled() const {
        const std::exception_ptr failure = state_->failure();
        if (!done() || !failure) return false;
        try {
            std::rethrow_exception(failure);
        } catch (const cancelled&) {
            return true;
        } catch (...) {
            return false;
        }
    }
    [[nodiscard]] std::uint64_t id() const noexcept { return state_->id(); }
    /// The value of a finished task; rethrows what it threw.
    T result() { return state_->result(); }

    /// `co_await handle`: suspends until the task has finished, then returns its value or
    /// rethrows its exception. The awaiter resumes on the loop's thread, in the turn after the
    /// task ended. Cancelling the awaiter stops the waiting, not the awaited task.
    class join_awaiter final : private pending_wait {
    public:
        explicit join_awaiter(std::shared_ptr<spawned_task<T>> target) noexcept : target_(std::move(target)) {}
        bool await_ready() {
            self_ = &current_task_root();
            return target_->finished() || self_->cancel_requested();
        }
        void await_suspend(std::coroutine_handle<> waiter) {
            waiter_ = waiter;
            target_->add_joiner({waiter, self_});
            self_->wait_on(*this, waiter);
        }
        T await_resume() {
            self_->check_cancelled();
            return target_->result();
        }

    private:
        void withdraw() noexcept override { target_->remove_joiner(waiter_); }
        std::shared_ptr<spawned_task<T>> target_;
        task_root* self_ = nullptr;
        std::coroutine_handle<> waiter_;
    };
    join_awaiter operator co_await() const noexcept { return join_awaiter{state_}; }

private:
    std::shared_ptr<spawned_task<T>> state_;
};

}  // namespace concur
