// spin_console: what every spinner demo's supervisor is given: where to report, what to draw on.
#include "concur/demos/spin_console.hpp"

#include <fmt/format.h>

namespace concur {

spin_console::spin_console(output_sink& out, bool json, sys::terminal_session& terminal, std::string message)
    : out_(out), json_(json), terminal_(terminal), message_(std::move(message)) {}

void spin_console::announce(std::string spinner_object) noexcept {
    try {
        spinner_object_ = std::move(spinner_object);
        if (json_) return;
        out_.write(fmt::format("spinner object: {}\n", spinner_object_));
        out_.flush();  // now, as the seed's print does: it must show before the answer is ready
    } catch (...) {
        if (!output_error_) output_error_ = std::current_exception();
    }
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
    return spinner_screen{terminal_.fd(), terminal_.animating(), message_, stats_[0]};
}

void spin_console::work_started() noexcept { work_start_ = std::chrono::steady_clock::now(); }

void spin_console::work_finished() noexcept { work_time_ = std::chrono::steady_clock::now() - work_start_; }

}  // namespace concur
