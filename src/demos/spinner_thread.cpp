// The seed's spinner_thread.py: a std::thread draws the spinner while the main thread works.
#include "concur/demos/spinner_thread.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/core/spinner_frames.hpp"
#include "concur/runtime/thread_event.hpp"
#include "concur/sys/sleep.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <functional>
#include <thread>

namespace concur {
namespace {

// Draws a frame, then waits up to 100 ms for `done`. wait() returns true the moment `done`
// is set, so the spinner stops at once instead of finishing its nap.
void spin(spinner_screen screen, thread_event& done) {
    for (std::uint64_t tick = 0;; ++tick) {
        screen.draw(tick);
        if (done.wait(frame_interval)) break;
    }
    screen.clear();
}

// The main thread's work. C++ has no GIL: the spinner thread runs on its own, on another core
// if there is one, whether this thread sleeps in the kernel or computes primes flat out.
// Sleep and block are the same to a thread: time.sleep, with its deadline (see sys::sleep_until).
spin_answer slow(const spin_options& options) {
    if (options.work == spin_work::prime) return {spin_work::prime, options.number, is_prime(options.number)};
    sys::sleep_until(std::chrono::steady_clock::now() + options.duration);
    return {options.work};
}

spin_answer supervisor(const spin_options& options, spin_console& console) {
    thread_event done;
    std::thread spinner(spin, console.screen(), std::ref(done));
    // A std::thread runs from its construction; announce() is the seed's start(): the spinner
    // draws its first frame only once this line is out (see spin_console::announce).
    console.announce(fmt::format("<std::thread id={} (spin)>", spinner.get_id()));
    console.work_started();
    const spin_answer result = slow(options);
    console.work_finished();
    done.set();
    spinner.join();
    return result;
}

}  // namespace

spin_answer spin_with_thread(const spin_options& options, spin_console& console) {
    return supervisor(options, console);
}

}  // namespace concur
