// `concur cost`: "creating a thread or a process is not cheap", measured.
#include "concur/demos/unit_cost.hpp"

#include "concur/core/cost_report.hpp"
#include "concur/core/exit_status.hpp"
#include "concur/demos/coroutine_cost.hpp"
#include "concur/demos/process_cost.hpp"
#include "concur/demos/thread_cost.hpp"

#include <algorithm>

namespace concur {

int run_cost(const cost_options& options, output_sink& out, output_sink& /*err*/) {
    // Threads first: their memory is measured in a process that has not yet joined a thread
    // (glibc would hand the cached stacks of joined threads back, already resident).
    std::vector<cost_figure> figures = measure_thread_costs(options.count);
    const std::vector<cost_figure> processes = measure_process_costs(options.count);
    figures.insert(figures.end(), processes.begin(), processes.end());
    const std::vector<cost_figure> coroutines = measure_coroutine_costs(options.count);
    figures.insert(figures.end(), coroutines.begin(), coroutines.end());
    // Side by side: the same measure for each model, one after the other.
    std::stable_sort(figures.begin(), figures.end(), [](const cost_figure& a, const cost_figure& b) {
        const auto rank = [](const std::string& measure) {
            if (measure == "start_finish") return 0;
            if (measure == "round_trip") return 1;
            return 2;
        };
        return rank(a.measure) < rank(b.measure);
    });
    compare_with_coroutines(figures);
    out.write(options.json ? cost_json(figures, options.count) : format_cost_table(figures, options.count, options.columns.value_or(80)));
    out.flush();
    return exit_status::success;
}

}  // namespace concur
