// execution_model: the ways concur runs the same work (threads, processes, coroutines, or a plain loop), by name.
#include "concur/core/execution_model.hpp"

#include <array>

namespace concur {
namespace {

struct model_entry {
    execution_model model;
    std::string_view name;
    bool uses_workers;
    bool needs_launcher;
};

// The one name table: the command line, JSON, help texts and error messages all read it.
constexpr std::array<model_entry, 5> models{{
    {execution_model::sequential, "sequential", false, false},
    {execution_model::thread, "thread", true, false},
    {execution_model::process, "process", true, false},
    // However many tasks it spawns, one thread runs them, one check at a time.
    {execution_model::coroutine, "coroutine", false, false},
    // Its workers are the ranks mpiexec started beside rank 0: their count is mpiexec's -n.
    {execution_model::mpi, "mpi", true, true},
}};

constexpr std::array<execution_model, models.size()> model_order{execution_model::sequential, execution_model::thread,
                                                                 execution_model::process, execution_model::coroutine,
                                                                 execution_model::mpi};

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

bool model_needs_launcher(execution_model model) noexcept { return entry(model).needs_launcher; }

}  // namespace concur
