// spinner_screen: what spin() draws on: frames to the terminal, counted in spin_stats.
#pragma once

#include "concur/core/spin_stats.hpp"
#include "concur/runtime/process_event.hpp"

#include <cstdint>
#include <cstddef>
#include <string>

namespace concur {

/// Copied into the spinner (a thread, a child process, a task). draw() writes frame `tick` to
/// `fd` if `animate`, and counts it either way; clear() erases the line and records the stop.
/// Writes go straight to the descriptor, unbuffered, so each frame shows at once. A failed
/// write is ignored: a spinner that cannot draw must not stop the work it decorates.
/// Each frame is cut to the terminal's width, read again for every frame, so the line never
/// wraps, even on a narrow or resized terminal.
/// draw() first waits until `announced` is set: the supervisor's "spinner object: ..." line
/// must be on the terminal before the first frame (see spin_console::announce).
class spinner_screen {
public:
    spinner_screen(int fd, bool animate, std::string message, spin_stats& stats,
                   const process_event& announced) noexcept;

    void draw(std::uint64_t tick);
    void clear();

private:
    void put(const std::string& text) const noexcept;

    int fd_;
    bool animate_;
    std::string message_;
    std::size_t drawn_;  // bytes of message_ the last frame showed (a count: the screen is copied)
    spin_stats* stats_;  // may be in shared memory: the process model's child fills it in
    const process_event* announced_;  // in shared memory too: a child process waits for it
};

}  // namespace concur
