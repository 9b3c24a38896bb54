// run / spawn: asyncio.run and asyncio.create_task for concur's own event loop.
#pragma once

#include "concur/runtime/event_loop.hpp"

namespace concur {

/// asyncio.run: makes a loop on the monotonic clock, runs `main` on it until it finishes (then
/// cancels and finishes what main left running) and returns main's value or rethrows its
/// exception. The calling thread is the loop's thread throughout. Throws std::logic_error if
/// a loop is already running on this thread.
template <typename T>
T run(task<T> main) {
    steady_loop_clock clock;
    event_loop loop{clock};
    return loop.run_until_complete(std::move(main));
}

/// asyncio.create_task on the current loop: the task starts in a later turn. Call it from a
/// task the loop is running.
template <typename T>
task_handle<T> spawn(task<T> body) {
    return event_loop::current().spawn(std::move(body));
}

}  // namespace concur
