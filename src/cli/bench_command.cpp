// concur bench: its options, and the call to the models bench.
#include "commands.hpp"
#include "exit_statuses.hpp"
#include "option_checks.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/model_list.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/core/worker_counts.hpp"
#include "concur/demos/models_bench.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/sys/cpu_count.hpp"
#include "concur/sys/terminal.hpp"

#include <fmt/format.h>

#include <array>
#include <deque>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace concur::cli {
namespace {

struct bench_arguments {
    std::string models = "sequential,thread,process,coroutine";
    std::string method = "trial-simple";
    std::string worker_counts;  // empty: default_worker_sweep, past the CPUs
    std::string numbers = "book";
    unsigned runs = 5;
    unsigned warmup = 1;
    std::string export_json;
    std::string export_csv;
    std::string export_markdown;
    std::string export_svg;
};

constexpr std::array<command_status, 6> bench_statuses{{
    {exit_status::success, ""},
    {exit_status::failure, "pipes, processes, an export file, writing the output"},
    {exit_status::usage, "nothing started"},
    {exit_status::worker_lost, "while measuring; nothing exported"},
    {exit_status::interrupted_by(SIGINT), "the rounds finished are printed and exported, marked incomplete"},
    {exit_status::output_closed, ""},
}};

/// The numbers every run checks: a built-in list, or standard input read once, before
/// measuring, so that every run checks the same numbers from memory.
void choose_numbers(const bench_arguments& args, bench_options& options) {
    if (args.numbers != "-") {
        options.numbers_label = args.numbers;
        for (const known_number& known : args.numbers == "seed" ? seed_numbers() : book_numbers()) {
            options.numbers.push_back(known.value);
        }
        return;
    }
    options.numbers_label = "standard input";
    stream_source source{STDIN_FILENO};
    std::deque<std::uint64_t> numbers;
    while (source.read_more(numbers)) {}
    // Nothing to check would time only starting and stopping workers, and call it a speedup.
    if (numbers.empty()) {
        throw usage_error("--numbers: " + refuse_value(args.numbers, "a list of numbers here: standard input held none",
                                                       "seed, book, or - with at least one number on standard input"));
    }
    options.numbers.assign(numbers.begin(), numbers.end());
}

/// Two exports into one file would leave only the last one written: refused before anything
/// starts, whether the paths are spelled alike or not (./a.svg and a.svg, a link and its target).
void refuse_shared_export_files(const bench_arguments& args) {
    const std::array<std::pair<std::string_view, const std::string*>, 4> exports{{{"--export-json", &args.export_json},
                                                                               {"--export-csv", &args.export_csv},
                                                                               {"--export-markdown", &args.export_markdown},
                                                                               {"--export-svg", &args.export_svg}}};
    // Made absolute first: libstdc++'s weakly_canonical leaves a relative path whose first
    // part does not exist as it is, so "./a.svg" and "a.svg" would differ.
    const auto resolved = [](const std::string& path) {
        std::error_code error;
        const std::filesystem::path absolute = std::filesystem::absolute(path, error);
        if (error) return std::filesystem::path{path}.lexically_normal();
        const std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, error);
        return error ? absolute.lexically_normal() : canonical;
    };
    const auto same_file = [&](const std::string& a, const std::string& b) {
        std::error_code error;
        if (std::filesystem::equivalent(a, b, error)) return true;  // both exist: one inode
        return resolved(a) == resolved(b);
    };
    for (std::size_t later = 1; later < exports.size(); ++later) {
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
            const auto& [name, path] = exports[later];
            const auto& [other_name, other_path] = exports[earlier];
            if (path->empty() || other_path->empty() || !same_file(*path, *other_path)) continue;
            throw usage_error(fmt::format("{}: {}", name,
                                          refuse_value(*path, fmt::format("a file of its own ({} writes it too)", other_name),
                                                       "a different file for each export")));
        }
    }
}

