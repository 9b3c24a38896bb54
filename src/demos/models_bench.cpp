// `concur bench`: the book's run_procs.sh and its notebook, as one command.
#include "concur/demos/models_bench.hpp"

#include "concur/core/bench_exports.hpp"
#include "concur/core/bench_progress.hpp"
#include "concur/core/bench_report.hpp"
#include "concur/core/cpu_identity.hpp"
#include "concur/core/exit_status.hpp"
#include "concur/core/speedup_chart.hpp"
#include "concur/core/trial_kernel_choice.hpp"
#include "concur/demos/bench_runs.hpp"
#include "concur/sys/cpu_count.hpp"
#include "concur/sys/cpu_quota.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/load_average.hpp"
#include "concur/sys/signal_handlers.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "concur/sys/terminal.hpp"
#include "concur/sys/unique_fd.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

// Between two runs no run has SIGINT and SIGTERM caught: this latch holds them until the
// loop looks. Each run catches them again for itself (a signal_pipe) and puts the latch back;
// a signal that reaches the run's pipe as the run finishes, after its last look, is seen
// through sys::was_caught. Atomic: a handler may run on any thread.
std::atomic<int> latched_signal{0};
extern "C" void latch_signal(int signal) { latched_signal.store(signal, std::memory_order_relaxed); }

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

/// One thing a round runs and times. A model that runs as an external command (a launcher
/// such as mpiexec) is one more kind of step: its `run` starts the command and waits for it.
struct bench_step {
    std::string label;                  // for the progress line: "thread with 2 workers"
    std::vector<double>* times;         // where each measured run's wall time goes
    bench_row* row;                     // the row it fills, or none (a ceiling's step)
    std::function<measured_run()> run;
};

std::vector<bench_step> plan_steps(const bench_options& options, bench_summary& summary) {
    const prime_method_info& method = describe(options.method);
    std::vector<unsigned> pool_counts;
    for (const execution_model model : options.models) {
        // A model without workers gets one row: --procs means nothing to it.
        const std::vector<unsigned> counts = model_uses_workers(model) ? options.worker_counts : std::vector<unsigned>{1};
        for (const unsigned workers : counts) {
            bench_row& row = summary.rows.emplace_back();
            row.model = model_name(model);
            row.workers = workers;
            row.command = command_for(options, model, workers);
            if (model_uses_workers(model)) pool_counts.push_back(workers);
        }
    }
    for (const unsigned copies : ceiling_copy_counts(pool_counts, summary.usable_cpus)) {
        summary.ceilings.emplace_back().copies = copies;
    }
    if (summary.ceilings.size() == 1) summary.ceilings.clear();  // nothing to compare the run alone with

    // Filled once every row and ceiling is in place: the steps point into them.
    std::vector<bench_step> steps;
    for (bench_row& row : summary.rows) {
        const execution_model model = *parse_execution_model(row.model);
        std::string label{row.model};
        if (model_uses_workers(model)) label += fmt::format(" with {} worker{}", row.workers, row.workers == 1 ? "" : "s");
        steps.push_back({label, &row.times, &row, [&options, &method, model, workers = row.workers] {
                             return run_model_once(model, workers, options.numbers, method);
                         }});
    }
    for (ceiling_row& ceiling : summary.ceilings) {
        const std::string label =
            ceiling.copies == 1 ? std::string{"one run alone"} : fmt::format("{} runs side by side", ceiling.copies);
        steps.push_back({label, &ceiling.times, nullptr, [&options, &method, copies = ceiling.copies] {
                             return run_copies_side_by_side(copies, options.numbers, method);
                         }});
    }
    return steps;
}

