// bench_progress: the line `concur bench` redraws on a terminal while it measures.
#include "concur/core/bench_progress.hpp"

#include "concur/core/display_width.hpp"

#include <fmt/format.h>

namespace concur {

std::string bench_progress_line(const bench_progress& progress, std::size_t columns) {
    const std::size_t room = columns > 1 ? columns - 1 : 0;
    const std::string head =
        fmt::format("bench: {} {} of {}", progress.warming ? "warm-up" : "run", progress.round, progress.rounds);
    const std::string position = fmt::format(" ({} of {}), {:.1f}s", progress.index, progress.steps, progress.elapsed);
    for (const std::string& tail : {position + " elapsed", position}) {
        const std::size_t fixed = display_width(head) + display_width(tail);
        if (fixed + 2 + display_width(progress.step) <= room) return head + ", " + progress.step + tail;
        if (fixed + 2 + 4 <= room) {  // room for a few letters of the step and the ellipsis
            return head + ", " + std::string{cut_to_width(progress.step, room - fixed - 3)} + "…" + tail;
        }
    }
    return std::string{cut_to_width(head + position, room)};
}

}  // namespace concur
