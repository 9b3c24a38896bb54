// progress_mode: whether `concur primes` shows its workers' progress, and how, for --progress.
#include "concur/core/progress_mode.hpp"

namespace concur {

std::optional<progress_mode> find_progress_mode(std::string_view name) noexcept {
    if (name == "auto") return progress_mode::automatic;
    if (name == "always") return progress_mode::always;
    if (name == "never") return progress_mode::never;
    return std::nullopt;
}

progress_style choose_progress_style(progress_mode mode, bool stderr_can_animate, bool stdout_is_pipe) noexcept {
    switch (mode) {
        case progress_mode::never: return progress_style::none;
        case progress_mode::always: return stderr_can_animate ? progress_style::redraw : progress_style::plain;
        case progress_mode::automatic:
            return stderr_can_animate && !stdout_is_pipe ? progress_style::redraw : progress_style::none;
    }
    return progress_style::none;
}

}  // namespace concur
