// `concur bench`: the book's run_procs.sh and its notebook, as one command.
#include "concur/demos/models_bench.hpp"

#include "concur/core/bench_exports.hpp"
#include "concur/core/bench_report.hpp"
#include "concur/core/display_width.hpp"
#include "concur/core/exit_status.hpp"
#include "concur/core/speedup_chart.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/runtime/run_checks.hpp"
#include "concur/sys/cpu_count.hpp"
#include "concur/sys/cpu_quota.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/load_average.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "concur/sys/terminal.hpp"
#include "concur/sys/unique_fd.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

/// Takes the results and keeps only what the bench needs: how many, and the longest check.
class timing_listener final : public pool_listener {
public:
    void on_result(const checked_number& result) override {
        ++checked;
        longest = std::max(longest, result.elapsed);
    }
    void on_worker_lost(const lost_worker&) override {}
    std::uint64_t checked = 0;
    std::chrono::nanoseconds longest{};
};

/// CPU seconds used so far by this process's threads and its reaped children.
std::pair<double, double> cpu_seconds() {
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    rusage self{};
    rusage children{};
    ::getrusage(RUSAGE_SELF, &self);
    ::getrusage(RUSAGE_CHILDREN, &children);
    return {seconds(self.ru_utime) + seconds(children.ru_utime), seconds(self.ru_stime) + seconds(children.ru_stime)};
}

struct export_file {
    sys::unique_fd fd;
    std::string path;
    std::string (*render)(const bench_summary&);
};

/// Opens every export file first: a bad path stops the command before minutes of measuring.
std::vector<export_file> open_exports(const bench_options& options) {
    std::vector<export_file> files;
    const auto open = [&](const std::string& path, std::string (*render)(const bench_summary&)) {
        if (path.empty()) return;
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) throw fmt::system_error(errno, "cannot open '{}' for writing", path);
        files.push_back({sys::unique_fd{fd}, path, render});
    };
    open(options.export_json, bench_json);
    open(options.export_csv, bench_csv);
    open(options.export_markdown, bench_markdown);
    open(options.export_svg, speedup_chart_svg);
    return files;
}

std::string command_for(const bench_options& options, execution_model model, unsigned workers) {
    std::string command =
        fmt::format("concur primes --model={} --method={}", model_name(model), describe(options.method).name);
    if (model_uses_workers(model)) command += fmt::format(" --procs={}", workers);
    if (options.numbers_label == "standard input") return command + " -";
    return command + fmt::format(" --numbers={}", options.numbers_label);
}

}  // namespace

int run_bench(const bench_options& options, output_sink& out, output_sink& err) {
    auto exports = open_exports(options);

    bench_summary summary;
    summary.numbers = options.numbers_label;
    const prime_method_info& method = describe(options.method);
    summary.method = std::string{method.name};
    summary.method_description = std::string{method.description};
    summary.count = options.numbers.size();
    summary.runs = options.runs;
    summary.warmup = options.warmup;
    summary.usable_cpus = sys::usable_cpu_count();
    summary.cpu_quota = sys::cgroup_cpu_quota();
    summary.load_before = sys::one_minute_load_average();

    struct configuration {
        execution_model model;
        unsigned workers;
    };
    std::vector<configuration> plan;
    for (const execution_model model : options.models) {
        if (!model_uses_workers(model)) {
            plan.push_back({model, 1});  // --procs means nothing to it: one row, not one per count
        } else {
            for (const unsigned workers : options.worker_counts) plan.push_back({model, workers});
        }
    }
    for (const configuration& config : plan) {
        summary.rows.push_back({std::string{model_name(config.model)}, config.workers,
                                command_for(options, config.model, config.workers), {}, {}, {}, {}, {}, {}});
    }
    // Warn before measuring, so a person sees why the last rows will not improve.
    {
        const std::string warnings = format_bench_warnings(summary);
        err.write(warnings);
        err.flush();
    }

    std::vector<double> longest_sequential;
    std::vector<double> longest_any;
    const auto bench_start = clock::now();
    // Rounds, not blocks: each round runs every configuration once. On a shared machine a
    // neighbour's burst of load then lands on every row alike instead of on a few rows.
    for (unsigned run = 0; run < options.warmup + options.runs; ++run) {
        const bool warming = run < options.warmup;
        for (std::size_t index = 0; index < plan.size(); ++index) {
            const configuration& config = plan[index];
            bench_row& row = summary.rows[index];
            if (options.progress) {
                const std::string line = fmt::format(
                    "bench: {} {} of {}: {} ({} of {}), {:.1f}s elapsed", warming ? "warm-up" : "run",
                    warming ? run + 1 : run - options.warmup + 1, warming ? options.warmup : options.runs,
                    row.command.substr(std::string_view{"concur primes "}.size()), index + 1, plan.size(),
                    std::chrono::duration<double>(clock::now() - bench_start).count());
                // Cut to the terminal as the spinner's line is: a line that wraps leaves a row
                // behind at every update, since \r only returns to the start of the last row.
                const auto columns = sys::terminal_columns(STDERR_FILENO);
                err.write(fmt::format("\r\033[K{}", columns && *columns > 1 ? cut_to_width(line, *columns - 1)
                                                                            : std::string_view{line}));
                err.flush();
            }
            list_source source{options.numbers};
            timing_listener listener;
            const auto [user_before, system_before] = cpu_seconds();
            const auto start = clock::now();
            const pool_report report =
                run_checks(config.model, source, {config.workers, method.check, {method.estimate}}, listener);
            const double wall = std::chrono::duration<double>(clock::now() - start).count();
            const auto [user_after, system_after] = cpu_seconds();
            if (report.ending != pool_ending::complete) {
                if (options.progress) err.write("\r\033[K");
                if (report.ending == pool_ending::interrupted) {
                    err.write(fmt::format("concur: bench interrupted by {}; nothing exported\n",
                                          sys::signal_name(report.interrupt_signal)));
                    return exit_status::interrupted_by(report.interrupt_signal);
                }
                err.write(fmt::format("concur: a worker was lost while measuring '{}'; nothing exported\n",
                                      row.command));
                return exit_status::worker_lost;
            }
            if (warming) continue;
            row.times.push_back(wall);
            row.user_times.push_back(user_after - user_before);
            row.system_times.push_back(system_after - system_before);
            const double longest = std::chrono::duration<double>(listener.longest).count();
            longest_any.push_back(longest);
            if (config.model == execution_model::sequential) longest_sequential.push_back(longest);
        }
    }
    if (options.progress) {
        err.write("\r\033[K");
        err.flush();
    }
    // The floor from the sequential runs when there are some: alone on a CPU, a check runs
    // at full speed; in a pool, workers may share a CPU and stretch it.
    summary.floor = describe_samples(longest_sequential.empty() ? longest_any : longest_sequential).median;
    compute_bench_figures(summary);

    out.write(format_bench_table(summary));
    out.flush();
    for (const export_file& file : exports) {
        sys::write_all(file.fd.get(), file.render(summary), fmt::format("'{}'", file.path));
    }
    return exit_status::success;
}

}  // namespace concur
