// execution_model: the ways concur can run the same checks, and the one entry point for each.
#include "concur/runtime/execution_model.hpp"

#include "concur/runtime/coroutine_checks.hpp"
#include "concur/runtime/process_pool.hpp"
#include "concur/runtime/sequential_checks.hpp"
#include "concur/runtime/thread_pool.hpp"

#include <fmt/format.h>

#include <array>

namespace concur {
namespace {

using model_runner = pool_report (*)(number_source&, const pool_options&, pool_listener&);

struct model_entry {
    execution_model model;
    std::string_view name;
    std::string_view unit;   // singular, or empty when the model has no workers
    std::string_view units;  // plural; for a model without workers, the whole header phrase
    model_runner run;
};

// The registry. The coroutine row has no workers: however many tasks it spawns, one thread
// runs them, one check at a time, and its header says so.
constexpr std::array<model_entry, 4> models{{
    {execution_model::sequential, "sequential", "", "sequentially", run_sequential_checks},
    {execution_model::thread, "thread", "thread", "threads", run_thread_pool},
    {execution_model::process, "process", "process", "processes", run_process_pool},
    {execution_model::coroutine, "coroutine", "", "with coroutines, one at a time on one thread",
     run_coroutine_checks},
}};

const model_entry& entry(execution_model model) noexcept {
    for (const model_entry& candidate : models) {
        if (candidate.model == model) return candidate;
    }
    return models.front();
}

constexpr std::array<execution_model, models.size()> model_order{
    execution_model::sequential, execution_model::thread, execution_model::process, execution_model::coroutine};

}  // namespace

std::span<const execution_model> all_execution_models() noexcept { return model_order; }

std::string_view model_name(execution_model model) noexcept { return entry(model).name; }

std::optional<execution_model> parse_execution_model(std::string_view name) noexcept {
    for (const model_entry& candidate : models) {
        if (candidate.name == name) return candidate.model;
    }
    return std::nullopt;
}

std::string_view model_names_list() noexcept { return "sequential, thread, process, coroutine"; }

bool model_uses_workers(execution_model model) noexcept { return !entry(model).unit.empty(); }

std::string describe_units(execution_model model, unsigned workers) {
    const model_entry& e = entry(model);
    if (e.unit.empty()) return std::string{e.units};
    return fmt::format("with {} {}", workers, workers == 1 ? e.unit : e.units);
}

pool_report run_checks(execution_model model, number_source& source, const pool_options& options,
                       pool_listener& listener) {
    return entry(model).run(source, options, listener);
}

}  // namespace concur
