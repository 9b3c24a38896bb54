// The command line: CLI11 wiring for every subcommand. CLI11 is slow to compile, so it is
// included here and nowhere else.
#include "concur/cli/cli.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/core/worker_counts.hpp"
#include "concur/demos/models_bench.hpp"
#include "concur/demos/primes_pool.hpp"
#include "concur/demos/spin.hpp"
#include "concur/demos/unit_cost.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/sys/cpu_count.hpp"
#include "concur/sys/fd_sink.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <system_error>
#include <unistd.h>

namespace concur {
namespace {

constexpr const char* version_text = "concur " CONCUR_VERSION;

constexpr const char* exit_status_footer =
    "Exit status: 0 done, 2 usage error, 3 a worker was lost, 130/143 interrupted by\n"
    "SIGINT/SIGTERM, 141 standard output closed by its reader, 1 the system refused\n"
    "(pipes, processes, writing the output). Results go to stdout, diagnostics to stderr.";

/// A whole number within [low, high], parsed strictly: CLI11 2.1 reads "-1" as a huge
/// unsigned and "0x10" as 16, so counts are taken as text and checked here.
unsigned parse_count(std::string_view option, const std::string& text, unsigned low, unsigned high) {
    const auto value = parse_decimal_u64(text);
    if (!value || *value < low || *value > high) {
        throw usage_error(fmt::format("{}: {} is not a whole number from {} to {}", option, quote_value(text), low, high));
    }
    return static_cast<unsigned>(*value);
}

// --- concur primes ---------------------------------------------------------------------

struct primes_arguments {
    std::string model = "process";
    std::string job_log;
    std::string procs;
    std::string numbers_set = "seed";
    std::vector<std::string> numbers;
    bool json = false;
    std::string method = "trial";
    std::string retries = "0";
};

void setup_primes(CLI::App& app, primes_arguments& args) {
    auto* primes = app.add_subcommand(
        "primes",
        "Check numbers for primality in a pool of worker processes fed through pipes\n"
        "(the seed's processor pool), or with another execution model (--model).\n"
        "Each result is printed as it arrives: the number, P if it is prime, and the\n"
        "time its check took.");
    primes->add_option("--model", args.model,
                       "How to run the checks: process = a pool of forked workers and pipes,\n"
                       "thread = the same pool with std::thread workers and in-memory queues,\n"
                       "sequential = a plain loop on one thread, coroutine = one task per number on\n"
                       "concur's event loop (one check at a time on one thread: no faster than sequential)")
        ->type_name("MODEL")
        ->capture_default_str();
    primes->add_option("--procs", args.procs,
                       fmt::format("Workers for the thread and process models, 1 to 512 (default: the CPUs\n"
                                   "this process may use, here {});\n"
                                   "the sequential and coroutine models accept and ignore it",
                                   sys::usable_cpu_count()))
        ->type_name("N");
    primes->add_option("--joblog", args.job_log,
                       "Also write one tab-separated line per number to FILE (like GNU parallel's):\n"
                       "seq, worker, its pid or tid, start (seconds after the run began), elapsed, number, result")
        ->type_name("FILE");
    auto* set = primes->add_option("--numbers", args.numbers_set,
                                   "Which list to check when no NUMBER is given:\n"
                                   "seed = the seed's 5 numbers, book = Fluent Python's 20-number fixture")
                    ->check(CLI::IsMember({"seed", "book"}))
                    ->capture_default_str();
    std::vector<std::string> method_names;
    for (const prime_method_info& method : prime_methods()) method_names.emplace_back(method.name);
    primes->add_option("--method", args.method,
                       "How each number is checked (same answers, different speeds):\n"
                       "trial = trial division up to the square root, fast (wheel, exact floating\n"
                       "point, SIMD); trial-simple = the seed's loop, n % i over every odd i;\n"
                       "miller-rabin = deterministic Miller-Rabin, microseconds per 64-bit number")
        ->check(CLI::IsMember(method_names))
        ->capture_default_str();
    primes->add_option("--retries", args.retries,
                       "Process model: check a number again on a fresh worker when its worker dies,\n"
                       "up to N times (0 to 10) before it is reported unchecked; the run then exits 0\n"
                       "if every number got an answer. Threads do not die alone: the other models\n"
                       "accept it and have nothing to retry")
        ->type_name("N")
        ->capture_default_str();
    primes->add_flag("--json", args.json,
                     "Print one JSON document (model, workers, each number with prime, elapsed and\n"
                     "worker, total time, how the run ended, each worker's busy time) instead of text");
    primes->add_option("NUMBER", args.numbers,
                       "Numbers to check instead of the list, decimal, 0 to 18446744073709551615;\n"
                       "a lone - reads whitespace-separated numbers from standard input")
        ->excludes(set);
    primes->footer(exit_status_footer);
}

primes_options make_primes_options(const primes_arguments& args) {
    primes_options options;
    const auto model = parse_execution_model(args.model);
    if (!model) {
        throw usage_error(fmt::format("--model: '{}' is not a model; the models are: {}", args.model,
                                      model_names_list()));
    }
    options.model = *model;
    options.job_log_path = args.job_log;
    options.workers = args.procs.empty() ? std::min(sys::usable_cpu_count(), 512U)
                                         : parse_count("--procs", args.procs, 1, 512);
    options.retries = parse_count("--retries", args.retries, 0, 10);
    options.json = args.json;
    options.method = find_prime_method(args.method).value_or(prime_method::trial);  // checked by IsMember
    if (args.numbers.size() == 1 && args.numbers.front() == "-") {
        options.from_stdin = true;
        return options;
    }
    if (!args.numbers.empty()) {
        for (const std::string& text : args.numbers) {
            if (text == "-") throw usage_error("NUMBER: '-' (standard input) must be the only NUMBER");
            const auto value = parse_decimal_u64(text);
            if (!value) throw usage_error(fmt::format("NUMBER: {}", describe_bad_number(text)));
            options.numbers.push_back(*value);
        }
        return options;
    }
    for (const known_number& known : args.numbers_set == "book" ? book_numbers() : seed_numbers()) {
        options.numbers.push_back(known.value);
    }
    return options;
}

// --- concur spin -----------------------------------------------------------------------

struct spin_arguments {
    std::string model = "thread";
    std::string work = "sleep";
    std::string seconds;
    std::string number;
    std::string nap;
    std::string message = "thinking!";
    bool stats = false;
    bool json = false;
};

void setup_spin(CLI::App& app, spin_arguments& args) {
    auto* spin = app.add_subcommand(
        "spin",
        "The seed's concurrent hello world: a spinner turns on stderr while slow work runs,\n"
        "in a thread, a child process or a coroutine on concur's own event loop. Prints\n"
        "'spinner object: ...' and the answer. Frames are drawn only when stderr is a\n"
        "terminal and TERM is not dumb.");
    spin->add_option("--model", args.model,
                     "Who runs the spinner: thread (std::thread + event), process (fork + an event in\n"
                     "shared memory), coroutine (a task on concur's single-threaded event loop)")
        ->check(CLI::IsMember({"thread", "process", "coroutine"}))
        ->capture_default_str();
    spin->add_option("--work", args.work,
                     "The slow work: sleep (the model's own way: a coroutine awaits), block (a blocking\n"
                     "sleep: freezes the coroutine's spinner), prime (is_prime(--number): freezes it too)")
        ->check(CLI::IsMember({"sleep", "block", "prime"}))
        ->capture_default_str();
    spin->add_option("--seconds", args.seconds, "How long sleep and block last, 0 to 3600 (default: 2)")
        ->type_name("S");
    spin->add_option("--number", args.number,
                     "The number --work=prime checks (default: 4000000000000000037, a prime that\n"
                     "is_prime takes about 2 s to check on one core of a 2-core AMD EPYC VM)")
        ->type_name("N");
    spin->add_option("--nap", args.nap,
                     "With --model=coroutine --work=prime: yield to the event loop every K divisors,\n"
                     "1 to 1000000000, so the spinner turns (at a cost in speed)")
        ->type_name("K");
    spin->add_option("--message", args.message, "What the spinner says")->capture_default_str();
    spin->add_flag("--stats", args.stats,
                   "After the answer: frames drawn, the longest gap between frames, the work's wall\n"
                   "time and the CPU time used (counted even when no frame is shown)");
    spin->add_flag("--json", args.json, "Print the same facts as one JSON document instead of text");
    spin->footer(exit_status_footer);
}

/// Seconds as plain decimal text ("2", "0.25"): no sign, exponent, inf or nan.
std::chrono::nanoseconds parse_seconds(const std::string& text) {
    const auto bad = [&] {
        return usage_error(fmt::format("--seconds: '{}' is not a number of seconds from 0 to 3600", text));
    };
    const auto dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    const auto all_digits = [](const std::string& part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || !all_digits(whole) || !all_digits(fraction) || (dot != std::string::npos && fraction.empty()) ||
        whole.size() > 4 || fraction.size() > 9) {
        throw bad();
    }
    const auto seconds = std::stoll(whole);
    const auto nanoseconds = fraction.empty() ? 0LL : std::stoll((fraction + "000000000").substr(0, 9));
    if (seconds > 3600 || (seconds == 3600 && nanoseconds > 0)) throw bad();
    return std::chrono::seconds{seconds} + std::chrono::nanoseconds{nanoseconds};
}

spin_options make_spin_options(const spin_arguments& args) {
    spin_options options;
    options.model = args.model == "process" ? spin_model::process
                    : args.model == "coroutine" ? spin_model::coroutine
                                                : spin_model::thread;
    options.work = args.work == "block"   ? spin_work::block
                   : args.work == "prime" ? spin_work::prime
                                          : spin_work::sleep;
    if (!args.seconds.empty()) {
        if (options.work == spin_work::prime) {
            throw usage_error("--seconds: only sleep and block work last a given time; --work=prime checks --number");
        }
        options.duration = parse_seconds(args.seconds);
    }
    if (!args.number.empty()) {
        if (options.work != spin_work::prime) throw usage_error("--number: only --work=prime checks a number");
        const auto value = parse_decimal_u64(args.number);
        if (!value) throw usage_error(fmt::format("--number: {}", describe_bad_number(args.number)));
        options.number = *value;
    }
    if (!args.nap.empty()) {
        options.nap = parse_count("--nap", args.nap, 1, 1'000'000'000);
        if (options.model != spin_model::coroutine || options.work != spin_work::prime) {
            throw usage_error("--nap: only --model=coroutine --work=prime can nap (the others never freeze)");
        }
    }
    const bool printable = std::all_of(args.message.begin(), args.message.end(),
                                       [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
    if (!printable || args.message.size() > 200) {
        throw usage_error("--message: must be at most 200 characters, without control characters");
    }
    options.message = args.message;
    options.stats = args.stats;
    options.json = args.json;
    return options;
}

// --- concur bench ----------------------------------------------------------------------

struct bench_arguments {
    std::string models = "sequential,thread,process,coroutine";
    std::string method = "trial-simple";
    std::string procs;
    std::string numbers = "book";
    std::string runs = "5";
    std::string warmup = "1";
    std::string export_json;
    std::string export_csv;
    std::string export_markdown;
    std::string export_svg;
};

void setup_bench(CLI::App& app, bench_arguments& args) {
    auto* bench = app.add_subcommand(
        "bench",
        "Time whole primes runs for each model and worker count (the book's run_procs.sh\n"
        "and its notebook): a table of median, min and max wall time, speedup against the\n"
        "sequential median and efficiency, with optional JSON, CSV, Markdown and SVG exports.");
    bench->add_option("--models", args.models,
                      "Comma-separated models to measure: sequential, thread, process, coroutine")
        ->type_name("LIST")
        ->capture_default_str();
    std::vector<std::string> method_names;
    for (const prime_method_info& method : prime_methods()) method_names.emplace_back(method.name);
    bench->add_option("--method", args.method,
                      "How each number is checked, as in primes --method: trial, trial-simple,\n"
                      "miller-rabin. The default is the seed's slow loop, so that the checks\n"
                      "outweigh starting and feeding workers and the models' differences show")
        ->check(CLI::IsMember(method_names))
        ->capture_default_str();
    bench->add_option("--procs", args.procs,
                      fmt::format("Worker counts for thread and process: a range 1..8 or a list 1,2,4, each 1 to 512\n"
                                  "(default: 1..{}, the CPUs this process may use); sequential and coroutine run once",
                                  sys::usable_cpu_count()))
        ->type_name("COUNTS");
    bench->add_option("--numbers", args.numbers,
                      "What every run checks: seed = the seed's 5 numbers, book = Fluent Python's\n"
                      "20-number fixture, - = numbers read once from standard input")
        ->check(CLI::IsMember({"seed", "book", "-"}))
        ->capture_default_str();
    bench->add_option("--runs", args.runs, "Measured runs per configuration, 1 to 1000")
        ->type_name("N")
        ->capture_default_str();
    bench->add_option("--warmup", args.warmup, "Runs before those, not counted, 0 to 100")
        ->type_name("N")
        ->capture_default_str();
    bench->add_option("--export-json", args.export_json, "Write the results as JSON in hyperfine's layout")
        ->type_name("FILE");
    bench->add_option("--export-csv", args.export_csv, "Write the results as CSV")->type_name("FILE");
    bench->add_option("--export-markdown", args.export_markdown, "Write the table as Markdown")->type_name("FILE");
    bench->add_option("--export-svg", args.export_svg,
                      "Write a chart of speedup against workers per model, with the ideal line, as SVG")
        ->type_name("FILE");
    bench->footer(exit_status_footer);
}

std::vector<execution_model> parse_model_list(const std::string& text) {
    std::vector<execution_model> models;
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto model = parse_execution_model(name);
        if (!model) {
            throw usage_error(fmt::format("--models: '{}' is not a model; give a comma-separated list of: {}",
                                          name, model_names_list()));
        }
        if (std::find(models.begin(), models.end(), *model) == models.end()) models.push_back(*model);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return models;
}

bench_options make_bench_options(const bench_arguments& args) {
    bench_options options;
    options.models = parse_model_list(args.models);
    options.method = find_prime_method(args.method).value_or(prime_method::trial_simple);  // checked by IsMember
    options.worker_counts =
        parse_worker_counts(args.procs.empty() ? fmt::format("1..{}", std::min(sys::usable_cpu_count(), 512U))
                                               : args.procs);
    options.runs = parse_count("--runs", args.runs, 1, 1000);
    options.warmup = parse_count("--warmup", args.warmup, 0, 100);
    options.export_json = args.export_json;
    options.export_csv = args.export_csv;
    options.export_markdown = args.export_markdown;
    options.export_svg = args.export_svg;
    options.progress = ::isatty(STDERR_FILENO) == 1;
    if (args.numbers == "-") {
        // Read once, before measuring: every run then checks the same numbers from memory.
        options.numbers_label = "standard input";
        stream_source source{STDIN_FILENO};
        std::deque<std::uint64_t> numbers;
        while (source.read_more(numbers)) {}
        options.numbers.assign(numbers.begin(), numbers.end());
        return options;
    }
    options.numbers_label = args.numbers;
    for (const known_number& known : args.numbers == "seed" ? seed_numbers() : book_numbers()) {
        options.numbers.push_back(known.value);
    }
    return options;
}

// --- concur cost -----------------------------------------------------------------------

struct cost_arguments {
    std::string count = "1000";
    bool json = false;
};

void setup_cost(CLI::App& app, cost_arguments& args) {
    auto* cost = app.add_subcommand(
        "cost",
        "Measure what each execution unit costs, now, on this machine: start and finish one\n"
        "(thread create + join, fork + _exit + waitpid, spawn + await a coroutine task), one\n"
        "message round trip (mutex + condition variable, pipes, async_events on the event loop),\n"
        "and the memory an idle one holds. Each figure is a median, with its ratio to the\n"
        "coroutine figure of the same kind.");
    cost->add_option("--count", args.count,
                     "Repetitions per timing and threads parked, 10 to 100000 (children parked: count / 50;\n"
                     "coroutine tasks suspended: 100 * count, at most 1000000)")
        ->type_name("N")
        ->capture_default_str();
    cost->add_flag("--json", args.json, "Print one JSON document instead of the table");
    cost->footer(exit_status_footer);
}

cost_options make_cost_options(const cost_arguments& args) {
    return {parse_count("--count", args.count, 10, 100000), args.json};
}

// --- errors ----------------------------------------------------------------------------

std::string command_list(const CLI::App& app) {
    std::string commands;
    for (const CLI::App* command : app.get_subcommands({})) {
        commands += (commands.empty() ? "" : ", ") + command->get_name();
    }
    return commands;
}

/// CLI11's messages, made to name what is allowed where they do not.
std::string explain_parse_error(const CLI::App& app, const CLI::ParseError& error) {
    std::string message = error.what();
    std::string help = "concur --help";
    for (const CLI::App* command : app.get_subcommands()) help = "concur " + command->get_name() + " --help";
    if (app.get_subcommands().empty() && dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        message = "a command is required: " + command_list(app);
    } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        // "--procs: 1 required N missing" for `--procs=`: say it plainly. The same error
        // class says "At Most 1 required but received 2" for an option given twice.
        const bool repeated = message.find("At Most") != std::string::npos;
        message = message.substr(0, message.find(':')) +
                  (repeated ? ": given more than once; give it once" : ": a value is required");
    } else if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
        message = "--numbers chooses a built-in list and NUMBER arguments replace it: give one or the other";
    }
    return fmt::format("{} (see '{}')", message, help);
}

/// CLI11 answers an unknown command with "A subcommand is required", which does not say
/// which word was wrong; check the first word ourselves.
void check_command_name(const CLI::App& app, int argc, const char* const* argv) {
    if (argc < 2 || argv[1][0] == '-') return;
    const std::string word = argv[1];
    for (const CLI::App* command : app.get_subcommands({})) {
        if (command->get_name() == word) return;
    }
    throw usage_error(fmt::format("{} is not a command; the commands are: {} (see 'concur --help')",
                                  quote_value(word), command_list(app)));
}

}  // namespace

int run_cli(int argc, const char* const* argv) {
    // A closed stdout must be an error we can handle (EPIPE), not a silent death by SIGPIPE
    // that would leave the workers to PR_SET_PDEATHSIG and skip every message.
    std::signal(SIGPIPE, SIG_IGN);
    sys::fd_sink out{STDOUT_FILENO, "standard output"};
    sys::fd_sink err{STDERR_FILENO, "standard error", sys::write_failure::drop};

    CLI::App app{"concur: threads, processes and coroutines side by side.\n"
                 "The C++ companion to Fluent Python's chapter 19 (concurrency models).",
                 "concur"};
    app.set_version_flag("--version", version_text, "Print the version and exit");
    app.require_subcommand(1);
    app.footer(exit_status_footer);
    primes_arguments primes_args;
    setup_primes(app, primes_args);
    spin_arguments spin_args;
    setup_spin(app, spin_args);
    bench_arguments bench_args;
    setup_bench(app, bench_args);
    cost_arguments cost_args;
    setup_cost(app, cost_args);

    try {
        check_command_name(app, argc, argv);
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& error) {
            if (error.get_exit_code() == 0) {  // --help, --version
                return app.exit(error);
            }
            throw usage_error(explain_parse_error(app, error));
        }
        if (app.got_subcommand("primes")) {
            return run_primes(make_primes_options(primes_args), out, err);
        }
        if (app.got_subcommand("spin")) {
            return run_spin(make_spin_options(spin_args), out);
        }
        if (app.got_subcommand("bench")) {
            return run_bench(make_bench_options(bench_args), out, err);
        }
        if (app.got_subcommand("cost")) {
            return run_cost(make_cost_options(cost_args), out, err);
        }
        return exit_status::usage;
    } catch (const usage_error& error) {
        // One line whatever the user typed: CLI11 quotes values raw, newlines included.
        err.write(fmt::format("concur: {}\n", one_line(error.what())));
        return exit_status::usage;
    } catch (const sys::output_closed&) {
        return exit_status::output_closed;  // the reader left: stop quietly, like any filter
    } catch (const std::exception& error) {
        err.write(fmt::format("concur: {}\n", error.what()));
        return exit_status::failure;
    }
}

}  // namespace concur
