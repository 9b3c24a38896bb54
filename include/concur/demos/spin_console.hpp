// spin_console: what every spinner demo's supervisor is given: where to report, what to draw on.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/core/spin_report.hpp"
#include "concur/demos/spin_options.hpp"
#include "concur/demos/spinner_screen.hpp"

#include <atomic>
#include <cstdint>
#include <exception>
#include <string>

namespace concur {

/// Where the spinner draws: a descriptor (standard error), whether frames are drawn there at
/// all (sys::can_animate), and whether standard output is a pipe, which may bring the
/// "spinner object: ..." line onto that terminal late (see spinner_board::cover_width).
struct spin_screen_setup {
    int fd = -1;
    bool animate = false;
    bool output_through_a_pipe = false;
};

/// Shared by the three demos so that they differ only in their execution model. It keeps what
/// the run has found out so far, so that run_spin, or an interrupt handler, can report it.
class spin_console {
public:
    /// `options` and `board` must outlive the console (the board is in shared memory: see run_spin).
    spin_console(output_sink& out, const spin_options& options, spinner_board& board, spin_screen_setup screen);

    /// The seed's `print(f'spinner object: {spinner}')` (kept for --json instead). Never
    /// throws: an output error is kept and rethrown by rethrow_output_error() once the spinner
    /// has stopped, because unwinding past a running std::thread would call std::terminate.
    /// Then lets the spinner draw: every screen() waits for this before its first frame.
    /// Why a gate? The seed prints the object before start(); in C++ a std::thread runs from
    /// its construction, and a child's pid exists only after fork, so the spinner is running
    /// before its object can be printed. Its first frame could then reach the terminal first,
    /// and the line would stay "\ thinking!spinner object: ..." on the screen. (A task only
    /// starts when the supervisor awaits, so the coroutine's spinner never waits.) When
    /// standard output is a pipe whose reader copies it onto the terminal, no gate can order
    /// the two: see spinner_board::cover_width for what is done then.
    /// A supervisor must call it once it has started the spinner, before it waits for it.
    void announce(std::string spinner_object) noexcept;
    /// Writes what is buffered, so that a fork does not copy it into the child (where it
    /// would be written a second time). Never throws, like announce().
    void flush_before_fork() noexcept;
    void rethrow_output_error() const;

    /// A screen for a new spinner; starts its statistics clock now.
    [[nodiscard]] spinner_screen screen();

    /// The process model's spinner child `pid` ended before it was told to (`how`: "was
    /// killed by SIGKILL"). Erases whatever frame it left, records its stop in the statistics,
    /// and names it on standard error in one line; the run then ends with 3, a worker was lost.
    void spinner_lost(long pid, std::string how) noexcept;

    /// Around slow(): its wall time is part of the statistics.
    void work_started() noexcept;
    void work_finished() noexcept;

    /// The run as it ended with `answer`: the figures read now, the texts viewed in this console.
    [[nodiscard]] spin_summary summary(const spin_answer& answer) const noexcept;

    /// Called by run_spin, with the terminal's signals held back, before it writes the final
    /// report: from then on an interrupt writes no report of its own.
    void final_report_begun() noexcept;
    /// For an interrupt handler (async-signal-safe, on any thread): with --json and no final
    /// report begun, writes to `fd` the document of a run interrupted now ("ending":
    /// "interrupted", the figures so far, no answer). Call it after the frames have stopped
    /// (sys::put_terminal_back_in_handler), so that they are counted whole.
    void write_interrupted_json(int fd) const noexcept;

private:
    [[nodiscard]] spin_summary summary_now(spin_ending ending, const spin_answer& answer) const noexcept;

    output_sink& out_;
    const spin_options& options_;
    spinner_board& board_;
    spin_screen_setup screen_;
    std::exception_ptr output_error_;
    // What a handler may read, on any thread: each text is written once, then published by a
    // release store that the handler's acquire load pairs with (a lock-free atomic, which a
    // handler may use; a mutex it may not).
    std::string spinner_object_;                 // published by board_.announced
    std::string lost_how_;                       // published by lost_
    long lost_pid_ = 0;
    std::atomic<bool> lost_{false};
    std::atomic<std::int64_t> work_start_ns_{0};  // 0: not begun (monotonic_now_ns)
    std::atomic<std::int64_t> work_end_ns_{0};    // 0: not over
    std::atomic<bool> final_report_begun_{false};
};

}  // namespace concur
