// run_cli: the whole command line, from argv to an exit status: parse, check, run one command.
#include "concur/cli/cli.hpp"

#include "commands.hpp"
#include "exit_statuses.hpp"
#include "help_formatter.hpp"
#include "usage_errors.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/sys/fd_sink.hpp"

#include <fmt/format.h>

#include <array>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace concur {
namespace {

constexpr const char* version_text = "concur " CONCUR_VERSION;

constexpr const char* general_rules =
    "Results go to stdout, diagnostics to stderr. Each command's --help lists the statuses it "
    "returns. A flag (--json, --stats) takes no value; a flag or an option is given at most once; "
    "an empty value (--procs=) is refused.";

/// What --help and --version print (CLI11 signals them as parse errors with status 0).
std::string answer_to(const CLI::App& app, const CLI::ParseError& request) {
    if (dynamic_cast<const CLI::CallForVersion*>(&request) != nullptr) return request.what() + std::string{"\n"};
    return app.help();  // the help of the command named, if one was
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
    // Before the commands are added: they take their help flag and formatter from the app.
    app.formatter(std::make_shared<cli::help_formatter>());
    app.set_help_flag("-h,--help", "Print this help and exit");
    app.set_version_flag("--version", version_text, "Print the version and exit");
    app.require_subcommand(1);
    app.footer(cli::exit_status_section({}, general_rules));
    const std::array commands{cli::setup_primes(app), cli::setup_spin(app), cli::setup_bench(app),
                              cli::setup_cost(app), cli::setup_race(app)};

    try {
        cli::check_before_parsing(app, argc, argv);
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& error) {
            if (error.get_exit_code() != 0) throw usage_error(cli::explain_parse_error(app, error));
            // --help or --version: an answer like any other, so a failed write is reported.
            out.write(answer_to(app, error));
            out.flush();
            return exit_status::success;
        }
        for (const cli::command& command : commands) {
            if (!command.app->parsed()) continue;
            cli::check_after_parsing(*command.app);
            return command.run(out, err);
        }
        return exit_status::usage;  // require_subcommand(1) makes this unreachable
    } catch (const usage_error& error) {
        // One line whatever the user typed: CLI11 quotes values raw, newlines included.
        err.write(fmt::format("concur: {} (see '{}')\n", one_line(error.what()), cli::help_command(app, argc, argv)));
        return exit_status::usage;
    } catch (const sys::output_closed&) {
        return exit_status::output_closed;  // the reader left: stop quietly, like any filter
    } catch (const std::exception& error) {
        err.write(fmt::format("concur: {}\n", error.what()));
        return exit_status::failure;
    }
}

}  // namespace concur
