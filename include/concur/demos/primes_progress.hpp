// primes_progress: the live status block of `concur primes`, set up as --progress asks.
#pragma once

#include "concur/core/progress_mode.hpp"
#include "concur/demos/progress_display.hpp"
#include "concur/demos/progress_signals.hpp"
#include "concur/sys/terminal.hpp"

#include <optional>

namespace concur {

/// Everything a display needs around it, for the length of the checks: the choice of style
/// (choose_progress_style, from --progress and the standard descriptors), the signal handlers
/// that keep the terminal clean (progress_signals), the hidden cursor (sys::terminal_session),
/// and the display itself. With nothing to show, it holds nothing, and listener() is `results`
/// itself: the run is exactly a run without a display.
class primes_progress {
public:
    /// `setup`'s fd, style and results_on_screen are filled in here.
    primes_progress(progress_mode mode, progress_setup setup, pool_listener& results);

    /// Where the pool reports: the display, or `results` when nothing is shown.
    [[nodiscard]] pool_listener& listener() noexcept;

    /// The block erased, the cursor shown, the handlers removed: before the summary is written.
    void finish() noexcept;

private:
    pool_listener& results_;
    std::optional<progress_signals> signals_;
    std::optional<sys::terminal_session> session_;  // after signals_: no way out leaves the cursor hidden
    std::optional<progress_display> display_;       // last: gone first, erasing the block
};

}  // namespace concur
