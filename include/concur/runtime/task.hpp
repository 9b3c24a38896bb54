// task<T>: a lazy coroutine that produces a T (or throws), awaited by exactly one caller.
#pragma once

#include "concur/runtime/task_root.hpp"

#include <cassert>
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace concur {

template <typename T = void>
class task;

namespace detail {

struct task_promise_base {
    /// Lazy: creating a task runs nothing. It starts when awaited (co_await) or spawned. A
    /// spawned task cancelled before its first step never runs its body: its first resumption
    /// throws `cancelled` at once, as asyncio throws CancelledError into a task that has not
    /// started (a task that is awaited belongs to its awaiter's task: `root` is null).
    struct initial_awaiter {
        task_promise_base& promise;
        [[nodiscard]] bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const {
            if (promise.root != nullptr) promise.root->check_cancelled();
        }
    };
    initial_awaiter initial_suspend() noexcept { return {*this}; }

    /// At the end, resume whoever awaited us by symmetric transfer: returning its handle
    /// from await_suspend jumps to it without growing the stack, so a loop awaiting 100,000
    /// tasks that finish at once does not overflow it. A spawned task has no awaiter: it
    /// tells its task_root instead, which wakes the tasks joining it.
    struct final_awaiter {
        [[nodiscard]] bool await_ready() const noexcept { return false; }
        template <typename Promise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
            task_promise_base& promise = self.promise();
            if (promise.continuation) return promise.continuation;
            if (promise.root != nullptr) promise.root->finish();
            return std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }

    void unhandled_exception() noexcept { exception = std::current_exception(); }

    std::coroutine_handle<> continuation;  // the coroutine awaiting this task, if any
    task_root* root = nullptr;             // set only when this task was spawned
    std::exception_ptr exception;          // what the body threw, rethrown to the awaiter
};

template <typename T>
struct task_promise final : task_promise_base {
    task<T> get_return_object() noexcept;
    template <typename U>
    void return_value(U&& value) { result.emplace(std::forward<U>(value)); }
    T take_result() {
        if (exception) std::rethrow_exception(exception);
        return std::move(*result);
    }
    std::optional<T> result;
};

template <>
struct task_promise<void> final : task_promise_base {
    task<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take_result() {
        if (exception) std::rethrow_exception(exception);
    }
};

}  // namespace detail

/// Owns its coroutine frame (destroyed with the task). `co_await some_task()` starts it,
/// suspends the awaiter, and resumes the awaiter on the same thread when the task ends,
/// with its value or its exception. Await a task once; a task is moved, never copied.
template <typename T>
class [[nodiscard]] task {
public:
    using promise_type = detail::task_promise<T>;
    using handle_type = std::coroutine_handle<promise_type>;

    task() noexcept = default;
    explicit task(handle_type handle) noexcept : handle_(handle) {}
    task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
    task& operator=(task&& other) noexcept {
        if (this != &other) {
            if (handle_) handle_.destroy();
            handle_ = std::exchange(other.handle_, {});
        }
        return *this;
    }
    task(const task&) = delete;
    task& operator=(const task&) = delete;
    ~task() {
        if (handle_) handle_.destroy();
    }

    /// True once the body has returned or thrown.
    [[nodiscard]] bool is_ready() const noexcept { return !handle_ || handle_.done(); }
    [[nodiscard]] handle_type handle() const noexcept { return handle_; }

    /// The result of a finished task (rethrows what it threw). For tests that step by hand.
    T result() {
        assert(handle_ && handle_.done());
        return handle_.promise().take_result();
    }

    struct awaiter {
        handle_type callee;
        [[nodiscard]] bool await_ready() const noexcept { return false; }
        /// Symmetric transfer: start the callee right away, on this thread, without a loop turn.
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
            callee.promise().continuation = caller;
            return callee;
        }
        T await_resume() { return callee.promise().take_result(); }
    };
    awaiter operator co_await() && noexcept { return awaiter{handle_}; }

private:
    handle_type handle_;
};

namespace detail {
template <typename T>
task<T> task_promise<T>::get_return_object() noexcept {
    return task<T>{std::coroutine_handle<task_promise<T>>::from_promise(*this)};
}
inline task<void> task_promise<void>::get_return_object() noexcept {
    return task<void>{std::coroutine_handle<task_promise<void>>::from_promise(*this)};
}
}  // namespace detail

}  // namespace concur
