// The command line: CLI11 wiring for every subcommand. CLI11 is slow to compile, so it is
// included here and nowhere else.
#include "concur/cli/cli.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/fixtures.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/demos/primes_pool.hpp"
#include "concur/sys/cpu_count.hpp"
#include "concur/sys/fd_sink.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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
    std::string procs;
    std::string numbers_set = "seed";
    std::vector<std::string> numbers;
    bool json = false;
};

void setup_primes(CLI::App& app, primes_arguments& args) {
    auto* primes = app.add_subcommand(
        "primes",
        "Check numbers for primality in a pool of worker processes fed through pipes\n"
        "(the seed's processor pool). Each result is printed as it arrives:\n"
        "the number, P if it is prime, and the time its check took.");
    primes->add_option("--procs", args.procs,
                       fmt::format("Worker processes, 1 to 512 (default: the CPUs this process may use, here {})",
                                   sys::usable_cpu_count()))
        ->type_name("N");
    auto* set = primes->add_option("--numbers", args.numbers_set,
                                   "Which list to check when no NUMBER is given:\n"
                                   "seed = the seed's 5 numbers, book = Fluent Python's 20-number fixture")
                    ->check(CLI::IsMember({"seed", "book"}))
                    ->capture_default_str();
    primes->add_flag("--json", args.json,
                     "Print one JSON document (workers, each number with prime, elapsed and worker, "
                     "total time, how the run ended) instead of text");
    primes->add_option("NUMBER", args.numbers,
                       "Numbers to check instead of the list, decimal, 0 to 18446744073709551615;\n"
                       "a lone - reads whitespace-separated numbers from standard input")
        ->excludes(set);
    primes->footer(exit_status_footer);
}

primes_options make_primes_options(const primes_arguments& args) {
    primes_options options;
    options.workers = args.procs.empty() ? std::min(sys::usable_cpu_count(), 512U)
                                         : parse_count("--procs", args.procs, 1, 512);
    options.json = args.json;
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
    sys::fd_sink out{STDOUT_FILENO};
    sys::fd_sink err{STDERR_FILENO};

    CLI::App app{"concur: threads, processes and coroutines side by side.\n"
                 "The C++ companion to Fluent Python's chapter 19 (concurrency models).",
                 "concur"};
    app.set_version_flag("--version", version_text, "Print the version and exit");
    app.require_subcommand(1);
    app.footer(exit_status_footer);
    primes_arguments primes_args;
    setup_primes(app, primes_args);

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
