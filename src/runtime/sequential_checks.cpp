// run_sequential_checks: the book's sequential.py, a plain loop on the calling thread.
#include "concur/runtime/sequential_checks.hpp"

#include "concur/runtime/worker_activity.hpp"
#include "concur/sys/signal_pipe.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

/// The most numbers checked between two deliveries of results.
constexpr std::size_t run_length = 64;
/// How long output may wait: results are delivered, and written, at least this often.
constexpr std::chrono::milliseconds flush_interval{10};

/// The signal that raised the pipe's flag. The flag is raised before the byte is written, and
/// the handler may run on another thread of the process: the byte may be a moment behind.
int take_signal(sys::signal_pipe& signals) {
    for (;;) {
        if (const auto signal = signals.take()) return *signal;
        signals.wait_for_input_or_signal(-1);  // the pipe alone: poll() skips -1
    }
}

}  // namespace

pool_report run_sequential_checks(number_source& source, const pool_options& options, pool_listener& listener) {
    sys::signal_pipe signals{SIGINT, SIGTERM};
    // The signal interrupts this very thread, in the middle of a check: its handler raises a
    // flag, which the check looks at between two chunks of divisors and gives up on. CPython
    // does the same with Ctrl-C: its handler only sets a flag, which the interpreter looks at
    // between two bytecodes, where it raises KeyboardInterrupt.
    worker_activity activity;
    check_control control{{}, &signals.arrived(), &activity.reached};
    listener.on_worker_started(1, static_cast<long>(::gettid()));
    const watched_workers watched{listener, {&activity}};  // a display thread may read it meanwhile
    pool_report report;
    std::deque<std::uint64_t> pending;
    bool source_ended = false;
    auto last_flush = clock::now();

    bool interrupted = false;
    for (;;) {
        interrupted = control.stop_requested();
        if (interrupted) break;
        if (pending.empty()) {
            if (source_ended) break;
            if (source.poll_fd() >= 0) {
                listener.flush();
                signals.wait_for_input_or_signal(source.poll_fd());
                if (control.stop_requested()) continue;  // a signal, not input: stop
            }
            source_ended = !source.read_more(pending);
            continue;
        }
        // A run of numbers checked back to back, then reported: a clock read costs about
        // 60 ns on a virtual machine, as much as a small check, so each check's end is the
        // next one's start, and the formatting of the results stays out of every check's time.
        // A run ends early once it has lasted a flush interval: a person watching slow checks
        // sees each answer as it comes, not 64 at a time.
        std::array<checked_number, run_length> run;
        std::size_t ran = 0;
        auto start = clock::now();
        const auto run_start = start;
        while (ran < run.size() && ran < pending.size() && !control.stop_requested()) {
            const std::uint64_t n = pending[ran];
            activity.begin(n);
            const check_verdict answer = options.check(n, control);
            const auto end = clock::now();
            activity.end();
            if (answer == check_verdict::stopped) break;  // half a check is no answer: n stays pending
            run[ran++] = {n, answer == check_verdict::prime, end - start, 1, start};
            start = end;
            if (end - run_start > flush_interval) break;
        }
        for (std::size_t i = 0; i < ran; ++i) {
            pending.pop_front();
            ++report.checked;
            listener.on_result(run[i]);
        }
        // Writing costs a system call and a check can take 20 ns: the output is flushed every
        // few milliseconds, not after every number.
        if (start - last_flush > flush_interval) {
            last_flush = start;
            listener.flush();
        }
    }
    listener.flush();
    if (interrupted) {
        report.interrupt_signal = take_signal(signals);
        report.ending = pool_ending::interrupted;
        report.unchecked.assign(pending.begin(), pending.end());
        std::sort(report.unchecked.begin(), report.unchecked.end());
        report.input_left_unread = !source_ended;
    }
    return report;
}

}  // namespace concur
