// run_sequential_checks: the book's sequential.py, a plain loop on the calling thread.
#include "concur/runtime/sequential_checks.hpp"

#include "concur/sys/signal_pipe.hpp"


#include <algorithm>
#include <deque>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

}  // namespace

pool_report run_sequential_checks(number_source& source, const pool_options& options, pool_listener& listener) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    listener.on_worker_started(1, static_cast<long>(::gettid()));
    pool_report report;
    std::deque<std::uint64_t> pending;
    bool source_ended = false;
    auto last_look = clock::now();

    // Looking at the signal pipe costs a system call; a check can take 20 ns. So the loop
    // looks (and flushes the output) every few milliseconds, not after every number.
    const auto look_around = [&] {
        last_look = clock::now();
        listener.flush();
        if (const auto signal = signals.take()) report.interrupt_signal = *signal;
    };
    while (report.interrupt_signal == 0) {
        if (pending.empty()) {
            if (source_ended) break;
            if (source.poll_fd() >= 0) {
                listener.flush();
                signals.wait_for_input_or_signal(source.poll_fd());
                look_around();
                if (report.interrupt_signal != 0) break;
            }
            source_ended = !source.read_more(pending);
            continue;
        }
        const std::uint64_t n = pending.front();
        pending.pop_front();
        const auto start = clock::now();
        const bool prime = options.check(n);
        const auto end = clock::now();
        ++report.checked;
        listener.on_result({n, prime, end - start, 1, start});
        if (end - last_look > std::chrono::milliseconds{10}) look_around();
    }
    listener.flush();
    if (report.interrupt_signal != 0) {
        report.ending = pool_ending::interrupted;
        report.unchecked.assign(pending.begin(), pending.end());
        std::sort(report.unchecked.begin(), report.unchecked.end());
        report.input_left_unread = !source_ended;
    }
    return report;
}

}  // namespace concur
