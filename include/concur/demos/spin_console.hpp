// spin_console: what every spinner demo's supervisor is given: where to report, what to draw on.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/core/spin_stats.hpp"
#include "concur/demos/spinner_screen.hpp"
#include "concur/runtime/process_event.hpp"
#include "concur/sys/child_process.hpp"
#include "concur/sys/shared_memory.hpp"
#include "concur/sys/terminal.hpp"

#include <chrono>
#include <exception>
#include <string>

namespace concur {

/// Shared by the three demos so that they differ only in their execution model.
class spin_console {
public:
    spin_console(output_sink& out, bool json, sys::terminal_session& terminal, std::string message);

    /// The seed's `print(f'spinner object: {spinner}')` (kept for --json instead). Never
    /// throws: an output error is kept and rethrown by rethrow_output_error() once the spinner
    /// has stopped, because unwinding past a running std::thread would call std::terminate.
    /// Then lets the spinner draw: every screen() waits for this before its first frame.
    /// Why a gate? The seed prints the object before start(); in C++ a std::thread runs from
    /// its construction, and a child's pid exists only after fork, so the spinner is running
    /// before its object can be printed. Its first frame could then reach the terminal first,
    /// and the line would stay "\ thinking!spinner object: ..." on the screen. (A task only
    /// starts when the supervisor awaits, so the coroutine's spinner never waits.)
    /// A supervisor must call it once it has started the spinner, before it waits for it.
    void announce(std::string spinner_object) noexcept;
    /// Writes what is buffered, so that a fork does not copy it into the child (where it
    /// would be written a second time). Never throws, like announce().
    void flush_before_fork() noexcept;
    void rethrow_output_error() const;

    /// A screen for a new spinner; starts its statistics clock now.
    [[nodiscard]] spinner_screen screen();

    /// The process model's spinner child `pid` ended before it was told to (`how`: killed by a
    /// signal, or a failed exit). Erases whatever frame it left, records its stop in the
    /// statistics, and names it on standard error in one line; the run then exits with 3, a
    /// worker was lost.
    void spinner_lost(pid_t pid, const sys::child_exit& how) noexcept;
    [[nodiscard]] bool lost_spinner() const noexcept { return lost_spinner_; }
    [[nodiscard]] sys::terminal_session& terminal() noexcept { return terminal_; }

    /// Around slow(): its wall time is part of the statistics.
    void work_started() noexcept;
    void work_finished() noexcept;

    [[nodiscard]] const std::string& spinner_object() const noexcept { return spinner_object_; }
    [[nodiscard]] const spin_stats& stats() const noexcept { return stats_[0]; }
    [[nodiscard]] std::chrono::nanoseconds work_time() const noexcept { return work_time_; }

private:
    output_sink& out_;
    bool json_;
    sys::terminal_session& terminal_;
    std::string message_;
    std::string spinner_object_;
    std::exception_ptr output_error_;
    // In shared memory so that the frames a child process draws are counted too. (This is
    // instrumentation; the lesson about shared memory is the process model's done event.)
    sys::shared_array<spin_stats> stats_{1};
    // Set by announce(); a process_event (shared memory) so that a spinner child sees it too.
    sys::shared_array<process_event> announced_{1};
    bool lost_spinner_ = false;
    std::chrono::steady_clock::time_point work_start_{};
    std::chrono::nanoseconds work_time_{};
};

}  // namespace concur
