// race_board: the memory the racing units count in, and the five ways they add 1 to it.
#include "concur/demos/race_board.hpp"

#include <algorithm>
#include <ctime>
#include <limits>

namespace concur {
namespace {

constexpr auto relaxed = std::memory_order_relaxed;

std::int64_t now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// The CPU time this thread has used. Against the elapsed time it tells whether the unit ran
/// all along or waited: for a lock, or for a CPU that other programs held.
std::int64_t thread_cpu_ns() noexcept {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

/// Runs `increment` `count` times, in chunks, looking at `stop` between chunks only: a look
/// per increment would put a load and a branch into the very loop being timed.
template <typename Increment>
std::uint64_t repeat(std::uint64_t count, const std::atomic<bool>& stop, Increment increment) {
    std::uint64_t done = 0;
    while (done < count) {
        const std::uint64_t chunk = std::min(count - done, stop_check_interval);
        for (std::uint64_t i = 0; i < chunk; ++i) increment();
        done += chunk;
        if (stop.load(relaxed)) break;
    }
    return done;
}

/// Read, add 1, write back: two steps, as `counter += 1` is on a plain integer.
void read_add_write(std::atomic<std::uint64_t>& counter) noexcept { counter.store(counter.load(relaxed) + 1, relaxed); }

std::uint64_t count_the_way(race_board& board, race_sync sync, unsigned unit, std::uint64_t count) {
    switch (sync) {
        case race_sync::none:
            // No lock: another unit can read the same value between this read and this write,
            // and then one of the two increments is lost. Why atomics, if the point is a race?
            // On a plain integer the race would be a data race: undefined behaviour. The
            // compiler could keep the count in a register and store it once at the end (then
            // nearly every update or none is lost, by the optimiser's choice, not the race's),
            // and the tsan build would rightly fail. Relaxed atomic loads and stores keep every
            // read and every write, each one whole, and order nothing: the lost-update race is
            // the same, and the program stays defined.
            return repeat(count, board.stop, [&counter = board.counter] { read_add_write(counter); });
        case race_sync::mutex:
            // The same read and write, under a lock: no other unit can come between them. Under
            // contention the lock's cache line moves to each core in turn, and a unit that finds
            // it taken may sleep in the kernel (a futex wait) until the holder wakes it.
            return repeat(count, board.stop, [&board] {
                const std::lock_guard lock{board.counter_lock};
                read_add_write(board.counter);
            });
        case race_sync::atomic:
            // One instruction (lock xadd on x86) reads, adds and writes with the line held:
            // nothing is lost. Relaxed is enough for a count: nothing else is published with
            // it, and the parent reads it after the units are joined or reaped. Still, every
            // increment needs the counter's line, so the line travels between the cores.
            return repeat(count, board.stop, [&counter = board.counter] { counter.fetch_add(1, relaxed); });
        case race_sync::local:
            // The same two steps as `none`, on a counter nobody else touches, alone on its
            // cache line: nothing to lose, nothing to wait for. The parent adds the counts at
            // the end. (Kept in memory, not in a register, so that the only difference from
            // false-sharing is where the counters lie.)
            return repeat(count, board.stop, [&own = board.units[unit].own_count] { read_add_write(own); });
        case race_sync::false_sharing:
            // Still a counter of one's own, but its neighbours' sit in the same cache line:
            // each write takes the line from the core that wrote last, as if it were shared.
            return repeat(count, board.stop, [&own = board.side_by_side[unit]] { read_add_write(own); });
    }
    return 0;
}

}  // namespace

std::uint64_t count_on_board(race_board& board, race_sync sync, unsigned unit, std::uint64_t count) {
    unit_line& line = board.units[unit];
    const std::int64_t cpu_start = thread_cpu_ns();
    line.start_ns = now_ns();
    const std::uint64_t made = count_the_way(board, sync, unit, count);
    line.finish_ns = now_ns();
    line.cpu_ns = thread_cpu_ns() - cpu_start;
    return made;
}

std::uint64_t board_total(const race_board& board, race_sync sync, unsigned units) noexcept {
    std::uint64_t total = 0;
    switch (sync) {
        case race_sync::none:
        case race_sync::mutex:
        case race_sync::atomic: return board.counter.load(relaxed);
        case race_sync::local:
            for (unsigned unit = 0; unit < units; ++unit) total += board.units[unit].own_count.load(relaxed);
            return total;
        case race_sync::false_sharing:
            for (unsigned unit = 0; unit < units; ++unit) total += board.side_by_side[unit].load(relaxed);
            return total;
    }
    return total;
}

std::chrono::nanoseconds board_elapsed(const race_board& board, unsigned units) noexcept {
    std::int64_t first_start = std::numeric_limits<std::int64_t>::max();
    std::int64_t last_finish = std::numeric_limits<std::int64_t>::min();
    for (unsigned unit = 0; unit < units; ++unit) {
        first_start = std::min(first_start, board.units[unit].start_ns);
        last_finish = std::max(last_finish, board.units[unit].finish_ns);
    }
    if (units == 0 || last_finish < first_start) return {};
    return std::chrono::nanoseconds{last_finish - first_start};
}

std::chrono::nanoseconds board_cpu_time(const race_board& board, unsigned units) noexcept {
    std::int64_t total = 0;
    for (unsigned unit = 0; unit < units; ++unit) total += board.units[unit].cpu_ns;
    return std::chrono::nanoseconds{total};
}

}  // namespace concur
