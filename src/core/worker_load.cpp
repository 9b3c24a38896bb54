// worker_load: how busy each worker was during a run, to show load imbalance.
#include "concur/core/worker_load.hpp"

#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace concur {

worker_load_tally::worker_load_tally(unsigned workers) : loads_(workers) {
    for (unsigned i = 0; i < workers; ++i) loads_[i].worker = i + 1;
}

void worker_load_tally::started(unsigned worker, long system_id) {
    if (worker >= 1 && worker <= loads_.size()) loads_[worker - 1].system_id = system_id;
}

void worker_load_tally::add(unsigned worker, std::chrono::nanoseconds elapsed) {
    if (worker < 1 || worker > loads_.size()) return;
    ++loads_[worker - 1].checks;
    loads_[worker - 1].busy += elapsed;
}

std::optional<double> worker_load_tally::imbalance() const noexcept {
    std::chrono::nanoseconds total{};
    std::chrono::nanoseconds busiest{};
    for (const worker_load& load : loads_) {
        total += load.busy;
        busiest = std::max(busiest, load.busy);
    }
    if (total.count() == 0) return std::nullopt;
    const double mean = static_cast<double>(total.count()) / static_cast<double>(loads_.size());
    return static_cast<double>(busiest.count()) / mean;
}

std::string worker_load_tally::json_members(std::string_view id_name) const {
    std::string text = "\"worker_load\": [";
    for (std::size_t i = 0; i < loads_.size(); ++i) {
        const worker_load& load = loads_[i];
        fmt::format_to(std::back_inserter(text), "{}{{\"worker\": {}, \"{}\": {}, \"checks\": {}, \"busy\": {}}}",
                       i == 0 ? "" : ", ", load.worker, id_name, load.system_id, load.checks,
                       json_seconds(load.busy));
    }
    const auto ratio = imbalance();
    fmt::format_to(std::back_inserter(text), "],\n  \"imbalance\": {}", ratio ? fmt::format("{:.3f}", *ratio) : "null");
    return text;
}

}  // namespace concur
