// race_with_processes: one round of `concur race` by forked processes, which share only what is mapped MAP_SHARED.
#include "concur/demos/race_units.hpp"
#include "concur/runtime/process_event.hpp"
#include "concur/sys/child_process.hpp"
#include "concur/sys/descriptors.hpp"
#include "concur/sys/pipe.hpp"
#include "concur/sys/shared_memory.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace concur {
namespace {

struct counting_child {
    pid_t pid = 0;
    bool reaped = false;
    sys::child_exit how;  // once reaped
};

}  // namespace

race_outcome race_with_processes(const race_round& round, sys::signal_pipe& signals) {
    if (!process_model_offers(round.sync)) {
        throw std::invalid_argument(fmt::format("processes cannot count with {}", race_sync_name(round.sync)));
    }
    // Processes share nothing unless asked: after fork, ordinary memory is each one's own copy.
    // The board and the start gate are mapped MAP_SHARED before the fork, so parent and
    // children read and write the very same bytes, and race on them as threads do.
    sys::shared_array<race_board> boards{1};
    race_board& board = boards[0];
    sys::shared_array<process_event> start_gate{1};  // a futex in shared memory (std::latch's is private)
    auto reports = sys::make_pipe();
    race_outcome outcome;

    std::vector<counting_child> children;
    children.reserve(round.units);  // no reallocation between forking a child and keeping its pid
    // However this function ends, no child outlives it: the ones still running are killed
    // (they ignore SIGINT and SIGTERM) and every one is reaped.
    struct reaper {
        std::vector<counting_child>& children;
        ~reaper() {
            for (counting_child& child : children) {
                if (child.reaped) continue;
                ::kill(child.pid, SIGKILL);
                (void)sys::wait_for_child(child.pid);
            }
        }
    } reap_at_end{children};

    const int reports_fd = reports.write_end.get();
    std::fflush(nullptr);  // before fork: nothing buffered may be written twice
    while (children.size() < round.units && outcome.interrupt_signal == 0) {
        const auto unit = static_cast<unsigned>(children.size());
        {
            const sys::signal_block blocked;  // the child resets its handlers before any signal lands
            children.push_back({sys::fork_child([&signals, &board, &start_gate, &round, unit, reports_fd] {
                signals.forget_in_child();
                // Only the reports pipe's write end is kept: its read end, or another copy of
                // the write end held elsewhere, would keep the parent from seeing end-of-file.
                sys::close_descriptors_except({reports_fd});
                // Ctrl-C reaches the whole process group; the parent decides, and tells the
                // children to stop through the board, as it tells threads.
                std::signal(SIGINT, SIG_IGN);
                std::signal(SIGTERM, SIG_IGN);
                sigset_t none;
                sigemptyset(&none);
                ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
                detail::report_to_parent(reports_fd);  // ready
                start_gate[0].wait();
                (void)count_on_board(board, round.sync, unit, round.count);
                detail::report_to_parent(reports_fd);  // done
                return 0;
            }), false, {}});
        }
        detail::take_signals(board, signals, outcome.interrupt_signal);
    }
    reports.write_end.reset();  // end-of-file on the reports pipe now means: every child is gone

    // A child that dies never reports: whenever 100 ms pass quietly, look for one.
    const auto one_died = [&children] {
        for (counting_child& child : children) {
            if (!child.reaped && sys::try_reap_child(child.pid, child.how)) child.reaped = true;
            if (child.reaped && !child.how.success()) return true;
        }
        return false;
    };
    // Released all at once: every child says it is ready, then one futex wake lets them all
    // go. A child that died first would never say so: the others are let go, to stop at once.
    const auto started = static_cast<unsigned>(children.size());
    const int reports_in = reports.read_end.get();
    const unsigned ready = detail::wait_for_reports(reports_in, started, board, signals, outcome.interrupt_signal,
                                                    [&] { return !one_died(); });
    if (ready < started) board.stop.store(true, std::memory_order_relaxed);
    start_gate[0].set();
    // Until every child is done; one that dies meanwhile makes the others stop (end-of-file
    // then ends the wait, when the last of them has exited).
    const unsigned done = detail::wait_for_reports(reports_in, started, board, signals, outcome.interrupt_signal, [&] {
        if (one_died()) board.stop.store(true, std::memory_order_relaxed);
        return true;
    });

    for (counting_child& child : children) {
        if (!child.reaped) child.how = sys::wait_for_child(child.pid);
        child.reaped = true;
        if (outcome.lost_unit.empty() && !child.how.success()) {
            outcome.lost_unit = fmt::format("counting process {} {}", child.pid, child.how.describe());
        }
    }
    if (outcome.lost_unit.empty() && (ready < started || done < started)) {
        outcome.lost_unit = "a counting process ended without reporting";
    }
    // After waitpid: the child's stores to the shared mapping are all visible here.
    outcome.total = board_total(board, round.sync, started);
    outcome.elapsed = board_elapsed(board, started);
    outcome.cpu_time = board_cpu_time(board, started);
    return outcome;
}

}  // namespace concur
