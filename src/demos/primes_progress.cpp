// primes_progress: the live status block of `concur primes`, set up as --progress asks.
#include "concur/demos/primes_progress.hpp"

#include <unistd.h>

namespace concur {

primes_progress::primes_progress(progress_mode mode, progress_setup setup, pool_listener& results)
    : results_(results) {
    setup.fd = STDERR_FILENO;
    setup.style = choose_progress_style(mode, sys::can_animate(STDERR_FILENO), sys::is_pipe_or_socket(STDOUT_FILENO));
    setup.results_on_screen = ::isatty(STDOUT_FILENO) != 0;
    if (setup.style == progress_style::none) return;
    if (setup.style == progress_style::redraw) {
        signals_.emplace();
        session_.emplace(setup.fd, true, sys::terminal_area::cursor_to_end);
    }
    display_.emplace(results, setup);
}

pool_listener& primes_progress::listener() noexcept {
    if (display_) return *display_;
    return results_;
}

void primes_progress::finish() noexcept {
    display_.reset();
    session_.reset();
    signals_.reset();
}

}  // namespace concur
