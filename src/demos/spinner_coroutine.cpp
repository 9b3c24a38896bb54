// The seed's spinner_async.py: a task on concur's event loop draws the spinner while another works.
#include "concur/demos/spinner_coroutine.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/core/spinner_frames.hpp"
#include "concur/runtime/cancelled.hpp"
#include "concur/runtime/run.hpp"
#include "concur/runtime/sleep.hpp"
#include "concur/runtime/yield_now.hpp"
#include "concur/sys/sleep.hpp"

#include <fmt/format.h>


namespace concur {
namespace {

// Draws a frame, then sleeps on the loop for 100 ms. There is no `done` event: the supervisor
// cancels this task, and the pending sleep throws `cancelled` (CancelledError).
task<void> spin(spinner_screen screen) {
    for (std::uint64_t tick = 0;; ++tick) {
        screen.draw(tick);
        try {
            co_await sleep_for(frame_interval);
        } catch (const cancelled&) {
            break;
        }
    }
    screen.clear();
}

// The work, on the loop's only thread. Only `sleep` awaits; `block` and plain `prime` never
// give the thread back, so the spinner task cannot run until they end: it freezes. Worse, it
// never starts: the supervisor blocks before its first await, then cancels the spinner, and a
// task cancelled before its first step never runs (asyncio's rule): no frame at all, as in
// spinner_async_experiment.py. Both sleeps keep a deadline: a stop by Ctrl-Z counts.
task<spin_answer> slow(const spin_options& options) {
    if (options.work == spin_work::prime) {
        const bool prime = options.nap > 0 ? co_await is_prime_with_naps(options.number, options.nap)
                                           : is_prime(options.number);  // never awaits: freezes the loop
        co_return spin_answer{spin_work::prime, options.number, prime};
    }
    if (options.work == spin_work::block) {
        sys::sleep_until(std::chrono::steady_clock::now() + options.duration);  // time.sleep: freezes the loop
    } else {
        co_await sleep_for(options.duration);
    }
    co_return spin_answer{options.work};
}

task<spin_answer> supervisor(const spin_options& options, spin_console& console) {
    task_handle<void> spinner = spawn(spin(console.screen()));
    console.announce(fmt::format("<task #{} (spin) on concur's event loop>", spinner.id()));
    console.work_started();
    const spin_answer result = co_await slow(options);
    console.work_finished();
    spinner.cancel();
    co_return result;
}

}  // namespace

task<bool> is_prime_with_naps(std::uint64_t n, unsigned nap) {
    if (n < 2) co_return false;
    if (n == 2) co_return true;
    if (n % 2 == 0) co_return false;
    const std::uint64_t root = integer_sqrt(n);
    unsigned until_nap = nap;
    for (std::uint64_t divisor = 3; divisor <= root; divisor += 2) {
        if (n % divisor == 0) co_return false;
        if (--until_nap == 0) {
            until_nap = nap;
            co_await yield_now();  // asyncio.sleep(0): let the spinner have a turn
        }
    }
    co_return true;
}

spin_answer spin_with_coroutine(const spin_options& options, spin_console& console) {
    return run(supervisor(options, console));
}

}  // namespace concur
