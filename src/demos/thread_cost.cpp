// measure_thread_costs: what a std::thread costs to start, to talk to, and to keep.
#include "concur/demos/thread_cost.hpp"

#include "concur/core/sample_stats.hpp"
#include "concur/sys/thread_start.hpp"

#include <fmt/os.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

double microseconds(clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

/// This process's address space and resident memory, in KiB, from /proc/self/statm.
std::pair<double, double> memory_kib() {
    std::ifstream statm{"/proc/self/statm"};
    double size_pages = 0;
    double resident_pages = 0;
    statm >> size_pages >> resident_pages;
    const double page_kib = static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1024;
    return {size_pages * page_kib, resident_pages * page_kib};
}

/// Where the parked threads wait: shut until opened, once.
struct parking_gate {
    std::mutex mutex;
    std::condition_variable opened;
    bool is_open = false;
    std::atomic<unsigned> parked{0};

    void park() {
        std::unique_lock lock{mutex};
        parked.fetch_add(1);
        opened.wait(lock, [this] { return is_open; });
    }
    void open() {
        {
            const std::lock_guard lock{mutex};
            is_open = true;
        }
        opened.notify_all();
    }
};

/// `count` threads parked on one condition variable: how much each takes while it waits.
/// Measured first, in a process that has not joined threads yet: glibc keeps the stacks
/// of joined threads for reuse, and reused stacks are already resident.
std::vector<cost_figure> measure_parked_threads(unsigned count) {
    parking_gate gate;
    const auto [size_before, resident_before] = memory_kib();
    std::vector<std::thread> threads;
    threads.reserve(count);  // no reallocation between starting a thread and keeping it
    // However this function ends, the threads parked so far are released and joined: when the
    // system refuses the next thread (ulimit -u, pid_max), the exception would otherwise
    // destroy joinable std::threads, and that calls std::terminate.
    struct release_at_end {
        parking_gate& gate;
        std::vector<std::thread>& threads;
        ~release_at_end() {
            gate.open();
            for (std::thread& thread : threads) thread.join();
        }
    } release{gate, threads};
    for (unsigned i = 0; i < count; ++i) {
        // The parked threads call nothing that allocates: a thread's first malloc gives it an
        // arena of its own (64 MiB of address space), which is not what a thread costs.
        threads.push_back(sys::start_thread([&gate] { gate.park(); }));
    }
    while (gate.parked.load() < count) std::this_thread::yield();
    const auto [size_after, resident_after] = memory_kib();
    std::size_t stack_bytes = 0;  // as the first thread was created, asked from this thread
    pthread_attr_t attributes;
    if (::pthread_getattr_np(threads.front().native_handle(), &attributes) == 0) {
        (void)::pthread_attr_getstacksize(&attributes, &stack_bytes);
        ::pthread_attr_destroy(&attributes);
    }

    const double per_thread_size = (size_after - size_before) / count;
    const double per_thousand_resident = (resident_after - resident_before) * 1000.0 / count / 1024;
    return {
        {"thread", "stack_size", "stack size of a new thread (pthread_getattr_np)",
         static_cast<double>(stack_bytes) / (1024.0 * 1024.0), "MiB", 1, "reserved", 1024.0 * 1024.0, {}},
        {"thread", "reserved_per_unit", "address space reserved per parked thread (VmSize)",
         per_thread_size / 1024, "MiB", count, "reserved", 1024.0 * 1024.0, {}},
        {"thread", "resident_per_1000", "resident growth per 1,000 parked threads (VmRSS)",
         per_thousand_resident, "MiB", count, "resident", 1024.0 * 1024.0 / 1000, {}},
    };
}

cost_figure measure_start_finish(unsigned count) {
    std::vector<double> samples;
    samples.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        const auto start = clock::now();
        sys::start_thread([] {}).join();
        samples.push_back(microseconds(clock::now() - start));
    }
    return {"thread", "start_finish", "start and finish one unit (std::thread + join)",
            describe_samples(samples).median, "µs", count, "time", 1, {}};
}

/// Ping-pong: the main thread hands the turn over and waits for it back. Each hand-off is a
/// lock, a notify and a wake-up of a thread sleeping in the kernel (a futex).
cost_figure measure_round_trip(unsigned count) {
    std::mutex mutex;
    std::condition_variable changed;
    int turn = 0;  // 0: main's turn, 1: the partner's, 2: stop
    // Each side notifies after unlocking, so the woken thread does not wake only to block
    // again on the mutex its waker still holds.
    std::thread partner = sys::start_thread([&] {
        while (true) {
            std::unique_lock lock{mutex};
            changed.wait(lock, [&] { return turn != 0; });
            if (turn == 2) return;
            turn = 0;
            lock.unlock();
            changed.notify_one();
        }
    });
    std::vector<double> samples;
    samples.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        const auto start = clock::now();
        std::unique_lock lock{mutex};
        turn = 1;
        lock.unlock();
        changed.notify_one();
        lock.lock();
        changed.wait(lock, [&] { return turn == 0; });
        lock.unlock();
        samples.push_back(microseconds(clock::now() - start));
    }
    {
        const std::lock_guard lock{mutex};
        turn = 2;
    }
    changed.notify_one();
    partner.join();
    return {"thread", "round_trip", "message round trip (mutex + condition variable)",
            describe_samples(samples).median, "µs", count, "round_trip", 1, {}};
}

}  // namespace

std::vector<cost_figure> measure_thread_costs(unsigned count) {
    std::vector<cost_figure> figures = measure_parked_threads(count);
    figures.insert(figures.begin(), measure_round_trip(count));
    figures.insert(figures.begin(), measure_start_finish(count));
    return figures;
}

}  // namespace concur
