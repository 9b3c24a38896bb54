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
    int fd_;
    bool animate_;
    std::string message_;
    std::size_t drawn_;     // bytes of message_ the last frame showed (a count: the screen is copied)
    spinner_board* board_;  // may be in shared memory: the process model's child fills it in
};

}  // namespace concur
