// worker_load: how busy each worker was during a run, to show load imbalance.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace concur {

struct worker_load {
    unsigned worker = 0;                // from 1
    long system_id = 0;                 // pid or tid
    std::uint64_t checks = 0;           // numbers it checked
    std::chrono::nanoseconds busy{};    // the sum of their check times
};

/// Adds up each worker's checks as the results arrive. The busiest worker sets the run's
/// length: imbalance() = busiest / mean, 1.0 when the work was spread evenly.
class worker_load_tally {
public:
    explicit worker_load_tally(unsigned workers);
    void started(unsigned worker, long system_id);
    void add(unsigned worker, std::chrono::nanoseconds elapsed);
    [[nodiscard]] const std::vector<worker_load>& loads() const noexcept { return loads_; }
    /// The busiest worker's busy time over the mean; nothing when no time was measured (no
    /// check finished): there is no load to compare, and 0 would read as a ratio.
    [[nodiscard]] std::optional<double> imbalance() const noexcept;
    /// `"worker_load": [{"worker": 1, "id": 812, "checks": 10, "busy": 0.41}, ...],
    ///  "imbalance": 1.2` (two JSON members, no braces around them; `null` for no imbalance).
    [[nodiscard]] std::string json_members(std::string_view id_name) const;

private:
    std::vector<worker_load> loads_;
};

}  // namespace concur
