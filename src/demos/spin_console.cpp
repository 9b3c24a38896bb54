// spin_console: what every spinner demo's supervisor is given: where to report, what to draw on.
#include "concur/demos/spin_console.hpp"

#include "concur/sys/io.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace concur {

spin_console::spin_console(output_sink& out, bool json, sys::terminal_session& terminal, std::string message)
    : out_(out), json_(json), terminal_(terminal), message_(std::move(message)) {}

void spin_console::announce(std::string spinner_object) noexcept {
    try {
        spinner_object_ = std::move(spinner_object);
        if (!json_) {
            out_.write(fmt::format("spinner object: {}\n", spinner_object_));
            out_.flush();  // now, as the seed's print does: it must show before the answer is ready
        }
    } catch (...) {
        if (!output_error_) output_error_ = std::current_exception();
    }
    announced_[0].set();  // in every case: a spinner that never started to draw would never stop
}

void spin_console::flush_before_fork() noexcept {
    try {
        out_.flush();
    } catch (...) {
        if (!output_error_) output_error_ = std::current_exception();
    }
}

void spin_console::rethrow_output_error() const {
    if (output_error_) std::rethrow_exception(output_error_);
}

spinner_screen spin_console::screen() {
    stats_[0].start(monotonic_now_ns());
    return spinner_screen{terminal_.fd(), terminal_.animating(), message_, stats_[0], announced_[0]};
}

void spin_console::spinner_lost(pid_t pid, const sys::child_exit& how) noexcept {
    lost_spinner_ = true;
    stats_[0].stop(monotonic_now_ns());  // the user watched a frozen line until now
    terminal_.erase_line();
    try {
        sys::write_all(STDERR_FILENO,
                       fmt::format("concur: the spinner process (pid {}) {}\n", pid, how.describe()));
    } catch (...) {  // standard error is gone: the exit status still says it
    }
}

void spin_console::work_started() noexcept { work_start_ = std::chrono::steady_clock::now(); }

void spin_console::work_finished() noexcept { work_time_ = std::chrono::steady_clock::now() - work_start_; }

}  // namespace concur
