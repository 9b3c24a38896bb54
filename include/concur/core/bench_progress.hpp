// bench_progress: the line `concur bench` redraws on a terminal while it measures.
#pragma once

#include <cstddef>
#include <string>

namespace concur {

struct bench_progress {
    bool warming = false;   // a warm-up round: measured, not counted
    unsigned round = 1;     // from 1, within the warm-ups or within the measured runs
    unsigned rounds = 1;    // how many of those
    std::string step;       // what runs now: "thread with 2 workers", "2 runs side by side"
    std::size_t index = 1;  // from 1: which step of the round
    std::size_t steps = 1;
    double elapsed = 0;     // seconds since the bench began
};

/// "bench: run 2 of 5, thread with 2 workers (3 of 12), 12.3s elapsed", at most `columns` - 1
/// wide (a line that reaches the last column wraps on some terminals, and every redraw then
/// leaves a row behind). When it does not fit, the step's name is cut first, then the word
/// "elapsed": "(3 of 12)" and the time are what a person glances at.
[[nodiscard]] std::string bench_progress_line(const bench_progress& progress, std::size_t columns);

}  // namespace concur
