// usage_errors: what CLI11 refuses or lets through, said in concur's one shape.
#include "usage_errors.hpp"

#include "option_checks.hpp"

#include "concur/core/message_text.hpp"
#include "concur/core/usage_error.hpp"

#include <fmt/format.h>

namespace concur::cli {
namespace {

std::string command_list(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(command->get_name());
    }
    return join(names, ", ");
}

/// The command named by the first word, or nothing (an option, or no word at all).
CLI::App* named_command(CLI::App& app, int argc, const char* const* argv) {
    if (argc < 2) return nullptr;
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
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

bool is_flag(const CLI::Option& option) { return !option.get_positional() && option.get_expected_max() == 0; }

}  // namespace

void check_before_parsing(CLI::App& app, int argc, const char* const* argv) {
    CLI::App* named = named_command(app, argc, argv);
    if (argc >= 2 && argv[1][0] != '-' && named == nullptr) {
        throw usage_error(refuse_value(argv[1], "a command", command_list(app)));
    }
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
        if (option == nullptr) continue;  // not an option: CLI11 reports it, explained below
        if (is_flag(*option)) {
            throw usage_error(fmt::format("{}: {}", name, refuse_value(value, "a value " + name + " takes",
                                                                      name + " alone: a flag takes no value")));
        }
        if (value.empty()) throw usage_error(fmt::format("{}: {}", name, refuse_empty(*option)));
    }
}

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

void check_after_parsing(const CLI::App& command) {
    for (const CLI::Option* option : command.get_options()) {
        if (is_flag(*option) && option->count() > 1) {
            const std::string name = "--" + option->get_lnames().front();
            throw usage_error(fmt::format("{}: {}", name, refuse_value(name, "repeatable", "one " + name)));
        }
    }
}

std::string help_command(CLI::App& app, int argc, const char* const* argv) {
    const CLI::App* command = named_command(app, argc, argv);
    return command != nullptr ? "concur " + command->get_name() + " --help" : "concur --help";
}

}  // namespace concur::cli
