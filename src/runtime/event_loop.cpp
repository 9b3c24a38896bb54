// event_loop: the single-threaded loop that runs coroutines: a ready queue and a timer heap.
#include "concur/runtime/event_loop.hpp"

namespace concur {
namespace {
thread_local event_loop* current_loop = nullptr;  // set while a loop turns on this thread
}  // namespace

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
    for (auto& [root, owner] : live_) root->abandon();
    live_.clear();
}

void event_loop::refuse_nested_run() const {
    // One thread, one loop: the outer loop is suspended inside the coroutine calling us, so
    // an inner loop would run its tasks while the outer ones silently stop. Jupyter runs
    // notebook cells inside its own asyncio loop, which is why asyncio.run() fails there.
    if (running_on_this_thread()) throw std::logic_error("run() cannot be called from a running event loop");
}

void event_loop::report_deadlock() const {
    throw std::logic_error("every task is waiting and no timer is set: nothing can wake them (deadlock)");
}

void event_loop::wake(scheduled_coroutine coroutine) {
    coroutine.root->woken();
    ready_.push_back(coroutine);
}

void event_loop::task_finished(task_root& root) { finished_.push_back(&root); }

void event_loop::run_one_turn() {
    current_scope scope{*this};
    ++turns_;

    // 1. Nothing to run: sleep in the kernel until the earliest timer. Never a busy wait.
    if (ready_.empty()) {
        if (const auto deadline = timers_.next_deadline(); deadline && clock_.now() < *deadline) {
            ++kernel_waits_;
            clock_.sleep_until(*deadline);
        }
    }

    // 2. Due timers become ready, earliest first.
    const auto now = clock_.now();
    while (const auto due = timers_.pop_due(now)) wake(*due);

    // 3. Resume what is ready now; what they wake runs next turn.
    for (std::size_t count = ready_.size(); count > 0; --count) {
        const scheduled_coroutine next = ready_.front();
        ready_.pop_front();
        running_root_ = next.root;
        next.handle.resume();  // runs until the task's next await: nothing can interrupt it
        running_root_ = nullptr;
    }

    // 4. Finished tasks are released here, never inside their own final_suspend.
    release_finished();
}

void event_loop::cancel_the_rest() noexcept {
    for (auto& [root, owner] : live_) root->request_cancel();
}

void event_loop::release_finished() noexcept {
    for (task_root* root : std::exchange(finished_, {})) live_.erase(root);
}

}  // namespace concur
