// measure_process_costs: what a forked process costs to start, to talk to, and to keep.
#include "concur/demos/process_cost.hpp"

#include "concur/core/sample_stats.hpp"
#include "concur/sys/child_process.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"

#include <fmt/os.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

double microseconds(clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

/// One field of /proc/PID/smaps_rollup, in KiB (the kernel's sums over every mapping).
double smaps_rollup_kib(pid_t pid, const std::string& field) {
    std::ifstream rollup{fmt::format("/proc/{}/smaps_rollup", pid)};
    std::string name;
    double kib = 0;
    std::string unit;
    while (rollup >> name) {
        if (name == field + ":") {
            rollup >> kib >> unit;
            return kib;
        }
        rollup.ignore(1 << 12, '\n');
    }
    throw std::runtime_error(fmt::format("cannot read {} from /proc/{}/smaps_rollup", field, pid));
}

cost_figure measure_start_finish(unsigned count) {
    std::vector<double> samples;
    samples.reserve(count);
    std::fflush(nullptr);  // before fork: nothing buffered may be written twice
    for (unsigned i = 0; i < count; ++i) {
        const auto start = clock::now();
        const pid_t pid = sys::fork_child([] { return 0; });
        (void)sys::wait_for_child(pid);
        samples.push_back(microseconds(clock::now() - start));
    }
    return {"process", "start_finish", "start and finish one unit (fork + _exit + waitpid)",
            describe_samples(samples).median, "µs", count, "time", 1, {}};
}

/// One byte to a child through one pipe, and back through another: two writes, two reads,
/// two wake-ups of a process sleeping in read().
cost_figure measure_round_trip(unsigned count) {
    auto to_child = sys::make_pipe();
    auto from_child = sys::make_pipe();
    std::fflush(nullptr);
    const int child_in = to_child.read_end.get();
    const int child_out = from_child.write_end.get();
    const pid_t pid = sys::fork_child([&] {
        // The child's copies of the parent's ends must go: a write end left open here
        // would keep this very child from ever seeing end-of-file.
        to_child.write_end.reset();
        from_child.read_end.reset();
        std::array<std::byte, 1> byte{};
        while (sys::read_some(child_in, byte) == 1) sys::write_all(child_out, byte);
        return 0;
    });
    to_child.read_end.reset();
    from_child.write_end.reset();
    // However this function ends (the child may die, a write may fail), the child is reaped:
    // end-of-file on its pipe ends its loop, and it exits.
    struct reaper {
        sys::unique_fd& to_child;
        pid_t pid;
        ~reaper() {
            to_child.reset();
            (void)sys::wait_for_child(pid);
        }
    } reap_at_end{to_child.write_end, pid};
    std::vector<double> samples;
    samples.reserve(count);
    std::array<std::byte, 1> byte{std::byte{42}};
    for (unsigned i = 0; i < count; ++i) {
        const auto start = clock::now();
        sys::write_all(to_child.write_end.get(), byte);
        if (sys::read_some(from_child.read_end.get(), byte) != 1) {
            throw std::runtime_error("the echo child stopped answering");
        }
        samples.push_back(microseconds(clock::now() - start));
    }
    return {"process", "round_trip", "message round trip (two pipes, one byte each way)",
            describe_samples(samples).median, "µs", count, "round_trip", 1, {}};
}

/// Children parked in read() on a pipe nobody writes: what does each one hold?
std::vector<cost_figure> measure_parked_children(unsigned children) {
    auto gate = sys::make_pipe();
    std::fflush(nullptr);
    const int gate_fd = gate.read_end.get();
    const int gate_write_fd = gate.write_end.get();
    std::vector<pid_t> pids;
    pids.reserve(children);  // no reallocation between forking a child and keeping its pid
    // If anything throws below, closing the gate (its write end) releases the children.
    struct reaper {
        std::vector<pid_t>& pids;
        sys::unique_fd& gate;
        ~reaper() {
            gate.reset();
            for (const pid_t pid : pids) (void)sys::wait_for_child(pid);
        }
    } reap_at_end{pids, gate.write_end};
    for (unsigned i = 0; i < children; ++i) {
        pids.push_back(sys::fork_child([gate_fd, gate_write_fd] {
            ::close(gate_write_fd);  // or closing the gate in the parent would not release it
            std::array<std::byte, 1> byte{};
            (void)sys::read_some(gate_fd, byte);  // parked until the parent closes the gate
            return 0;
        }));
    }
    // A child's memory is only settled once it sits in read(): wait until each one sleeps.
    for (const pid_t pid : pids) {
        for (int tries = 0; tries < 1000; ++tries) {
            std::ifstream stat{fmt::format("/proc/{}/stat", pid)};
            std::string text;
            std::getline(stat, text);
            const auto close = text.rfind(')');
            if (close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'S') break;
            ::usleep(1000);
        }
    }
    std::vector<double> rss;
    std::vector<double> pss;
    std::vector<double> private_kib;
    for (const pid_t pid : pids) {
        rss.push_back(smaps_rollup_kib(pid, "Rss"));
        pss.push_back(smaps_rollup_kib(pid, "Pss"));
        private_kib.push_back(smaps_rollup_kib(pid, "Private_Clean") + smaps_rollup_kib(pid, "Private_Dirty"));
    }
    return {
        {"process", "resident_per_unit", "resident memory per parked child (Rss)", describe_samples(rss).median,
         "KiB", children, "resident", 1024, {}},
        {"process", "proportional_per_unit", "proportional memory per parked child (Pss)",
         describe_samples(pss).median, "KiB", children, "resident", 1024, {}},
        {"process", "private_per_unit", "private memory per parked child (Private_*)",
         describe_samples(private_kib).median, "KiB", children, "resident", 1024, {}},
    };
}

}  // namespace

std::vector<cost_figure> measure_process_costs(unsigned count) {
    std::vector<cost_figure> figures;
    figures.push_back(measure_start_finish(count));
    figures.push_back(measure_round_trip(count));
    const auto memory = measure_parked_children(std::max(2U, count / 50));
    figures.insert(figures.end(), memory.begin(), memory.end());
    return figures;
}

}  // namespace concur
