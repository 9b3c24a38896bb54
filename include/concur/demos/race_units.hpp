// race_units: one round of `concur race`, counted by threads or by forked processes.
#pragma once

#include "concur/core/race_options.hpp"
#include "concur/demos/race_board.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace concur {

/// `units` units add 1 `count` times each, the way `sync` says, all released at once.
struct race_round {
    race_sync sync = race_sync::none;
    unsigned units = 1;  // 1 to max_workers
    std::uint64_t count = 0;
};

/// How a round went. Each unit reports on a pipe ("ready", then "done"), and the parent waits
/// on that pipe and on the signal pipe at once: Ctrl-C is seen while the units count.
struct race_outcome {
    std::uint64_t total = 0;             // what the count held at the end
    std::chrono::nanoseconds elapsed{};  // from the first unit's start to the last one's finish
    std::chrono::nanoseconds cpu_time{}; // the CPU time the units got meanwhile, added up
    int interrupt_signal = 0;            // SIGINT or SIGTERM came: the units stopped early
    std::string lost_unit;               // "process 1234 was killed by SIGKILL": it never said done
};

/// Threads of this process, started with every signal blocked (SIGINT and SIGTERM stay with
/// the caller's thread) and released together by a std::latch. Every thread is joined
/// before it returns, whatever happens. Throws std::system_error if a thread cannot start.
[[nodiscard]] race_outcome race_with_threads(const race_round& round, sys::signal_pipe& signals);

/// Forked processes that count in one MAP_SHARED board, released together by a start gate
/// in that memory; only `none` and `atomic` (process_model_offers). The children die with
/// the parent (PR_SET_PDEATHSIG), leave SIGINT and SIGTERM to it, and are all reaped before
/// it returns, whatever happens. Throws fmt::system_error if the system refuses a process.
[[nodiscard]] race_outcome race_with_processes(const race_round& round, sys::signal_pipe& signals);

namespace detail {

/// Both models' parent: reads one byte per unit from `reports` until `units` bytes have come
/// or the pipe's writers are all gone (end-of-file), whichever is first; returns how many came.
/// A signal in between is recorded in `interrupt_signal` (the first one) and sets board.stop,
/// and the wait goes on: each unit stops within stop_check_interval increments and reports.
/// `still_worth_waiting` is asked whenever 100 ms pass with no byte, and false ends the wait
/// (the process model looks for a dead child there: it will never report).
unsigned wait_for_reports(int reports, unsigned units, race_board& board, sys::signal_pipe& signals,
                          int& interrupt_signal, const std::function<bool()>& still_worth_waiting = {});

/// A unit's report to the parent: one byte on `reports`. Never throws: a thread must not, and
/// the only failure, a closed read end, means the parent is past listening.
void report_to_parent(int reports) noexcept;

/// Takes the signals that have come, without waiting, as wait_for_reports does: between two
/// starts, so that Ctrl-C while 512 units start need not wait for the last one.
void take_signals(race_board& board, sys::signal_pipe& signals, int& interrupt_signal);

}  // namespace detail
}  // namespace concur