/// The processor, its vector units, and the kernel the checks use: chosen here, before any
/// worker is forked, when a number is large enough for the choice to be measured, so that
/// every run of every model uses the same one.
bench_machine this_machine(const bench_options& options) {
    bench_machine machine;
    const cpu_identity cpu = this_cpu();
    machine.cpu_name = cpu.model_name;
    machine.vendor = cpu.vendor;
    machine.family = cpu.family;
    machine.model = cpu.model;
    for (const simd_level level : supported_simd_levels()) machine.simd.emplace_back(simd_level_name(level));
    if (options.method == prime_method::trial) {
        const std::uint64_t largest =
            options.numbers.empty() ? 0 : *std::max_element(options.numbers.begin(), options.numbers.end());
        if (largest >= measure_kernels_from) (void)trial_kernel_for(largest);
        const kernel_in_use kernel = trial_kernel_in_use();
        machine.kernel = std::string{kernel.kernel->name};
        machine.kernel_choice = std::string{kernel_choice_name(kernel.choice)};
    }
    return machine;
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
    summary.machine = this_machine(options);
    std::vector<bench_step> steps = plan_steps(options, summary);
    // Warn before measuring, so a person sees why the last rows will not improve.
    err.write(format_bench_warnings(summary));
    err.flush();

    latched_signal.store(0, std::memory_order_relaxed);
    const sys::signal_handlers latch{{SIGINT, latch_signal, false}, {SIGTERM, latch_signal, false}};
    int interrupt = 0;
    std::vector<double> longest_sequential;
    std::vector<double> longest_any;
    const auto bench_start = clock::now();
    // Rounds, not blocks: each round runs every configuration once. On a shared machine a
    // neighbour's burst of load then lands on every row alike instead of on a few rows.
    for (unsigned round = 0; round < options.warmup + options.runs && interrupt == 0; ++round) {
        const bool warming = round < options.warmup;
        for (std::size_t index = 0; index < steps.size() && interrupt == 0; ++index) {
            if (options.progress) {
                const bench_progress progress{warming, warming ? round + 1 : round - options.warmup + 1,
                                              warming ? options.warmup : options.runs, steps[index].label, index + 1,
                                              steps.size(), std::chrono::duration<double>(clock::now() - bench_start).count()};
                // Fitted to the terminal as the spinner's line is: a line that wraps leaves a row
                // behind at every update, since \r only returns to the start of the last row.
                const auto columns = sys::terminal_columns(STDERR_FILENO);
                err.write("\r\033[K" + bench_progress_line(progress, columns.value_or(80)));
                err.flush();
            }
            sys::forget_caught_signals();
            const measured_run run = steps[index].run();
            if (run.ending == pool_ending::interrupted) interrupt = run.signal;
            for (const int signal : {SIGINT, SIGTERM}) {
                if (interrupt == 0 && sys::was_caught(signal)) interrupt = signal;
            }
            if (interrupt == 0) interrupt = latched_signal.load(std::memory_order_relaxed);
            if (interrupt != 0) break;
            if (run.ending != pool_ending::complete) {
                if (options.progress) err.write("\r\033[K");
                err.write(fmt::format("concur: {} while measuring {}; nothing exported\n",
                                      run.lost.empty() ? "a worker was lost" : run.lost, steps[index].label));
                return exit_status::worker_lost;
            }
            if (warming) continue;
            steps[index].times->push_back(run.wall);
            if (bench_row* row = steps[index].row) {
                row->user_times.push_back(run.user);
                row->system_times.push_back(run.system);
                longest_any.push_back(run.longest_check);
                if (row->model == "sequential") longest_sequential.push_back(run.longest_check);
            }
        }
    }
    if (options.progress) {
        err.write("\r\033[K");
        err.flush();
    }
    if (interrupt != 0) {
        // Only whole rounds count: a round cut short would leave some rows one run ahead.
        summary.interrupted_by = sys::signal_name(interrupt);
        const unsigned rounds = summary.rounds_finished();
        for (bench_row& row : summary.rows) {
            row.times.resize(rounds);
            row.user_times.resize(rounds);
            row.system_times.resize(rounds);
        }
        for (ceiling_row& ceiling : summary.ceilings) ceiling.times.resize(rounds);
    }
    // The floor from the sequential runs when there are some: alone on a CPU, a check runs
    // at full speed; in a pool, workers may share a CPU and stretch it.
    summary.floor = describe_samples(longest_sequential.empty() ? longest_any : longest_sequential).median;
    compute_bench_figures(summary);

    out.write(format_bench_table(summary, options.columns.value_or(80)));
    out.flush();
    for (const export_file& file : exports) {
        sys::write_all(file.fd.get(), file.render(summary), fmt::format("'{}'", file.path));
    }
    if (interrupt != 0) {
        err.write(fmt::format("concur: bench interrupted by {} after {} of {} rounds; {}\n", summary.interrupted_by,
                              summary.rounds_finished(), summary.runs,
                              exports.empty() ? "the table shows those" : "the table and the exports show those"));
        return exit_status::interrupted_by(interrupt);
    }
    return exit_status::success;
}

}  // namespace concur
