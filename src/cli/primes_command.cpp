// concur primes: its options, and the call to the primes demo.
#include "commands.hpp"
#include "exit_statuses.hpp"
#include "option_checks.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/core/progress_mode.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/demos/primes_mpi.hpp"
#include "concur/demos/primes_pool.hpp"

#include <fmt/format.h>

#include <array>
#include <memory>

namespace concur::cli {
namespace {

struct primes_arguments {
    std::string model = "process";
    unsigned workers = default_worker_count();
    std::string job_log;
    std::string numbers_set = "seed";
    std::vector<std::string> numbers;
    std::string input;
    bool json = false;
    std::string method = "trial";
    unsigned retries = 0;
    std::string progress = "auto";
    bool keep_order = false;
};

constexpr std::array<command_status, 6> primes_statuses{{
    {exit_status::success, ""},
    {exit_status::failure, "pipes, processes, the job log, writing the output"},
    {exit_status::usage, "bad arguments (nothing started), or a bad number on standard input (no summary line)"},
    {exit_status::worker_lost, "the numbers it did not answer are listed"},
    {exit_status::interrupted_by(SIGINT), ""},
    {exit_status::output_closed, ""},
}};

/// The numbers to check: NUMBER arguments, a lone "-" for standard input, or a built-in list.
void choose_numbers(const primes_arguments& args, primes_options& options) {
    if (!args.input.empty()) {
        options.from_stdin = true;
        options.input_path = args.input;
        return;
    }
    if (args.numbers.size() == 1 && args.numbers.front() == "-") {
        options.from_stdin = true;
        return;
    }
    for (const std::string& text : args.numbers) {
        if (text == "-") {
            throw usage_error("NUMBER: " + refuse_value(text, "usable with other NUMBERs",
                                                        "a lone - (standard input) or numbers, not both"));
        }
        const auto value = parse_decimal_u64(text);
        if (!value) throw usage_error(fmt::format("NUMBER: {}", describe_bad_number(text)));
        options.numbers.push_back(*value);
    }
    if (!args.numbers.empty()) return;
    for (const known_number& known : args.numbers_set == "book" ? book_numbers() : seed_numbers()) {
        options.numbers.push_back(known.value);
    }
}

/// The MPI model's workers are the ranks mpiexec started (their count is its -n), and MPI
/// ends the whole job when a rank dies: what sizes or replaces the other pools' workers does
/// not apply to it.
void refuse_worker_options_for_mpi(const primes_arguments& args, bool procs_given) {
    if (args.model != "mpi") return;
    if (procs_given) {
        throw usage_error("--procs: " + refuse_value(fmt::format("{}", args.workers), "used by --model=mpi",
                                                     fmt::format("mpiexec -n {} for {} worker ranks (rank 0 runs the pool)",
                                                                 args.workers + 1, args.workers)));
    }
    if (args.retries > 0) {
        throw usage_error("--retries: " + refuse_value(fmt::format("{}", args.retries), "used by --model=mpi",
                                                       "0 (MPI ends the whole job when a rank dies)"));
    }
}

/// Every value checked, the numbers chosen: what run_primes needs. Throws usage_error.
primes_options make_primes_options(const primes_arguments& args, bool procs_given) {
    // The options were checked as they were parsed (see setup_primes); NUMBER and the
    // environment are checked here, before anything starts.
    refuse_bad_kernel_variable();
    refuse_worker_options_for_mpi(args, procs_given);
    primes_options options;
    options.model = parse_execution_model(args.model).value_or(execution_model::process);
    // Resolved once here and handed down as is: a model without workers runs one check at a
    // time, whatever --procs says, and its report says 1.
    options.workers = model_uses_workers(options.model) ? args.workers : 1U;
    options.job_log_path = args.job_log;
    options.retries = args.retries;
    options.json = args.json;
    options.keep_order = args.keep_order;
    options.method = find_prime_method(args.method).value_or(prime_method::trial);
    options.progress = find_progress_mode(args.progress).value_or(progress_mode::automatic);
    choose_numbers(args, options);
    return options;
}

int run_primes_command(const primes_arguments& args, bool procs_given, output_sink& out, output_sink& err) {
    // Every rank of an MPI job runs this same command line: the ranks join first, so that only
    // rank 0 reports a bad argument (run_primes_on_mpi).
    if (args.model == "mpi") {
        return run_primes_on_mpi([&] { return make_primes_options(args, procs_given); }, out, err);
    }
    return run_primes(make_primes_options(args, procs_given), out, err);
}

}  // namespace

command setup_primes(CLI::App& app) {
    // Shared with the run function: CLI11 writes the values in while parsing (as in CLI11's
    // subcom_in_files example).
    const auto args = std::make_shared<primes_arguments>();
    CLI::App* primes = app.add_subcommand(
        "primes",
        "Check numbers for primality in a pool of worker processes fed through pipes (the "
        "processor pool of Fluent Python's chapter 19), or with another execution model (--model). "
        "Each result is printed as it arrives: the number, P if it is prime, and the time its check took.");
    add_choice(*primes, "--model", args->model, "a model", model_names(),
               "How to run the checks:\n"
               "process = a pool of forked workers and pipes;\n"
               "thread = the same pool with std::thread workers and in-memory queues;\n"
               "sequential = a plain loop on one thread;\n"
               "coroutine = one task per number on concur's event loop (one check at a time on one "
               "thread: no faster than sequential);\n"
               "mpi = the pool across machines: run under an MPI launcher, as in 'mpiexec -n 3 concur "
               "primes --model=mpi', rank 0 runs the pool and the other ranks are its workers");
    CLI::Option* procs = add_count(
        *primes, "--procs", args->workers, "a worker count", 1, max_workers,
        fmt::format("Workers for the thread and process models, 1 to {} (default: the CPUs this "
                    "process may use, here {}); the sequential and coroutine models accept and ignore it; "
                    "not with mpi, whose workers are the ranks mpiexec starts",
                    max_workers, default_worker_count()));
    primes->add_option("--joblog", args->job_log,
                       "Also write one tab-separated line per number to FILE (like GNU parallel's): seq, "
                       "worker, its pid or tid, start (seconds after the run began), elapsed, number, result. "
                       "FILE may not be - (the results already go to standard output)")
        ->type_name("FILE")
        ->check(output_file("a job log file", "the results"));
    CLI::Option* set = add_choice(*primes, "--numbers", args->numbers_set, "a built-in list", {"seed", "book"},
                                  "Which list to check when no NUMBER is given:\n"
                                  "seed = the first 5 numbers of the book's fixture;\n"
                                  "book = Fluent Python's whole 20-number fixture");
    add_choice(*primes, "--method", args->method, "a method", method_names(),
               "How each number is checked (same answers, different speeds):\n"
               "trial = trial division up to the square root, fast (wheel, exact floating point, SIMD);\n"
               "trial-simple = the book's loop, n % i over every odd i;\n"
               "miller-rabin = deterministic Miller-Rabin, microseconds per 64-bit number");
    add_count(*primes, "--retries", args->retries, "a retry count", 0, 10,
              "Process model: check a number again on a fresh worker when its worker dies, up to N "
              "times (0 to 10) before it is reported unchecked; the run then exits 0 if every number got an "
              "answer. A worker that dies idle is replaced too, up to N times in a row in its place "
              "(an answer starts the count again), so workers killed as fast as they start cannot "
              "make the pool fork forever. Threads do not die alone: the other models accept it and "
              "have nothing to retry")
        ->capture_default_str();
    add_choice(*primes, "--progress", args->progress, "a progress mode", {"auto", "always", "never"},
               "Live status lines below the results, on standard error, about 10 times a second: what "
               "each worker is checking and how far it has got:\n"
               "auto = when standard error is a terminal and standard output is not a pipe;\n"
               "always = also when standard output is a pipe; plain lines every 2 seconds when "
               "standard error is not a terminal;\n"
               "never = no status lines");
    primes->add_flag("--json", args->json,
                     "Print one JSON document (model, workers, each number with prime, elapsed and worker, "
                     "total time, how the run ended, each worker's busy time) instead of text");
    primes->add_flag("--keep-order", args->keep_order,
                     fmt::format("Print the results in input order, not as they finish (GNU parallel's -k), "
                                 "--json too. Each is printed as soon as the ones before it are: a slow number "
                                 "holds back the ones after it, and once {} finished results wait for it, no "
                                 "new number is handed out until it is done. The sequential and coroutine "
                                 "models check in input order already",
                                 default_held_results_bound));
    primes->add_option("--input", args->input,
                       "Read whitespace-separated numbers from FILE, as a lone - reads standard input; a FIFO "
                       "streams. With --model=mpi, the way to give more than 64 KiB: MPICH's mpiexec forwards "
                       "standard input through a pipe and ends the job when rank 0 falls behind")
        ->type_name("FILE")
        ->excludes(set);
    primes->add_option("NUMBER", args->numbers,
                       "Numbers to check instead of the list, decimal, 0 to 18446744073709551615; a lone - "
                       "reads whitespace-separated numbers from standard input. Not with --numbers or --input")
        ->excludes(set)
        ->excludes("--input");
    primes->footer(exit_status_section(primes_statuses,
                                       "Results go to stdout, diagnostics to stderr. CONCUR_KERNEL=NAME forces "
                                       "--method=trial's vector kernel (for tests and benchmarks); --json names the "
                                       "one used."));
    return {primes, [args, procs](output_sink& out, output_sink& err) {
                return run_primes_command(*args, procs->count() > 0, out, err);
            }};
}

}  // namespace concur::cli
