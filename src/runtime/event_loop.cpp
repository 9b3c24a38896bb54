// event_loop: the single-threaded loop that runs coroutines: ready queue, timer heap, descriptors.
#include "concur/runtime/event_loop.hpp"

#include <algorithm>

namespace concur {
namespace {
thread_local event_loop* current_loop = nullptr;  // set while a loop turns on this thread
system_poller the_system_poller;                  // stateless: every loop may share it
}  // namespace

event_loop::event_loop(loop_clock& clock) noexcept : event_loop(clock, the_system_poller) {}

task_root& current_task_root() {
    task_root* root = event_loop::current().running_root();
    if (root == nullptr) throw std::logic_error("an awaitable of the event loop was used outside of a task");
    return *root;
}

event_loop::current_scope::current_scope(event_loop& loop) noexcept
    : previous_(std::exchange(current_loop, &loop)) {}

event_loop::current_scope::~current_scope() { current_loop = previous_; }

event_loop& event_loop::current() {
    if (current_loop == nullptr) throw std::logic_error("no event loop is running on this thread");
    return *current_loop;
}

bool event_loop::running_on_this_thread() noexcept { return current_loop != nullptr; }

event_loop::~event_loop() {
    ready_.clear();
    watched_.clear();
    for (auto& [root, owner] : live_) root->abandon();
    live_.clear();
}

void event_loop::refuse_nested_run() const {
    // One thread, one loop: the outer loop is suspended inside the coroutine calling us, so
    // an inner loop would run its tasks while the outer ones silently stop. Jupyter runs
    // notebook cells inside its own asyncio loop, which is why asyncio.run() fails there.
    if (running_on_this_thread()) throw std::logic_error("run() cannot be called from a running event loop");
}

bool event_loop::can_wake_anything() const noexcept {
    return !ready_.empty() || !timers_.empty() || !watched_.empty();
}

void event_loop::report_deadlock() const {
    throw std::logic_error(
        "every task is waiting, and on no timer or descriptor: nothing can wake them (deadlock)");
}

void event_loop::wake(scheduled_coroutine coroutine) {
    coroutine.root->woken();
    ready_.push_back(coroutine);
}

void event_loop::task_finished(task_root& root) { finished_.push_back(&root); }

void event_loop::watch_readable(int fd, scheduled_coroutine waiter) {
    watched_.push_back({fd, waiter});
}

void event_loop::stop_watching(std::coroutine_handle<> waiter) noexcept {
    std::erase_if(watched_, [waiter](const descriptor_watch& watch) {
        return watch.waiter.handle == waiter;
    });
}

void event_loop::run_one_turn() {
    current_scope scope{*this};
    ++turns_;

    // 1. Block in the kernel, once: on the watched descriptors and the earliest timer together.
    if (watched_.empty()) {
        sleep_until_the_earliest_timer();
    } else {
        poll_watched_descriptors();
    }

    // 2. Readable descriptors wake their coroutines, in the order the waits began.
    wake_readable_watchers();

    // 3. Due timers become ready, earliest first.
    const auto now = clock_.now();
    while (const auto due = timers_.pop_due(now)) wake(*due);

    // 4. Resume what is ready now; what they wake runs next turn.
    for (std::size_t count = ready_.size(); count > 0; --count) {
        const scheduled_coroutine next = ready_.front();
        ready_.pop_front();
        running_root_ = next.root;
        next.handle.resume();  // runs until the task's next await: nothing can interrupt it
        running_root_ = nullptr;
    }

    // 5. Finished tasks are released here, never inside their own final_suspend.
    release_finished();
}

void event_loop::sleep_until_the_earliest_timer() {
    // With no descriptor to watch, the clock's sleep: on an absolute deadline, where poll's
    // timeout is relative (the time between reading the clock and entering the kernel is lost).
    poll_set_.clear();
    if (!ready_.empty()) return;
    if (const auto deadline = timers_.next_deadline(); deadline && clock_.now() < *deadline) {
        ++kernel_waits_;
        clock_.sleep_until(*deadline);
    }
}

void event_loop::poll_watched_descriptors() {
    std::optional<loop_clock::duration> timeout;  // none: until a descriptor is ready
    if (!ready_.empty()) {
        timeout = loop_clock::duration::zero();  // something to run: look, do not wait
    } else if (const auto deadline = timers_.next_deadline()) {
        timeout = std::max(*deadline - clock_.now(), loop_clock::duration::zero());
    }
    // POLLIN asks for readable; poll adds POLLHUP (end of file) and POLLERR by itself, and a
    // read() then returns 0 or the error: "readable" means a read will not block.
    poll_set_.clear();
    for (const descriptor_watch& watch : watched_) poll_set_.push_back({watch.fd, POLLIN, 0});
    if (timeout != loop_clock::duration::zero()) ++kernel_waits_;
    poller_.wait(poll_set_, timeout);
}

void event_loop::wake_readable_watchers() {
    // poll_set_[i] is watched_[i]'s entry: nothing ran since step 1 filled it.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < poll_set_.size(); ++i) {
        if (poll_set_[i].revents != 0) {
            wake(watched_[i].waiter);
        } else {
            watched_[kept++] = watched_[i];
        }
    }
    watched_.resize(kept);
}

void event_loop::cancel_the_rest() noexcept {
    for (auto& [root, owner] : live_) root->request_cancel();
}

void event_loop::release_finished() noexcept {
    for (task_root* root : std::exchange(finished_, {})) live_.erase(root);
}

}  // namespace concur
