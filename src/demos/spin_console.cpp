// spin_console: what every spinner demo's supervisor is given: where to report, what to draw on.
#include "concur/demos/spin_console.hpp"

#include "concur/core/display_width.hpp"
#include "concur/sys/cpu_time.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/terminal.hpp"

#include <fmt/format.h>

#include <array>
#include <unistd.h>

namespace concur {

spin_console::spin_console(output_sink& out, const spin_options& options, spinner_board& board,
                           spin_screen_setup screen)
    : out_(out), options_(options), board_(board), screen_(screen) {}

void spin_console::announce(std::string spinner_object) noexcept {
    try {
        spinner_object_ = std::move(spinner_object);
        if (!options_.json) {
            const std::string line = fmt::format("spinner object: {}", spinner_object_);
            if (screen_.output_through_a_pipe) board_.cover_width = display_width(line);
            out_.write(line + '\n');
            out_.flush();  // now, as the seed's print does: it must show before the answer is ready
        }
    } catch (...) {
        if (!output_error_) output_error_ = std::current_exception();
    }
    board_.announced.set();  // in every case: a spinner that never started to draw would never stop
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
    board_.stats.start(monotonic_now_ns());
    return spinner_screen{screen_.fd, screen_.animate, options_.message, board_};
}

void spin_console::spinner_lost(long pid, std::string how) noexcept {
    board_.stats.stop(monotonic_now_ns());  // the user watched a frozen line until now
    if (screen_.animate) sys::erase_terminal_line(screen_.fd);
    try {
        lost_pid_ = pid;
        lost_how_ = std::move(how);
        lost_.store(true, std::memory_order_release);
        sys::write_all(STDERR_FILENO, fmt::format("concur: the spinner process (pid {}) {}\n", pid, lost_how_));
    } catch (...) {  // standard error is gone: the exit status still says it
    }
}

void spin_console::work_started() noexcept { work_start_ns_.store(monotonic_now_ns(), std::memory_order_release); }

void spin_console::work_finished() noexcept { work_end_ns_.store(monotonic_now_ns(), std::memory_order_release); }

spin_summary spin_console::summary(const spin_answer& answer) const noexcept {
    return summary_now(lost_.load(std::memory_order_acquire) ? spin_ending::spinner_lost : spin_ending::complete,
                       answer);
}

void spin_console::final_report_begun() noexcept { final_report_begun_.store(true); }

void spin_console::write_interrupted_json(int fd) const noexcept {
    if (!options_.json || final_report_begun_.load()) return;
    const spin_summary summary = summary_now(spin_ending::interrupted, {options_.work, options_.number, false});
    std::array<char, spin_json_room> room;
    fixed_text document{room};
    format_spin_json(summary, document);
    sys::write_ignoring_errors(fd, document.view());
}

spin_summary spin_console::summary_now(spin_ending ending, const spin_answer& answer) const noexcept {
    // No allocation and no lock here: an interrupt handler comes this way too.
    const std::int64_t now = monotonic_now_ns();
    spin_summary summary;
    summary.model = options_.model;
    summary.answer = answer;
    summary.nap = options_.nap;
    summary.ending = ending;
    if (board_.announced.is_set()) summary.spinner_object = spinner_object_;
    summary.stats = board_.stats;
    if (summary.stats.stopped_ns == 0) summary.stats.stop(now);  // a spinner that never ran, or still runs
    if (const std::int64_t start = work_start_ns_.load(std::memory_order_acquire); start != 0) {
        const std::int64_t end = work_end_ns_.load(std::memory_order_acquire);
        summary.work_time = std::chrono::nanoseconds{(end != 0 ? end : now) - start};
    }
    if (lost_.load(std::memory_order_acquire)) summary.lost = lost_spinner{lost_pid_, lost_how_};
    sys::cpu_time cpu;  // after the spinner child, if any, was reaped: its time is included
    if (sys::read_process_cpu_time(cpu)) {
        summary.cpu_user = cpu.user;
        summary.cpu_system = cpu.system;
    }
    return summary;
}

}  // namespace concur
