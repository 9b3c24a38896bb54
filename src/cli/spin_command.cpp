// concur spin: its options, and the call to the spinner demos.
#include "commands.hpp"
#include "exit_statuses.hpp"
#include "option_checks.hpp"

#include "concur/core/display_width.hpp"
#include "concur/core/exit_status.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/demos/spin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>

namespace concur::cli {
namespace {

struct spin_arguments {
    std::string model = "thread";
    std::string work = "sleep";
    std::string seconds;  // empty: not given (the text is kept for the message that refuses it)
    std::string number;   // likewise
    unsigned nap = 0;     // 0: not given (the check refuses 0)
    std::string message = "thinking!";
    bool stats = false;
    bool json = false;
};

constexpr std::array<command_status, 6> spin_statuses{{
    {exit_status::success, ""},
    {exit_status::failure, "a thread, the child process, shared memory, writing the output"},
    {exit_status::usage, "nothing started"},
    {exit_status::worker_lost, "the spinner's process (--model=process)"},
    {exit_status::interrupted_by(SIGINT), ""},
    {exit_status::output_closed, ""},
}};

constexpr std::size_t longest_message = 200;

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

int run_spin_command(const spin_arguments& args, output_sink& out) {
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
    if (args.nap != 0) {
        if (options.model != execution_model::coroutine || options.work != spin_work::prime) {
            const std::string used_by = fmt::format("used by --model={} --work={}", args.model, args.work);
            throw usage_error("--nap: " + refuse_value(std::to_string(args.nap), used_by,
                                                       "--nap with --model=coroutine --work=prime"));
        }
        options.nap = args.nap;
    }
    options.message = args.message;
    options.stats = args.stats;
    options.json = args.json;
    return run_spin(options, out);
}

}  // namespace

command setup_spin(CLI::App& app) {
    const auto args = std::make_shared<spin_arguments>();
    CLI::App* spin = app.add_subcommand(
        "spin",
        "Fluent Python's concurrent hello world: a spinner turns on stderr while slow work runs, "
        "in a thread, a child process or a coroutine on concur's own event loop. Prints "
        "'spinner object: ...' and the answer. Frames are drawn only when stderr is a terminal "
        "and TERM is not dumb.");
    add_choice(*spin, "--model", args->model, "a spinner model", {"thread", "process", "coroutine"},
               "Who runs the spinner:\n"
               "thread = std::thread and an event;\n"
               "process = fork and an event in shared memory;\n"
               "coroutine = a task on concur's single-threaded event loop");
    add_choice(*spin, "--work", args->work, "a kind of work", {"sleep", "block", "prime"},
               "The slow work:\n"
               "sleep = the model's own way (a coroutine awaits);\n"
               "block = a blocking sleep: it freezes the coroutine's spinner;\n"
               "prime = is_prime(--number): it freezes it too");
    spin->add_option("--seconds", args->seconds,
                     "How long sleep and block last (default: 2): a decimal from 0 to 3600 like 2, 0.5 or "
                     ".25, at most 9 digits after the point, no sign or exponent. Not with --work=prime")
        ->type_name("S")
        ->check(rule("a number of seconds",
                     "a decimal from 0 to 3600 like 2, 0.5 or .25: digits and one point, at most 9 digits "
                     "after it",
                     [](const std::string& text) { return parse_seconds(text).has_value(); }));
    spin->add_option("--number", args->number,
                     fmt::format("The number --work=prime checks, and only it (default: {}, a prime that "
                                 "is_prime takes about 2 s to check on one core of a 2-core AMD EPYC VM); "
                                 "decimal, 0 to 18446744073709551615",
                                 default_spin_number))
        ->type_name("N")
        ->check(rule(std::string{number_noun}, std::string{numbers_allowed},
                     [](const std::string& text) { return parse_decimal_u64(text).has_value(); }));
    add_count(*spin, "--nap", args->nap, "a nap interval", 1, 1'000'000'000,
              "With --model=coroutine --work=prime only: yield to the event loop every K divisors, "
              "1 to 1000000000, so the spinner turns (at a cost in speed)")
        ->type_name("K");
    // The message is drawn on the spinner's one line: a tab or a newline would break it, an
    // escape sequence would drive the terminal. So no control character in either reading of
    // the bytes: C0, DEL and C1 in UTF-8, and a lone byte 0x80..0x9f, which a terminal not in
    // UTF-8 mode takes for C1 (0x9b is ESC [). Other bytes pass; an invalid one takes a column.
    spin->add_option("--message", args->message,
                     fmt::format("What the spinner says: 1 to {} bytes, no control characters (C0, DEL or "
                                 "C1); cut to the terminal's width in columns (a CJK character or an emoji "
                                 "takes 2)",
                                 longest_message))
        ->type_name("TEXT")
        ->capture_default_str()
        ->check(rule("a spinner message",
                     fmt::format("1 to {} bytes of text without control characters (C0, DEL or C1)", longest_message),
                     [](const std::string& text) {
                         return !text.empty() && text.size() <= longest_message && first_control(text) == text.size();
                     }));
    spin->add_flag("--stats", args->stats,
                   "After the answer: frames drawn, the longest gap between frames, the work's wall time and "
                   "the CPU time used (counted even when no frame is shown)");
    spin->add_flag("--json", args->json, "Print the same facts as one JSON document instead of text");
    spin->footer(exit_status_section(spin_statuses, "Results go to stdout, the spinner and diagnostics to stderr."));
    return {spin, [args](output_sink& out, output_sink&) { return run_spin_command(*args, out); }};
}

}  // namespace concur::cli