int run_bench_command(const bench_arguments& args, output_sink& out, output_sink& err) {
    // Each value was checked as it was parsed (see setup_bench); what needs several values
    // together, the environment and standard input are checked here, before anything starts.
    refuse_shared_export_files(args);
    refuse_bad_kernel_variable();
    bench_options options;
    options.models = parse_model_list(args.models);
    options.method = find_prime_method(args.method).value_or(prime_method::trial_simple);
    options.worker_counts = args.worker_counts.empty() ? default_worker_sweep(sys::usable_cpu_count())
                                                       : parse_worker_counts(args.worker_counts);
    options.runs = args.runs;
    options.warmup = args.warmup;
    options.export_json = args.export_json;
    options.export_csv = args.export_csv;
    options.export_markdown = args.export_markdown;
    options.export_svg = args.export_svg;
    // The same test as spin's frames: a terminal, and not TERM=dumb (a CI log, Emacs' shell).
    options.progress = sys::can_animate(STDERR_FILENO);
    options.columns = sys::terminal_columns(STDOUT_FILENO);  // the table fits the terminal it is printed on
    choose_numbers(args, options);
    return run_bench(options, out, err);
}

}  // namespace

command setup_bench(CLI::App& app) {
    const auto args = std::make_shared<bench_arguments>();
    CLI::App* bench = app.add_subcommand(
        "bench",
        "Time whole primes runs for each model and worker count (the book's run_procs.sh and its "
        "notebook): a table of median, min and max wall time, speedup against the sequential median "
        "beside the machine's ceiling (as many one-worker runs side by side, with no pool), and "
        "efficiency, with optional JSON, CSV, Markdown and SVG exports (each to a FILE, not -: the "
        "table already goes to standard output; two exports never share a file).");
    bench->add_option("--models", args->models,
                      "Comma-separated models to measure, each once: sequential, thread, process, coroutine")
        ->type_name("{" + join(model_names(), ",") + "},...")
        ->capture_default_str()
        ->check(parsed_by(model_list_allowed(), [](std::string_view text) { (void)parse_model_list(text); }));
    add_choice(*bench, "--method", args->method, "a method", method_names(),
               "How each number is checked, as in primes --method. The default is the book's slow "
               "loop, so that the checks outweigh starting and feeding workers and the models' "
               "differences show");
    bench->add_option("--procs", args->worker_counts,
                      fmt::format("Worker counts for thread and process: a range 1..8 or a list 1,2,4, each 1 to "
                                  "{} (default: past the CPUs this process may use, to show where parallelism "
                                  "saturates; here {}); sequential and coroutine run once",
                                  max_workers, describe_worker_counts(default_worker_sweep(sys::usable_cpu_count()))))
        ->type_name("COUNTS")
        ->check(parsed_by(worker_counts_allowed(), [](std::string_view text) { (void)parse_worker_counts(text); }));
    add_choice(*bench, "--numbers", args->numbers, "a list of numbers", {"seed", "book", "-"},
               "What every run checks:\n"
               "seed = the first 5 numbers of the book's fixture;\n"
               "book = Fluent Python's whole 20-number fixture;\n"
               "- = numbers read once from standard input (at least one)");
    add_count(*bench, "--runs", args->runs, "a run count", 1, 1000, "Measured runs per configuration, 1 to 1000")
        ->capture_default_str();
    add_count(*bench, "--warmup", args->warmup, "a warm-up run count", 0, 100, "Runs before those, not counted, 0 to 100")
        ->capture_default_str();
    const auto add_export = [&](const std::string& name, std::string& path, const std::string& description) {
        bench->add_option(name, path, description)
            ->type_name("FILE")
            ->check(output_file("an export file", "the table and its figures"));
    };
    add_export("--export-json", args->export_json, "Write the results as JSON in hyperfine's layout");
    add_export("--export-csv", args->export_csv, "Write the results as CSV");
    add_export("--export-markdown", args->export_markdown, "Write the table as Markdown");
    add_export("--export-svg", args->export_svg,
               "Write a chart of speedup against workers per model, with whiskers, the ideal and the ceiling, "
               "as SVG");
    bench->footer(exit_status_section(bench_statuses,
                                      "The table goes to stdout, warnings and progress to stderr. CONCUR_KERNEL=NAME "
                                      "forces --method=trial's vector kernel (for tests and benchmarks); the table "
                                      "names the one used."));
    return {bench, [args](output_sink& out, output_sink& err) { return run_bench_command(*args, out, err); }};
}

}  // namespace concur::cli
