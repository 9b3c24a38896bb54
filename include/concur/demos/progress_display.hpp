// progress_display: the status block below the results of `concur primes`, drawn by a thread of its own.
#pragma once

#include "concur/core/progress_layout.hpp"
#include "concur/core/progress_mode.hpp"
#include "concur/runtime/pool_types.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace concur {

/// What the display needs to know before the run.
struct progress_setup {
    int fd = -1;                               // where it draws: standard error
    progress_style style = progress_style::redraw;  // redraw on a terminal, or plain lines
    unsigned workers = 1;
    std::optional<std::uint64_t> total;        // how many numbers, when known
    bool divisor_range = true;                 // see progress_snapshot
    bool results_on_screen = true;             // standard output is a terminal too: result
                                               // lines must step around the block
};

/// A pool listener placed between the pool and the one that prints the results (`results`):
/// it passes every event on, and while the pool runs, a thread of its own reads what the
/// workers publish (pool_listener::watch_workers) and draws the status block ten times a
/// second (progress_layout), or writes plain lines every few seconds.
///
/// Why a thread of its own, and not the checking code? The sequential and coroutine models
/// have one thread, busy inside a long check: a spinner drawn by that thread (spin
/// --model=coroutine --work=prime) freezes, because a task runs until it awaits. A display
/// thread only reads what the check stores at its stop points (one relaxed store per chunk of
/// divisors), so it keeps drawing whatever the checking thread does, and the check never
/// waits for it.
///
/// The block sits below the result lines, and the cursor stays at the start of its first line.
/// Result lines are written (flush(), on_worker_lost()) with the block erased first and drawn
/// again after (the last frame, as it was: no new snapshot), under one mutex that the display thread also takes: the two never interleave,
/// and a result line is never torn. Every write of the block is made in a sys::screen_turn,
/// so a Ctrl-Z or Ctrl-C handler (progress_signals) never erases a block half drawn, and
/// nothing is drawn once a handler has put the terminal back. Needs a sys::terminal_session
/// with terminal_area::cursor_to_end for the redraw style.
class progress_display final : public pool_listener {
public:
    progress_display(pool_listener& results, progress_setup setup);
    ~progress_display() override;
    progress_display(const progress_display&) = delete;
    progress_display& operator=(const progress_display&) = delete;

    /// Stops the display thread and erases the block, leaving the cursor where the next
    /// line goes. Called before the summary is written; again, it does nothing.
    void finish() noexcept;

    void on_result(const checked_number& result) override;
    void on_worker_lost(const lost_worker& lost) override;
    void on_worker_started(unsigned worker, long system_id) override;
    void flush() override;
    void watch_workers(std::span<const worker_activity* const> activities) override;

private:
    using clock = std::chrono::steady_clock;

    /// What the display remembers of a worker between two frames: the number it last saw it
    /// hold, and since when (the workers publish no start time: a clock read per number would
    /// cost the stream of small numbers; seeing it change ten times a second is enough).
    struct worker_seen {
        bool busy = false;
        std::uint64_t number = 0;
        clock::time_point since{};
    };

    void run(std::stop_token stop) noexcept;
    [[nodiscard]] progress_snapshot take_snapshot();
    void draw();
    void erase();
    /// Runs `write` (which writes result lines or a message) with the block out of the way.
    template <typename Write>
    void with_block_erased(Write&& write);

    pool_listener& results_;
    progress_setup setup_;
    clock::time_point start_ = clock::now();
    std::atomic<std::uint64_t> checked_{0};  // written by the pool's thread only, read by the display's

    std::mutex mutex_;  // the display thread's frames against the result lines: one at a time
    std::condition_variable_any tick_;
    std::vector<const worker_activity*> activities_;  // empty outside the pool's run
    std::vector<worker_seen> seen_;
    std::size_t drawn_lines_ = 0;  // lines of the block on the screen; the cursor is at the first
    std::string last_frame_;       // what draw() wrote last, written again below new result lines
    bool results_pending_ = false; // results passed on since the last flush (the pool's thread only)
    std::jthread thread_;          // last: it starts once everything above exists
};

}  // namespace concur
