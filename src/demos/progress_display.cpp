// progress_display: the status block below the results of `concur primes`, drawn by a thread of its own.
#include "concur/demos/progress_display.hpp"

#include "concur/sys/io.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "concur/sys/terminal.hpp"
#include "concur/sys/thread_start.hpp"

#include <fmt/format.h>

#include <pthread.h>

namespace concur {
namespace {

/// About ten frames a second: fast enough to look alive, slow enough to cost nothing.
constexpr std::chrono::milliseconds redraw_period{100};
/// A log is read later, not watched: a report every few seconds is plenty.
constexpr std::chrono::seconds plain_period{2};

/// A terminal that does not say its size is taken for the classic 80 x 24.
constexpr unsigned default_columns = 80;
constexpr unsigned default_rows = 24;

/// The block drawn from the cursor, which is at the start of its first line: each line
/// overwritten and the rest of it erased (EL 0), so the block does not flicker as a full
/// erase would; then whatever the previous block had below (ED 0); then the cursor back to
/// the start of the first line (CUU), where the next frame, or a result line, begins.
std::string block_frame(const std::vector<std::string>& lines) {
    std::string frame = "\r";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) frame += '\n';
        frame += lines[i];
        frame += "\x1b[K";
    }
    frame += "\x1b[J\r";
    if (lines.size() > 1) frame += fmt::format("\x1b[{}A", lines.size() - 1);
    return frame;
}

}  // namespace

progress_display::progress_display(pool_listener& results, progress_setup setup)
    : results_(results), setup_(setup), seen_(setup.workers) {
    // Started with every signal blocked: a handler never runs on the display thread, which
    // holds the screen for each frame.
    const sys::signal_block blocked;
    thread_ = sys::start_thread<std::jthread>([this](std::stop_token stop) { run(std::move(stop)); });
}

progress_display::~progress_display() { finish(); }

void progress_display::finish() noexcept {
    if (thread_.joinable()) {
        thread_.request_stop();
        thread_.join();
    }
    const std::lock_guard lock{mutex_};
    erase();
}

void progress_display::run(std::stop_token stop) noexcept {
    // Named, so that `top -H` and /proc/PID/task/*/comm show what it costs (bench/progress_cost.py).
    ::pthread_setname_np(::pthread_self(), "concur-progress");
    const auto period = setup_.style == progress_style::plain ? clock::duration{plain_period} : redraw_period;
    std::unique_lock lock{mutex_};
    try {
        // The first frame after one period: a run shorter than that never shows a block.
        while (!tick_.wait_for(lock, stop, period, [] { return false; }) && !stop.stop_requested()) {
            if (setup_.style == progress_style::plain) {
                sys::write_ignoring_errors(setup_.fd, progress_plain_lines(take_snapshot()));
            } else {
                draw();
            }
        }
    } catch (...) {
        // Out of memory for a frame: the display gives up, the checks go on.
    }
}

progress_snapshot progress_display::take_snapshot() {
    const auto now = clock::now();
    progress_snapshot snapshot;
    snapshot.workers.resize(setup_.workers);
    snapshot.checked = checked_.load(std::memory_order_relaxed);
    snapshot.total = setup_.total;
    snapshot.elapsed_seconds = std::chrono::duration<double>(now - start_).count();
    snapshot.divisor_range = setup_.divisor_range;
    for (std::size_t i = 0; i < snapshot.workers.size() && i < activities_.size(); ++i) {
        if (activities_[i] == nullptr) continue;  // a transport that publishes nothing: shown idle
        worker_progress& shown = snapshot.workers[i];
        worker_seen& seen = seen_[i];
        const auto number = activities_[i]->checking();
        // Read after the number: a value from the check before it is possible for a moment,
        // and harmless (the next frame corrects it); a display needs no stronger order.
        shown.reached = activities_[i]->reached.load(std::memory_order_relaxed);
        shown.busy = number.has_value();
        if (shown.busy) {
            shown.number = *number;
            if (!seen.busy || seen.number != *number) seen = {true, *number, now};
            shown.held_seconds = std::chrono::duration<double>(now - seen.since).count();
        } else {
            seen.busy = false;
        }
    }
    return snapshot;
}

void progress_display::draw() {
    const sys::screen_turn turn;
    if (!turn.taken()) return;  // a handler has the terminal: put back, or paused by Ctrl-Z
    const unsigned columns = sys::terminal_columns(setup_.fd).value_or(default_columns);
    const unsigned rows = sys::terminal_rows(setup_.fd).value_or(default_rows);
    const std::vector<std::string> lines = progress_block(take_snapshot(), columns, rows);
    last_frame_ = block_frame(lines);
    sys::write_ignoring_errors(setup_.fd, last_frame_);
    drawn_lines_ = lines.size();
}

void progress_display::erase() {
    if (drawn_lines_ == 0) return;
    if (sys::draw_on_terminal(setup_.fd, "\r\x1b[J")) drawn_lines_ = 0;
}

template <typename Write>
void progress_display::with_block_erased(Write&& write) {
    const std::lock_guard lock{mutex_};
    if (setup_.style != progress_style::redraw) {
        write();
        return;
    }
    // The screen is held across the write: a Ctrl-Z in the middle waits for the lines to be
    // whole (a handler that erased below the cursor then would cut a result line).
    const sys::screen_turn turn;
    const std::size_t drawn = turn.taken() ? drawn_lines_ : 0;
    if (drawn > 0) sys::write_ignoring_errors(setup_.fd, "\r\x1b[J");
    write();  // written whatever a handler did: results are never dropped for the display's sake
    // Drawn again at once, below the new lines: left to the next frame, the block would be
    // missing most of the time when results come every few milliseconds.
    if (drawn > 0) sys::write_ignoring_errors(setup_.fd, last_frame_);
}

void progress_display::on_result(const checked_number& result) {
    // One writer: a load and a store, no locked instruction, for the stream of small numbers.
    checked_.store(checked_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    results_pending_ = true;
    results_.on_result(result);
}

void progress_display::on_worker_lost(const lost_worker& lost) {
    with_block_erased([&] { results_.on_worker_lost(lost); });
}

void progress_display::on_worker_started(unsigned worker, long system_id) {
    results_.on_worker_started(worker, system_id);
}

void progress_display::flush() {
    // Results that go to a file, or a flush with nothing new, never meet the block.
    if (!setup_.results_on_screen || !results_pending_) {
        results_.flush();
        return;
    }
    results_pending_ = false;
    with_block_erased([&] { results_.flush(); });
}

void progress_display::watch_workers(std::span<const worker_activity* const> activities) {
    const std::lock_guard lock{mutex_};
    activities_.assign(activities.begin(), activities.end());
    if (activities_.empty()) seen_.assign(setup_.workers, {});
}

}  // namespace concur
