// progress_layout: the status lines `concur primes` draws below its results, from published progress.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace concur {

/// One worker as a display saw it at one instant.
struct worker_progress {
    bool busy = false;          // inside a check
    std::uint64_t number = 0;   // the number being checked, when busy
    std::uint64_t reached = 0;  // every divisor below it has been tried (check_control)
    double held_seconds = 0;    // how long it has held `number`, as far as the display knows
};

/// What the status block shows: every worker, and how far the run has got.
struct progress_snapshot {
    std::vector<worker_progress> workers;  // worker 1 first
    std::uint64_t checked = 0;             // answers so far
    std::optional<std::uint64_t> total;    // known for a list of numbers, not for standard input
    double elapsed_seconds = 0;            // since the checks began
    bool divisor_range = true;             // the method tries divisors up to the square root, so a
                                           // percentage means something (not Miller-Rabin)
};

/// How much of the divisors up to the integer square root of `n` have been tried when every
/// one below `reached` has: 0 to 100, rounded down (100 only once the range is done).
[[nodiscard]] unsigned percent_of_divisors(std::uint64_t n, std::uint64_t reached) noexcept;

/// The status block for a terminal of `columns` x `rows`: one line per worker, then a summary
/// line, as long as they fit in a third of the rows (the results must keep most of the
/// screen); otherwise the summary line alone, which then counts the busy and idle workers.
/// Every line is cut to columns - 1 characters: a line that filled the last column would leave
/// the cursor waiting to wrap, which terminals handle differently, and the block would drift.
/// Always at least one line. The lines hold no escape sequence and no newline.
[[nodiscard]] std::vector<std::string> progress_block(const progress_snapshot& snapshot, unsigned columns,
                                                      unsigned rows);

/// The same facts for a standard error that is not a terminal (--progress=always into a file
/// or a pipe): every worker's line and the summary, uncut, each ending in a newline.
[[nodiscard]] std::string progress_plain_lines(const progress_snapshot& snapshot);

}  // namespace concur
