// race_calibration: how many increments per unit make a row of `concur race` last as long as wanted.
#pragma once

#include <chrono>
#include <cstdint>

namespace concur {

/// How long a row should take when --count is not given, and how long the one unit that the
/// row is compared with counts alone.
inline constexpr std::chrono::milliseconds race_row_target{500};
inline constexpr std::chrono::milliseconds race_one_unit_target{100};

/// The first trial's count, and how long a trial must last before its speed is trusted: a
/// shorter one is mostly the cost of starting and waking the units.
inline constexpr std::uint64_t race_first_trial_count = 1 << 14;
inline constexpr std::chrono::milliseconds race_trial_minimum{20};

/// Calibration is brief: trials double their count (or more, when the last one was far too
/// short) until one lasts race_trial_minimum; a few more run at that count, and
/// count_for_duration scales the fastest of them up.
inline constexpr unsigned race_confirming_trials = 2;

/// The count for the next trial after one of `count` that lasted `elapsed` (shorter than
/// race_trial_minimum): enough to reach the minimum at the speed just seen, with a margin,
/// at least twice `count` and at most 64 times it, never above `most`.
[[nodiscard]] std::uint64_t next_trial_count(std::uint64_t count, std::chrono::nanoseconds elapsed,
                                             std::uint64_t most) noexcept;

/// The count that lasts `target` at the speed of a trial of `count` that lasted `elapsed`,
/// from 1 to `most`.
[[nodiscard]] std::uint64_t count_for_duration(std::uint64_t count, std::chrono::nanoseconds elapsed,
                                               std::chrono::nanoseconds target, std::uint64_t most) noexcept;

}  // namespace concur
