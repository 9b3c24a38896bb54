// race_options: what `concur race` is asked to do, and the checks that refuse the rest.
#pragma once

#include "concur/core/execution_model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// How each unit adds 1 to the count (--sync), in the order the table lists them.
enum class race_sync {
    none,           // read the one shared counter, add 1, write it back, with no lock: updates are lost
    mutex,          // the same read and write, under a std::mutex
    atomic,         // one fetch_add on the shared counter
    local,          // each unit counts in its own cache line; the counts are added at the end
    false_sharing,  // like local, but the units' counters sit side by side in one cache line
};

inline constexpr std::array<race_sync, 5> all_race_syncs{race_sync::none, race_sync::mutex, race_sync::atomic,
                                                         race_sync::local, race_sync::false_sharing};

inline constexpr std::uint64_t race_max_count = 10'000'000'000ULL;  // 10^10 increments per unit and row

struct race_options {
    execution_model model = execution_model::thread;  // --model: thread or process (race_offers_model)
    unsigned threads = 2;                // --threads: units counting at once, 1 to max_workers
    std::optional<std::uint64_t> count;  // --count: increments per unit and row; none: calibrated
    std::vector<race_sync> syncs{all_race_syncs.begin(), all_race_syncs.end()};  // --sync, one row each
    bool json = false;                   // --json: one JSON document instead of the table
};

/// "none", "mutex", "atomic", "local", "false-sharing": the names --sync takes and prints.
[[nodiscard]] std::string_view race_sync_name(race_sync sync) noexcept;
[[nodiscard]] std::optional<race_sync> parse_race_sync(std::string_view name) noexcept;

/// Whether `concur race` runs with `model`: thread (threads of this process) or process
/// (forked processes that share one counter in MAP_SHARED memory). The sequential and
/// coroutine models run one thing at a time on one thread: nothing can come between a
/// read and its write, so there is no race to show.
[[nodiscard]] bool race_offers_model(execution_model model) noexcept;

/// Whether --model=process offers `sync`. Forked processes share only what is mapped
/// MAP_SHARED: the counter, so none and atomic; a std::mutex is private to one process, and
/// local and false-sharing would show nothing the thread rows do not.
[[nodiscard]] bool process_model_offers(race_sync sync) noexcept;

/// What --sync allows, as the errors say it: "none, mutex, atomic, local, false-sharing, or
/// several of them separated by commas" (for the process model: "none, atomic, or both
/// separated by a comma").
[[nodiscard]] std::string race_syncs_allowed(execution_model model = execution_model::thread);

/// --sync's value: one name or a comma-separated list, in the table's order, without repeats.
/// Throws usage_error in concur's shape (refuse_value), without the option's name, which the
/// caller puts in front: "'none,lock' is not a list of ways to synchronise ('lock' is not
/// one); allowed: none, mutex, atomic, local, false-sharing, or several of them separated by
/// commas".
[[nodiscard]] std::vector<race_sync> parse_race_syncs(std::string_view text);

/// Checks every field, for callers that did not parse them from arguments. Throws usage_error
/// with the option's name in front: "--threads: '0' is not a thread count; allowed: a whole
/// number from 1 to 512", or "--sync: 'mutex' is not a way to synchronise processes; allowed:
/// none, atomic, or both separated by a comma (with --model=process)".
void check_race_options(const race_options& options);

}  // namespace concur
