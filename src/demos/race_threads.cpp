// race_with_threads: one round of `concur race` by threads, which share all of the process's memory.
#include "concur/demos/race_units.hpp"
#include "concur/sys/pipe.hpp"
#include "concur/sys/thread_start.hpp"

#include <latch>
#include <memory>
#include <thread>
#include <vector>

namespace concur {

race_outcome race_with_threads(const race_round& round, sys::signal_pipe& signals) {
    // Threads share the process's memory: the board is an ordinary object, and every thread
    // reads and writes the very same bytes. Nothing to map, nothing to copy.
    const auto board = std::make_unique<race_board>();
    auto reports = sys::make_pipe();
    race_outcome outcome;

    // Released all at once: without a start line, the first unit could finish its count before
    // the last one starts, and nothing would be lost (45% lost in one run, 0% in the next).
    // Each thread arrives and waits; the last arrival wakes them all.
    std::latch start_line{static_cast<std::ptrdiff_t>(round.units) + 1};  // + 1: this thread's
    std::vector<std::thread> threads;
    threads.reserve(round.units);
    // However this function ends, every thread is joined: a thread cannot be killed, only told.
    // The start line is opened for those waiting at it, and the stop flag ends their count.
    struct joiner {
        std::vector<std::thread>& threads;
        std::latch& start_line;
        race_board& board;
        unsigned units;
        bool opened = false;
        void open() {
            // This thread's arrival, and those of the threads that were never started.
            start_line.count_down(static_cast<std::ptrdiff_t>(units - threads.size()) + 1);
            opened = true;
        }
        ~joiner() {
            if (threads.empty()) return;  // joined already: the round went to its end
            board.stop.store(true, std::memory_order_relaxed);
            if (!opened) open();
            for (std::thread& thread : threads) thread.join();
        }
    } join_at_end{threads, start_line, *board, round.units};

    const int reports_fd = reports.write_end.get();
    while (threads.size() < round.units && outcome.interrupt_signal == 0) {
        const auto unit = static_cast<unsigned>(threads.size());
        {
            // Threads inherit the signal mask: started with every signal blocked, they leave
            // SIGINT and SIGTERM to this thread, which turns them into a stop.
            const sys::signal_block blocked;
            threads.push_back(sys::start_thread([&start_line, &board = *board, &round, unit, reports_fd] {
                start_line.arrive_and_wait();
                (void)count_on_board(board, round.sync, unit, round.count);
                detail::report_to_parent(reports_fd);  // done
            }));
        }
        detail::take_signals(*board, signals, outcome.interrupt_signal);
    }
    join_at_end.open();

    const auto started = static_cast<unsigned>(threads.size());
    (void)detail::wait_for_reports(reports.read_end.get(), started, *board, signals, outcome.interrupt_signal);
    for (std::thread& thread : threads) thread.join();
    threads.clear();
    // After join: every increment is visible here (join synchronises with the thread's end).
    outcome.total = board_total(*board, round.sync, started);
    outcome.elapsed = board_elapsed(*board, started);
    outcome.cpu_time = board_cpu_time(*board, started);
    return outcome;
}

}  // namespace concur
