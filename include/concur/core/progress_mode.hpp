// progress_mode: whether `concur primes` shows its workers' progress, and how, for --progress.
#pragma once

#include <optional>
#include <string_view>

namespace concur {

/// What --progress asks for.
enum class progress_mode {
    automatic,  // "auto": a status block when standard error is a terminal that can take one
    always,     // a status block on a terminal; elsewhere a plain report every few seconds
    never,      // nothing: the output of a run without a display, byte for byte
};

/// What is shown.
enum class progress_style {
    none,
    redraw,  // a block of status lines below the results, drawn again ten times a second
    plain,   // plain lines on standard error every few seconds (no escape sequences)
};

/// "auto", "always" or "never" to its mode; nothing for any other word.
[[nodiscard]] std::optional<progress_mode> find_progress_mode(std::string_view name) noexcept;

/// What `mode` shows when standard error can be drawn on (sys::can_animate) or not, and
/// standard output is a pipe or not. Automatically, a pipe on standard output turns the block
/// off: its reader (`| less`, `| cat`) may copy the results onto the same terminal at moments
/// no writer can know, in the middle of a block. --progress=always draws anyway.
[[nodiscard]] progress_style choose_progress_style(progress_mode mode, bool stderr_can_animate,
                                                   bool stdout_is_pipe) noexcept;

}  // namespace concur
