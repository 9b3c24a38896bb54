// race_board: the memory the racing units count in, and the five ways they add 1 to it.
#pragma once

#include "concur/core/race_options.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>

namespace concur {

/// The bytes one cache line holds: the unit in which cores pass memory to each other. A core
/// that writes to a line must own it alone, so two cores writing to one line take turns, even
/// when they write different bytes of it.
#if defined(__cpp_lib_hardware_interference_size)
#if defined(__GNUC__) && !defined(__clang__)
// GCC warns that the value may differ between compilers and -mtune flags, which matters for a
// layout shared with code built elsewhere; this one is only ever shared with our own children.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winterference-size"
#endif
inline constexpr std::size_t cache_line_bytes = std::hardware_destructive_interference_size;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#else
inline constexpr std::size_t cache_line_bytes = 64;  // x86-64 and most ARM cores
#endif

/// How many increments a unit makes between two looks at the stop flag: few enough that
/// Ctrl-C stops the slowest way within a few milliseconds, many enough that the look (a load
/// from a line nobody writes, and a branch) costs a fraction of a percent of the cheapest.
inline constexpr std::uint64_t stop_check_interval = 4096;

/// One unit's own line: its count for `local`, when it started and finished counting, and
/// how much of that time it actually ran on a CPU.
struct alignas(cache_line_bytes) unit_line {
    std::atomic<std::uint64_t> own_count{0};
    std::int64_t start_ns = 0;   // steady clock (CLOCK_MONOTONIC, one clock for every process)
    std::int64_t finish_ns = 0;
    std::int64_t cpu_ns = 0;     // CPU time while counting (CLOCK_THREAD_CPUTIME_ID)
};

/// Everything the units of one row share. Threads find it in ordinary memory; forked processes
/// in a MAP_SHARED mapping (sys::shared_array), made before the fork.
struct race_board {
    alignas(cache_line_bytes) std::atomic<std::uint64_t> counter{0};  // none, mutex, atomic: the one count
    std::mutex counter_lock;  // mutex: guards the counter's read and write (process-private: threads only)
    alignas(cache_line_bytes) std::atomic<bool> stop{false};  // set by the parent on SIGINT or SIGTERM
    std::array<unit_line, max_workers> units{};          // local: a line each, nothing shared
    // false-sharing: the counters side by side, eight 8-byte counters to a 64-byte line.
    alignas(cache_line_bytes) std::array<std::atomic<std::uint64_t>, max_workers> side_by_side{};
};

/// Unit `unit` (from 0) adds 1 `count` times the way `sync` says, looking at board.stop every
/// stop_check_interval increments and stopping early once it is set. Records its start and
/// finish times in its line. Returns the increments it made.
std::uint64_t count_on_board(race_board& board, race_sync sync, unsigned unit, std::uint64_t count);

/// What `units` units counted together: the one counter, or the sum of their own counters.
/// Read after every unit has finished (joined, or exited and reaped).
[[nodiscard]] std::uint64_t board_total(const race_board& board, race_sync sync, unsigned units) noexcept;

/// From the first unit's start to the last unit's finish.
[[nodiscard]] std::chrono::nanoseconds board_elapsed(const race_board& board, unsigned units) noexcept;

/// The CPU time the units got while counting, added up.
[[nodiscard]] std::chrono::nanoseconds board_cpu_time(const race_board& board, unsigned units) noexcept;

}  // namespace concur
