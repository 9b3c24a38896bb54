// The command line: CLI11 wiring for every subcommand. CLI11 is slow to compile, so it is
// included here and nowhere else.
#include "concur/cli/cli.hpp"
#include "concur/core/display_width.hpp"

#include "concur/core/execution_model.hpp"
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
#include <functional>
#include <optional>
#include <system_error>
#include <unistd.h>

namespace concur {
namespace {

constexpr const char* version_text = "concur " CONCUR_VERSION;

// `concur --help`'s epilogue: every status any command returns. Each command's own
// epilogue (primes_exit_statuses, ...) lists only those its code paths can return.
constexpr const char* exit_status_footer =
    "Exit status: 0 done, 1 the system refused (pipes, processes, writing the output),\n"
    "2 usage error (nothing started), 3 a worker (or spin's spinner process) was lost,\n"
    "130/143 interrupted by SIGINT/SIGTERM, 141 standard output closed by its reader.\n"
    "Results go to stdout, diagnostics to stderr. Each command's --help lists its own.\n"
    "A flag (--json, --stats) takes no value, an option is given once, and an empty value\n"
    "(--procs=) is refused.";

// --- values: one rule per option -------------------------------------------------------
//
// Every bad value gets the same one-line answer, whichever check finds it:
//   concur: --OPTION: 'VALUE' is not WHAT; allowed: WHAT IS (see 'concur COMMAND --help')
// so every option with a value has a check built here, never CLI11's own (IsMember says
// "fiber not in {...}", unquoted), and CLI11's structural errors are translated below.

/// Joins names with `separator`: {"a", "b"} -> "a, b".
std::string join(const std::vector<std::string>& names, std::string_view separator) {
    std::string joined;
    for (const std::string& name : names) joined += (joined.empty() ? "" : std::string{separator}) + name;
    return joined;
}

/// A CLI11 check from `refusal`, which returns nothing for a good value and else says why
/// not (refuse_value's shape); CLI11 puts "--OPTION: " in front. Help shows no description
/// of it (the option's type name says what it takes). Its name holds `allowed`, read back
/// for the error of a missing value (see explain_parse_error).
CLI::Validator check_with(std::string allowed, std::function<std::string(const std::string&)> refusal) {
    return CLI::Validator{[refusal = std::move(refusal)](std::string& value) { return refusal(value); }, "",
                          std::move(allowed)};
}

/// The usual check: a value is `what` when `accepts` says so.
CLI::Validator rule(std::string what, std::string allowed, std::function<bool(const std::string&)> accepts) {
    return check_with(allowed, [=](const std::string& value) {
        return accepts(value) ? std::string{} : refuse_value(value, what, allowed);
    });
}

/// A whole number within [low, high], parsed strictly: CLI11 2.1 reads "-1" as a huge
/// unsigned and "0x10" as 16, so counts are taken as text and checked here.
CLI::Validator whole_number(std::string what, unsigned low, unsigned high) {
    return rule(std::move(what), fmt::format("a whole number from {} to {}", low, high), [=](const std::string& text) {
        const auto value = parse_decimal_u64(text);
        return value && *value >= low && *value <= high;
    });
}

/// A count its option's whole_number check has accepted.
unsigned checked_count(const std::string& text) { return static_cast<unsigned>(parse_decimal_u64(text).value_or(0)); }

/// An option that takes one of `names`. Help shows them all as {a,b,c}, like no other
/// form, and a refusal lists them: "'fiber' is not a model; allowed: thread, process".
CLI::Option* add_choice(CLI::App& command, const std::string& name, std::string& value, std::string what,
                        const std::vector<std::string>& names, const std::string& description) {
    return command.add_option(name, value, description)
        ->type_name("{" + join(names, ",") + "}")
        ->check(rule(std::move(what), join(names, ", "),
                     [names](const std::string& text) {
                         return std::find(names.begin(), names.end(), text) != names.end();
                     }))
        ->capture_default_str();
}

/// A file concur writes. Not empty, and not "-": it would create a file named "-", while
/// the results already go to standard output.
CLI::Validator output_file(std::string what, std::string_view already_on_stdout) {
    return rule(std::move(what), fmt::format("a file path other than - ({} already go to standard output)",
                                             already_on_stdout),
                [](const std::string& path) { return !path.empty() && path != "-"; });
}

std::vector<std::string> model_names() {
    std::vector<std::string> names;
    for (const execution_model model : all_execution_models()) names.emplace_back(model_name(model));
    return names;
}

std::vector<std::string> method_names() {
    std::vector<std::string> names;
    for (const prime_method_info& method : prime_methods()) names.emplace_back(method.name);
    return names;
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

constexpr const char* primes_exit_statuses =
    "Exit status: 0 done, 1 the system refused (pipes, processes, the job log, writing the\n"
    "output), 2 usage error (bad arguments: nothing started; a bad number on standard input:\n"
    "no summary line), 3 a worker process was lost (the numbers it did not answer are listed),\n"
    "130/143 interrupted by SIGINT/SIGTERM, 141 standard output closed by its reader.\n"
    "Results go to stdout, diagnostics to stderr.";

void setup_primes(CLI::App& app, primes_arguments& args) {
    auto* primes = app.add_subcommand(
        "primes",
        "Check numbers for primality in a pool of worker processes fed through pipes\n"
        "(the seed's processor pool), or with another execution model (--model).\n"
        "Each result is printed as it arrives: the number, P if it is prime, and the\n"
        "time its check took.");
    add_choice(*primes, "--model", args.model, "a model", model_names(),
               "How to run the checks: process = a pool of forked workers and pipes,\n"
               "thread = the same pool with std::thread workers and in-memory queues,\n"
               "sequential = a plain loop on one thread, coroutine = one task per number on\n"
               "concur's event loop (one check at a time on one thread: no faster than sequential)");
    primes->add_option("--procs", args.procs,
                       fmt::format("Workers for the thread and process models, 1 to {} (default: the CPUs\n"
                                   "this process may use, here {});\n"
                                   "the sequential and coroutine models accept and ignore it",
                                   max_workers, sys::usable_cpu_count()))
        ->type_name("N")
        ->check(whole_number("a worker count", 1, max_workers));
    primes->add_option("--joblog", args.job_log,
                       "Also write one tab-separated line per number to FILE (like GNU parallel's):\n"
                       "seq, worker, its pid or tid, start (seconds after the run began), elapsed, number, result.\n"
                       "FILE may not be - (the results already go to standard output)")
        ->type_name("FILE")
        ->check(output_file("a job log file", "the results"));
    auto* set = add_choice(*primes, "--numbers", args.numbers_set, "a built-in list", {"seed", "book"},
                           "Which list to check when no NUMBER is given:\n"
                           "seed = the seed's 5 numbers, book = Fluent Python's 20-number fixture");
    add_choice(*primes, "--method", args.method, "a method", method_names(),
               "How each number is checked (same answers, different speeds):\n"
               "trial = trial division up to the square root, fast (wheel, exact floating\n"
               "point, SIMD); trial-simple = the seed's loop, n % i over every odd i;\n"
               "miller-rabin = deterministic Miller-Rabin, microseconds per 64-bit number");
    primes->add_option("--retries", args.retries,
                       "Process model: check a number again on a fresh worker when its worker dies,\n"
                       "up to N times (0 to 10) before it is reported unchecked; the run then exits 0\n"
                       "if every number got an answer. A worker that dies idle is replaced too, up to\n"
                       "N times in a row in its place (an answer starts the count again), so workers\n"
                       "killed as fast as they start cannot make the pool fork forever. Threads do\n"
                       "not die alone: the other models accept it and have nothing to retry")
        ->type_name("N")
        ->capture_default_str()
        ->check(whole_number("a retry count", 0, 10));
    primes->add_flag("--json", args.json,
                     "Print one JSON document (model, workers, each number with prime, elapsed and\n"
                     "worker, total time, how the run ended, each worker's busy time) instead of text");
    primes->add_option("NUMBER", args.numbers,
                       "Numbers to check instead of the list, decimal, 0 to 18446744073709551615;\n"
                       "a lone - reads whitespace-separated numbers from standard input")
        ->excludes(set);
    primes->footer(primes_exit_statuses);
}

primes_options make_primes_options(const primes_arguments& args) {
    // The option values were checked as they were parsed (see setup_primes); NUMBER is not.
    primes_options options;
    options.model = parse_execution_model(args.model).value_or(execution_model::process);
    options.job_log_path = args.job_log;
    options.workers = !model_uses_workers(options.model) ? 1U
                      : args.procs.empty()              ? std::min(sys::usable_cpu_count(), max_workers)
                                                        : checked_count(args.procs);
    options.retries = checked_count(args.retries);
    options.json = args.json;
    options.method = find_prime_method(args.method).value_or(prime_method::trial);
    if (args.numbers.size() == 1 && args.numbers.front() == "-") {
        options.from_stdin = true;
        return options;
    }
    if (!args.numbers.empty()) {
        for (const std::string& text : args.numbers) {
            if (text == "-") {
                throw usage_error("NUMBER: " + refuse_value(text, "usable with other NUMBERs",
                                                            "a lone - (standard input) or numbers, not both"));
            }
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

constexpr const char* spin_exit_statuses =
    "Exit status: 0 done, 1 the system refused (a thread, the child process, shared memory,\n"
    "writing the output), 2 usage error (nothing started), 3 the spinner's process was lost\n"
    "(--model=process), 130/143 interrupted by SIGINT/SIGTERM, 141 standard output closed by\n"
    "its reader. Results go to stdout, the spinner and diagnostics to stderr.";

/// Seconds as plain decimal text: "2", "0.25", ".25" or "2.", at most 9 digits after the
/// point (nanoseconds), from 0 to 3600; no sign, exponent, inf or nan.
std::optional<std::chrono::nanoseconds> parse_seconds(const std::string& text) {
    const auto dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    const auto all_digits = [](const std::string& part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() && fraction.empty()) return std::nullopt;  // "" and "."
    if (!all_digits(whole) || !all_digits(fraction) || fraction.size() > 9) return std::nullopt;
    const auto seconds = whole.empty() ? std::optional<std::uint64_t>{0} : parse_decimal_u64(whole);
    const auto nanoseconds = fraction.empty() ? 0LL : std::stoll((fraction + "000000000").substr(0, 9));
    if (!seconds || *seconds > 3600 || (*seconds == 3600 && nanoseconds > 0)) return std::nullopt;
    return std::chrono::seconds{*seconds} + std::chrono::nanoseconds{nanoseconds};
}

constexpr std::size_t longest_message = 200;

void setup_spin(CLI::App& app, spin_arguments& args) {
    auto* spin = app.add_subcommand(
        "spin",
        "The seed's concurrent hello world: a spinner turns on stderr while slow work runs,\n"
        "in a thread, a child process or a coroutine on concur's own event loop. Prints\n"
        "'spinner object: ...' and the answer. Frames are drawn only when stderr is a\n"
        "terminal and TERM is not dumb.");
    add_choice(*spin, "--model", args.model, "a spinner model", {"thread", "process", "coroutine"},
               "Who runs the spinner: thread (std::thread + event), process (fork + an event in\n"
               "shared memory), coroutine (a task on concur's single-threaded event loop)");
    add_choice(*spin, "--work", args.work, "a kind of work", {"sleep", "block", "prime"},
               "The slow work: sleep (the model's own way: a coroutine awaits), block (a blocking\n"
               "sleep: freezes the coroutine's spinner), prime (is_prime(--number): freezes it too)");
    spin->add_option("--seconds", args.seconds,
                     "How long sleep and block last (default: 2): a decimal from 0 to 3600 like 2, 0.5\n"
                     "or .25, at most 9 digits after the point, no sign or exponent. Not with --work=prime")
        ->type_name("S")
        ->check(rule("a number of seconds",
                     "a decimal from 0 to 3600 like 2, 0.5 or .25: digits and one point, at most 9 digits "
                     "after it",
                     [](const std::string& text) { return parse_seconds(text).has_value(); }));
    spin->add_option("--number", args.number,
                     "The number --work=prime checks, and only it (default: 4000000000000000037, a prime\n"
                     "that is_prime takes about 2 s to check on one core of a 2-core AMD EPYC VM);\n"
                     "decimal, 0 to 18446744073709551615")
        ->type_name("N")
        ->check(rule(std::string{number_noun}, std::string{numbers_allowed},
                     [](const std::string& text) { return parse_decimal_u64(text).has_value(); }));
    spin->add_option("--nap", args.nap,
                     "With --model=coroutine --work=prime only: yield to the event loop every K divisors,\n"
                     "1 to 1000000000, so the spinner turns (at a cost in speed)")
        ->type_name("K")
        ->check(whole_number("a nap interval", 1, 1'000'000'000));
    // The message is drawn on the spinner's one line: a tab or a newline would break it, an
    // escape sequence would drive the terminal. So no control character in either reading of
    // the bytes: C0, DEL and C1 in UTF-8, and a lone byte 0x80..0x9f, which a terminal not in
    // UTF-8 mode takes for C1 (0x9b is ESC [). Other bytes pass; an invalid one takes a column.
    spin->add_option("--message", args.message,
                     fmt::format("What the spinner says: 1 to {} bytes, no control characters (C0, DEL or C1);\n"
                                 "cut to the terminal's width in columns (a CJK character or an emoji takes 2)",
                                 longest_message))
        ->capture_default_str()
        ->check(rule("a spinner message",
                     fmt::format("1 to {} bytes of text without control characters (C0, DEL or C1)", longest_message),
                     [](const std::string& text) {
                         return !text.empty() && text.size() <= longest_message && first_control(text) == text.size();
                     }));
    spin->add_flag("--stats", args.stats,
                   "After the answer: frames drawn, the longest gap between frames, the work's wall\n"
                   "time and the CPU time used (counted even when no frame is shown)");
    spin->add_flag("--json", args.json, "Print the same facts as one JSON document instead of text");
    spin->footer(spin_exit_statuses);
}

spin_options make_spin_options(const spin_arguments& args) {
    // Each value was checked as it was parsed (see setup_spin); what is left is how they combine.
    spin_options options;
    options.model = parse_execution_model(args.model).value_or(execution_model::thread);
    options.work = args.work == "block"   ? spin_work::block
                   : args.work == "prime" ? spin_work::prime
                                          : spin_work::sleep;
    if (!args.seconds.empty()) {
        if (options.work == spin_work::prime) {
            throw usage_error("--seconds: " + refuse_value(args.seconds, "used by --work=prime (it checks --number)",
                                                           "--seconds with --work=sleep or --work=block"));
        }
        options.duration = parse_seconds(args.seconds).value_or(std::chrono::seconds{2});
    }
    if (!args.number.empty()) {
        if (options.work != spin_work::prime) {
            throw usage_error("--number: " + refuse_value(args.number, "used by --work=" + args.work,
                                                          "--number with --work=prime"));
        }
        options.number = parse_decimal_u64(args.number).value_or(0);
    }
    if (!args.nap.empty()) {
        if (options.model != execution_model::coroutine || options.work != spin_work::prime) {
            const std::string used_by = fmt::format("used by --model={} --work={}", args.model, args.work);
            throw usage_error("--nap: " + refuse_value(args.nap, used_by, "--nap with --model=coroutine --work=prime"));
        }
        options.nap = checked_count(args.nap);
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

constexpr const char* bench_exit_statuses =
    "Exit status: 0 done, 1 the system refused (pipes, processes, an export file, writing the\n"
    "output), 2 usage error (nothing started), 3 a worker was lost while measuring (nothing\n"
    "exported), 130/143 interrupted by SIGINT/SIGTERM (nothing exported), 141 standard output\n"
    "closed by its reader. The table goes to stdout, warnings and progress to stderr.";

/// The first name in a comma-separated --models list that is not a model, or nothing.
std::optional<std::string> first_unknown_model(const std::string& text) {
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!parse_execution_model(name)) return name;
        if (comma == std::string::npos) return std::nullopt;
        start = comma + 1;
    }
}

void setup_bench(CLI::App& app, bench_arguments& args) {
    auto* bench = app.add_subcommand(
        "bench",
        "Time whole primes runs for each model and worker count (the book's run_procs.sh\n"
        "and its notebook): a table of median, min and max wall time, speedup against the\n"
        "sequential median and efficiency, with optional JSON, CSV, Markdown and SVG exports\n"
        "(each to a FILE, not -: the table already goes to standard output).");
    const std::string models_allowed = "a comma-separated list of " + join(model_names(), ", ");
    bench->add_option("--models", args.models,
                      "Comma-separated models to measure, each once: sequential, thread, process, coroutine")
        ->type_name("{" + join(model_names(), ",") + "},...")
        ->capture_default_str()
        ->check(check_with(models_allowed, [models_allowed](const std::string& text) {
            const auto unknown = first_unknown_model(text);
            if (!unknown) return std::string{};
            const std::string what = *unknown == text ? "a model" : fmt::format("a model (in {})", quote_value(text));
            return refuse_value(*unknown, what, models_allowed);
        }));
    add_choice(*bench, "--method", args.method, "a method", method_names(),
               "How each number is checked, as in primes --method: trial, trial-simple,\n"
               "miller-rabin. The default is the seed's slow loop, so that the checks\n"
               "outweigh starting and feeding workers and the models' differences show");
    bench->add_option("--procs", args.procs,
                      fmt::format("Worker counts for thread and process: a range 1..8 or a list 1,2,4, each 1 to {}\n"
                                  "(default: 1..{}, the CPUs this process may use); sequential and coroutine run once",
                                  max_workers, sys::usable_cpu_count()))
        ->type_name("COUNTS")
        ->check(check_with(worker_counts_allowed(), [](const std::string& text) {
            try {
                (void)parse_worker_counts(text);
                return std::string{};
            } catch (const usage_error& error) {
                return std::string{error.what()};
            }
        }));
    add_choice(*bench, "--numbers", args.numbers, "a list of numbers", {"seed", "book", "-"},
               "What every run checks: seed = the seed's 5 numbers, book = Fluent Python's\n"
               "20-number fixture, - = numbers read once from standard input (at least one)");
    bench->add_option("--runs", args.runs, "Measured runs per configuration, 1 to 1000")
        ->type_name("N")
        ->capture_default_str()
        ->check(whole_number("a run count", 1, 1000));
    bench->add_option("--warmup", args.warmup, "Runs before those, not counted, 0 to 100")
        ->type_name("N")
        ->capture_default_str()
        ->check(whole_number("a warm-up run count", 0, 100));
    const auto export_file = [&](const std::string& name, std::string& path, const std::string& description) {
        bench->add_option(name, path, description)
            ->type_name("FILE")
            ->check(output_file("an export file", "the table and its figures"));
    };
    export_file("--export-json", args.export_json, "Write the results as JSON in hyperfine's layout");
    export_file("--export-csv", args.export_csv, "Write the results as CSV");
    export_file("--export-markdown", args.export_markdown, "Write the table as Markdown");
    export_file("--export-svg", args.export_svg,
                "Write a chart of speedup against workers per model, with the ideal line, as SVG");
    bench->footer(bench_exit_statuses);
}

std::vector<execution_model> parse_model_list(const std::string& text) {
    // Checked by --models' check (see setup_bench): every name is a model.
    std::vector<execution_model> models;
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto model = parse_execution_model(name);
        if (model && std::find(models.begin(), models.end(), *model) == models.end()) models.push_back(*model);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return models;
}

bench_options make_bench_options(const bench_arguments& args) {
    // Each value was checked as it was parsed (see setup_bench); standard input is read here.
    bench_options options;
    options.models = parse_model_list(args.models);
    options.method = find_prime_method(args.method).value_or(prime_method::trial_simple);
    options.worker_counts =
        parse_worker_counts(args.procs.empty() ? fmt::format("1..{}", std::min(sys::usable_cpu_count(), max_workers))
                                               : args.procs);
    options.runs = checked_count(args.runs);
    options.warmup = checked_count(args.warmup);
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
        // Nothing to check would time only starting and stopping workers, and call it a speedup.
        if (numbers.empty()) {
            throw usage_error("--numbers: " +
                              refuse_value(args.numbers, "a list of numbers here: standard input held none",
                                           "seed, book, or - with at least one number on standard input"));
        }
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

constexpr const char* cost_exit_statuses =
    "Exit status: 0 done, 1 the system refused (threads, processes, pipes, writing the output),\n"
    "2 usage error (nothing started), 141 standard output closed by its reader. SIGINT and\n"
    "SIGTERM end it at once, with no message (the shell shows 130/143). The table goes to stdout.";

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
                     "coroutine tasks suspended: 100 * count, at most 1000000). A large count may meet the\n"
                     "system's limit on threads (kernel.pid_max, ulimit -u): it then stops with status 1")
        ->type_name("N")
        ->capture_default_str()
        ->check(whole_number("a repetition count", 10, 100000));
    cost->add_flag("--json", args.json, "Print one JSON document instead of the table");
    cost->footer(cost_exit_statuses);
}

cost_options make_cost_options(const cost_arguments& args) { return {checked_count(args.count), args.json}; }

// --- errors ----------------------------------------------------------------------------

std::string command_list(const CLI::App& app) {
    std::string commands;
    for (const CLI::App* command : app.get_subcommands({})) {
        commands += (commands.empty() ? "" : ", ") + command->get_name();
    }
    return commands;
}

/// The command named by the first word, or nothing (an option, or no word at all).
CLI::App* named_command(CLI::App& app, int argc, const char* const* argv) {
    if (argc < 2) return nullptr;
    for (CLI::App* command : app.get_subcommands({})) {
        if (command->get_name() == argv[1]) return command;
    }
    return nullptr;
}

/// "--help, --model, --procs, ..., NUMBER...": what `command` accepts, in its help's order.
std::string option_list(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options()) {
        if (!option->get_lnames().empty()) names.push_back("--" + option->get_lnames().front());
    }
    for (const CLI::Option* option : command.get_options()) {
        if (option->get_positional()) names.push_back(option->get_name() + "...");
    }
    return join(names, ", ");
}

/// What `option`'s check allows (check_with keeps it as the check's name), for the errors
/// that have no value to refuse.
std::string allowed_for(CLI::Option& option) {
    try {
        return option.get_validator()->get_name();
    } catch (const CLI::OptionNotFound&) {  // every option with a value has a check: not expected
        return "see its --help";
    }
}

/// Why `option`'s check refuses an empty value, or "no value given" if it would take one.
std::string refuse_empty(CLI::Option& option) {
    try {
        if (std::string refusal = (*option.get_validator())(std::string{}); !refusal.empty()) return refusal;
    } catch (const CLI::OptionNotFound&) {
    }
    return "no value given; allowed: " + allowed_for(option);
}

/// CLI11's own errors, in concur's shape. CLI11 2.1 words them its own way ("The following
/// argument was not expected: extra", "--procs: 1 required N missing") and names no value or
/// names it unquoted; the values are taken from the parser's state instead: what was left
/// over, what an option collected.
std::string explain_parse_error(CLI::App& app, const CLI::ParseError& error) {
    const std::vector<CLI::App*> parsed = app.get_subcommands();
    CLI::App& command = parsed.empty() ? app : *parsed.front();
    const std::string text = error.what();
    // Left over: before the command's name (`concur --bogus primes`), or after it.
    const std::vector<std::string> before = app.remaining();
    const std::vector<std::string> after = parsed.empty() ? std::vector<std::string>{} : command.remaining();
    if (!before.empty()) {  // `concur --bogus` is refused for its missing command first: name the word instead
        return refuse_value(before.front(), "an option", "--help, --version, or a command first: " + command_list(app));
    }
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && parsed.empty()) {
        return "no command given; allowed: " + command_list(app);
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr && !after.empty()) {
        const std::string& first = after.front();
        const std::string& name = command.get_name();
        const bool looks_like_option = !first.empty() && first.front() == '-';
        const std::string what =
            looks_like_option ? "an option" : fmt::format("an option, and {} takes no arguments", name);
        return fmt::format("{}: {}", name, refuse_value(first, what, option_list(command)));
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
        const CLI::Option* set = command.get_option_no_throw("--numbers");
        const std::string list = set != nullptr && !set->results().empty() ? set->results().back() : std::string{};
        return "--numbers: " + refuse_value(list, "usable with NUMBER arguments",
                                            "a built-in list (--numbers) or NUMBERs, not both");
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        // "--procs: 1 required N missing" (no value after it) or "--procs: At Most 1 required
        // but received 2" (given twice).
        const std::string name = text.substr(0, text.find(':'));
        CLI::Option* option = command.get_option_no_throw(name);
        if (option == nullptr) return text;
        const std::vector<std::string>& values = option->results();
        if (values.size() > 1) {
            return fmt::format("{}: {}", name, refuse_value(values.back(),
                                                           fmt::format("the only value given (also {})",
                                                                       quote_value(values.front())),
                                                           "one " + name));
        }
        return fmt::format("{}: no value given; allowed: {}", name, allowed_for(*option));
    }
    return text;  // no other error is expected; CLI11's words, made one line by the caller
}

/// CLI11 answers an unknown command with "A subcommand is required", which does not say
/// which word was wrong; check the first word ourselves.
void check_command_name(CLI::App& app, int argc, const char* const* argv) {
    if (argc < 2 || argv[1][0] == '-' || named_command(app, argc, argv) != nullptr) return;
    throw usage_error(refuse_value(argv[1], "a command", command_list(app)));
}

/// What CLI11 2.1 gets wrong, checked before it parses:
/// - `--joblog=` (an empty value) makes it take the NEXT argument as the value, so
///   `--joblog= --json` wrote a job log named "--json": an empty value gets its option's
///   own refusal instead;
/// - a flag takes values (--json=9 means true, --json=- false, --json=banana is "Could not
///   convert"): a flag takes none;
/// - --version answers even with more words after it: it must stand alone.
void check_option_forms(CLI::App& app, int argc, const char* const* argv) {
    CLI::App* named = named_command(app, argc, argv);
    CLI::App& command = named != nullptr ? *named : app;
    for (int i = named != nullptr ? 2 : 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--") break;  // the rest are NUMBERs
        if (argument == "--version" && named == nullptr && argc > 2) {
            throw usage_error("--version: " + refuse_value(argv[i == 1 ? 2 : 1], "expected with --version",
                                                           "--version alone"));
        }
        const auto equals = argument.find('=');
        if (argument.substr(0, 2) != "--" || equals == std::string_view::npos) continue;
        const std::string name{argument.substr(0, equals)};
        const std::string value{argument.substr(equals + 1)};
        CLI::Option* option = command.get_option_no_throw(name);
        if (option == nullptr) continue;  // not an option: CLI11 reports it, explained above
        if (option->get_expected_max() == 0) {  // a flag
            throw usage_error(fmt::format("{}: {}", name, refuse_value(value, "a value " + name + " takes",
                                                                      name + " alone: a flag takes no value")));
        }
        if (value.empty()) throw usage_error(fmt::format("{}: {}", name, refuse_empty(*option)));
    }
}

/// Where a usage error sends the user: "concur primes --help" once the command is known.
std::string help_command(CLI::App& app, int argc, const char* const* argv) {
    const CLI::App* command = named_command(app, argc, argv);
    return command != nullptr ? "concur " + command->get_name() + " --help" : "concur --help";
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

    bool arguments_checked = false;  // from then on a usage error is about standard input
    try {
        check_command_name(app, argc, argv);
        check_option_forms(app, argc, argv);
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& error) {
            if (error.get_exit_code() == 0) {  // --help, --version
                return app.exit(error);
            }
            throw usage_error(explain_parse_error(app, error));
        }
        if (app.got_subcommand("primes")) {
            const primes_options options = make_primes_options(primes_args);
            arguments_checked = true;
            return run_primes(options, out, err);
        }
        if (app.got_subcommand("spin")) {
            const spin_options options = make_spin_options(spin_args);
            arguments_checked = true;
            return run_spin(options, out);
        }
        if (app.got_subcommand("bench")) {
            const bench_options options = make_bench_options(bench_args);
            arguments_checked = true;
            return run_bench(options, out, err);
        }
        if (app.got_subcommand("cost")) {
            const cost_options options = make_cost_options(cost_args);
            arguments_checked = true;
            return run_cost(options, out, err);
        }
        return exit_status::usage;
    } catch (const usage_error& error) {
        // One line whatever the user typed: CLI11 quotes values raw, newlines included.
        std::string line = one_line(error.what());
        if (!arguments_checked) line += fmt::format(" (see '{}')", help_command(app, argc, argv));
        err.write(fmt::format("concur: {}\n", line));
        return exit_status::usage;
    } catch (const sys::output_closed&) {
        return exit_status::output_closed;  // the reader left: stop quietly, like any filter
    } catch (const std::exception& error) {
        err.write(fmt::format("concur: {}\n", error.what()));
        return exit_status::failure;
    }
}

}  // namespace concur
