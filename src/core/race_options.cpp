// race_options: what `concur race` is asked to do, and the checks that refuse the rest.
#include "concur/core/race_options.hpp"

#include "concur/core/message_text.hpp"
#include "concur/core/usage_error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {

std::string_view race_sync_name(race_sync sync) noexcept {
    switch (sync) {
        case race_sync::none: return "none";
        case race_sync::mutex: return "mutex";
        case race_sync::atomic: return "atomic";
        case race_sync::local: return "local";
        case race_sync::false_sharing: return "false-sharing";
    }
    return "?";
}

std::optional<race_sync> parse_race_sync(std::string_view name) noexcept {
    for (const race_sync sync : all_race_syncs) {
        if (race_sync_name(sync) == name) return sync;
    }
    return std::nullopt;
}

bool race_offers_model(execution_model model) noexcept {
    return model == execution_model::thread || model == execution_model::process;
}

bool process_model_offers(race_sync sync) noexcept { return sync == race_sync::none || sync == race_sync::atomic; }

std::string race_syncs_allowed(execution_model model) {
    if (model == execution_model::process) return "none, atomic, or both separated by a comma";
    std::string names;
    for (const race_sync sync : all_race_syncs) names += fmt::format("{}, ", race_sync_name(sync));
    return names + "or several of them separated by commas";
}

std::vector<race_sync> parse_race_syncs(std::string_view text) {
    std::vector<race_sync> syncs;
    std::string_view rest = text;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view name = rest.substr(0, comma);
        const auto sync = parse_race_sync(name);
        if (!sync) {
            if (name == text) throw usage_error(refuse_value(text, "a way to synchronise", race_syncs_allowed()));
            const std::string why = name.empty() ? "an empty name" : quote_value(name) + " is not one";
            throw usage_error(refuse_value(text, fmt::format("a list of ways to synchronise ({})", why),
                                           race_syncs_allowed()));
        }
        syncs.push_back(*sync);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    // The table's order, each way once: the enumerators are declared in that order.
    std::sort(syncs.begin(), syncs.end());
    syncs.erase(std::unique(syncs.begin(), syncs.end()), syncs.end());
    return syncs;
}

void check_race_options(const race_options& options) {
    if (options.threads < 1 || options.threads > max_workers) {
        throw usage_error("--threads: " + refuse_value(std::to_string(options.threads), "a thread count",
                                                       fmt::format("a whole number from 1 to {}", max_workers)));
    }
    if (options.count && (*options.count < 1 || *options.count > race_max_count)) {
        throw usage_error("--count: " + refuse_value(std::to_string(*options.count), "a count of increments",
                                                     fmt::format("a whole number from 1 to {}", race_max_count)));
    }
    if (!race_offers_model(options.model)) {
        throw usage_error("--model: " + refuse_value(model_name(options.model), "a model concur race offers",
                                                     "thread, process"));
    }
    if (options.syncs.empty()) {
        throw usage_error("--sync: " + refuse_value("", "a way to synchronise", race_syncs_allowed(options.model)));
    }
    if (options.model == execution_model::process) {
        for (const race_sync sync : options.syncs) {
            if (process_model_offers(sync)) continue;
            throw usage_error("--sync: " + refuse_value(race_sync_name(sync), "a way to synchronise processes",
                                                        race_syncs_allowed(execution_model::process) +
                                                            " (with --model=process)"));
        }
    }
}

}  // namespace concur
