// The seed's spinner_proc.py: a forked child draws the spinner while the parent works.
#include "concur/demos/spinner_process.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/core/spinner_frames.hpp"
#include "concur/demos/spinner_child.hpp"
#include "concur/runtime/process_event.hpp"
#include "concur/sys/shared_memory.hpp"
#include "concur/sys/sleep.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace concur {
namespace {

// Draws a frame, then waits up to 100 ms for `done`. wait() returns true the moment the
// parent sets `done`: the event is in shared memory, so the parent's set() reaches us.
void spin(spinner_screen screen, process_event& done) {
    for (std::uint64_t tick = 0;; ++tick) {
        screen.draw(tick);
        if (done.wait(frame_interval)) break;
    }
    screen.clear();
}

// The parent's work. The child is another process on the scheduler's list: it draws its
// frames whatever the parent does, sleeping or computing.
// Sleep and block are the same to a process: time.sleep, with its deadline (see sys::sleep_until).
spin_answer slow(const spin_options& options) {
    if (options.work == spin_work::prime) return {spin_work::prime, options.number, is_prime(options.number)};
    sys::sleep_until(std::chrono::steady_clock::now() + options.duration);
    return {options.work};
}

spin_answer supervisor(const spin_options& options, spin_console& console) {
    // After fork each process has its own copy of ordinary memory: an event living there would
    // be set in the parent's copy and never seen by the child. This one is MAP_SHARED.
    sys::shared_array<process_event> shared{1};
    process_event& done = shared[0];
    const spinner_screen screen = console.screen();
    console.flush_before_fork();
    const pid_t spinner = start_spinner_child([&] {
        spin(screen, done);
        return 0;
    });
    // The pid exists only after fork; announce() is the seed's start(): the spinner draws its
    // first frame only once this line is out (see spin_console::announce).
    console.announce(fmt::format("<child process pid={} parent={} (spin)>", spinner, ::getpid()));
    console.work_started();
    const spin_answer result = slow(options);
    console.work_finished();
    done.set();
    const sys::child_exit ended = join_spinner_child(spinner);  // join(): reaped, no zombie
    // A thread cannot die alone; a process can (kill -KILL, a crash). set() above took no lock
    // the dead child could have held, so the parent got here and can say what happened.
    if (!ended.success()) console.spinner_lost(spinner, ended.describe());
    return result;
}

}  // namespace

spin_answer spin_with_process(const spin_options& options, spin_console& console) {
    return supervisor(options, console);
}

}  // namespace concur
