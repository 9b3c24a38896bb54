// race_units: what the thread and process models of `concur race` share: the parent's wait.
#include "concur/demos/race_units.hpp"

#include "concur/sys/io.hpp"

#include <fmt/os.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace concur::detail {

void take_signals(race_board& board, sys::signal_pipe& signals, int& interrupt_signal) {
    while (const auto signal = signals.take()) {
        if (interrupt_signal == 0) interrupt_signal = *signal;
        // A store the units see at their next look, within stop_check_interval increments.
        board.stop.store(true, std::memory_order_relaxed);
    }
}

void report_to_parent(int reports) noexcept {
    const char byte = 'r';
    while (::write(reports, &byte, 1) < 0 && errno == EINTR) {}
}

unsigned wait_for_reports(int reports, unsigned units, race_board& board, sys::signal_pipe& signals,
                          int& interrupt_signal, const std::function<bool()>& still_worth_waiting) {
    constexpr int quiet_ms = 100;
    unsigned received = 0;
    std::array<std::byte, max_workers> bytes{};
    while (received < units) {
        // The parent sleeps here while the units count: it takes no CPU from them.
        std::array<pollfd, 2> fds{pollfd{signals.fd(), POLLIN, 0}, pollfd{reports, POLLIN, 0}};
        const int ready = ::poll(fds.data(), fds.size(), quiet_ms);
        if (ready < 0) {
            if (errno == EINTR) continue;
            throw fmt::system_error(errno, "cannot poll the counting units' reports");
        }
        if (fds[0].revents != 0) take_signals(board, signals, interrupt_signal);
        if (fds[1].revents != 0) {
            // One byte per report, and never more than are due: the next phase's are its own.
            const long got = sys::read_some(reports, std::span{bytes}.first(units - received));
            if (got <= 0) break;  // end-of-file: every writer is gone
            received += static_cast<unsigned>(got);
        } else if (ready == 0 && still_worth_waiting && !still_worth_waiting()) {
            break;
        }
    }
    return received;
}

}  // namespace concur::detail
