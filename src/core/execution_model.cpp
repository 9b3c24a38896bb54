// execution_model: the ways concur runs the same work (threads, processes, coroutines, or a plain loop), by name.
#include "concur/core/execution_model.hpp"

#include <array>

namespace concur {
namespace {

struct model_entry {
    execution_model model;
    std::string_view name;
    bool uses_workers;
};

// The one name table: the command line, JSON, help texts and error messages all read it.
constexpr std::array<model_entry, 4> models{{
    {execution_model::sequential, "sequential", false},
    {execution_model::thread, "thread", true},
    {execution_model::process, "process", true},
    // However many tasks it spawns, one thread runs them, one check at a time.
    {execution_model::coroutine, "coroutine", false},
}};

constexpr std::array<execution_model, models.size()> model_order{
    execution_model::sequential, execution_model::thread, execution_model::process, execution_model::coroutine};

const model_entry& entry(execution_model model) noexcept {
    for (const model_entry& candidate : models) {
        if (candidate.model == model) return candidate;
    }
    return models.front();
}

}  // namespace

std::span<const execution_model> all_execution_models() noexcept { return model_order; }

std::string_view model_name(execution_model model) noexcept { return entry(model).name; }

std::optional<execution_model> parse_execution_model(std::string_view name) noexcept {
    for (const model_entry& candidate : models) {
        if (candidate.name == name) return candidate.model;
    }
    return std::nullopt;
}

bool model_uses_workers(execution_model model) noexcept { return entry(model).uses_workers; }

}  // namespace concur
