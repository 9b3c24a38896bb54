// spinner_screen: what spin() draws on: frames to the terminal, counted on the spinner's board.
#pragma once

#include "concur/core/spin_stats.hpp"
#include "concur/runtime/process_event.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace concur {

/// What a spinner shares with its supervisor. Plain data and a process_event, so that it can
/// live in shared memory when the spinner is another process (run_spin puts it there).
struct spinner_board {
    process_event announced;  // set by spin_console::announce(): the first frame waits for it
    spin_stats stats;         // filled in by the frames
    /// Set before `announced`: 0, or the width of the "spinner object: ..." line when it goes
    /// into a pipe, whose reader may copy it onto the frames' terminal (`concur spin | cat`).
    /// Nothing can order two streams that reach the screen by different paths: the line may
    /// arrive after the first frames, at any moment. So each frame is then at most this wide
    /// and leaves the cursor at the start of its line: whenever the line arrives, it covers the
    /// frame whole, and the next frame is drawn on the row below. The two never share a row;
    /// the price is a long --message cut to the line's width (at least 41 columns).
    std::size_t cover_width = 0;
};

/// Copied into the spinner (a thread, a child process, a task). draw() writes frame `tick` to
/// `fd` if `animate`, and counts it either way; clear() erases the line and records the stop.
/// Both hold a sys::screen_turn while they work, so a signal handler that has put the
/// terminal back sees no frame, and no count, after it. Writes go straight to the descriptor,
/// unbuffered, so each frame shows at once; a failed write is ignored: a spinner that cannot
/// draw must not stop the work it decorates. Each frame is cut to the terminal's width, read
/// again for every frame, so the line never wraps, even on a narrow or resized terminal.
/// draw() first waits until the board is `announced`: the supervisor's "spinner object: ..."
/// line must be on the terminal before the first frame (see spin_console::announce).
class spinner_screen {
public:
    spinner_screen(int fd, bool animate, std::string message, spinner_board& board) noexcept;

    void draw(std::uint64_t tick);
    void clear();

private:
    [[nodiscard]] unsigned room() const;

    int fd_;
    bool animate_;
    std::string message_;
    std::size_t drawn_;     // bytes of message_ the last frame showed (a count: the screen is copied)
    spinner_board* board_;  // may be in shared memory: the process model's child fills it in
};

}  // namespace concur
