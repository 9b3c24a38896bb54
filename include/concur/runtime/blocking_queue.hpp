// blocking_queue: a first-in first-out queue threads share, guarded by a mutex and condition variable.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>

namespace concur {

/// The thread model's transport: what the job and result pipes are to processes. Values are
/// moved in and out under one mutex; nothing is serialised, because both sides share memory.
/// pop() blocks the calling thread until a value comes or the queue is closed; try_push()
/// and try_pop() never block, so a dispatcher that also waits on signals never sticks here.
template <typename T>
class blocking_queue {
public:
    explicit blocking_queue(std::size_t capacity = std::numeric_limits<std::size_t>::max())
        : capacity_(capacity) {}

    /// Adds `value` unless the queue is full or closed; wakes one waiting pop().
    [[nodiscard]] bool try_push(const T& value) {
        {
            const std::lock_guard lock{mutex_};
            if (closed_ || items_.size() >= capacity_) return false;
            items_.push_back(value);
        }
        // Notify after unlocking: the woken thread can take the mutex at once.
        not_empty_.notify_one();
        return true;
    }

    /// The oldest value, waiting for one if needed; nothing once the queue is closed.
    [[nodiscard]] std::optional<T> pop() {
        std::unique_lock lock{mutex_};
        // The predicate guards against spurious wake-ups, which condition variables allow.
        not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        return take_locked();
    }

    /// The oldest value if there is one now.
    [[nodiscard]] std::optional<T> try_pop() {
        const std::lock_guard lock{mutex_};
        return take_locked();
    }

    /// Ends the queue now: values still queued are dropped, every pop() returns nothing.
    /// The thread pool's emergency stop; the normal end is a poison pill per worker.
    void close() {
        {
            const std::lock_guard lock{mutex_};
            closed_ = true;
            items_.clear();
        }
        not_empty_.notify_all();
    }

private:
    std::optional<T> take_locked() {
        if (closed_ || items_.empty()) return std::nullopt;
        std::optional<T> value{std::move(items_.front())};
        items_.pop_front();
        return value;
    }

    std::mutex mutex_;
    std::condition_variable not_empty_;  // signalled on push and on close
    std::deque<T> items_;                // guarded by mutex_
    std::size_t capacity_;
    bool closed_ = false;                // guarded by mutex_
};

}  // namespace concur
