// help_formatter: concur's own help page layout for CLI11, within 80 columns.
#include "help_formatter.hpp"

#include "concur/core/text_wrap.hpp"

#include <vector>

namespace concur::cli {
namespace {

constexpr std::size_t page_width = 80;
constexpr std::size_t name_indent = 2;         // "  --model {...}"
constexpr std::size_t description_indent = 6;  // "      How to run the checks"

/// "concur primes": the names from the top app down to `app`.
std::string full_name(const CLI::App* app) {
    std::string name = app->get_name();
    for (const CLI::App* parent = app->get_parent(); parent != nullptr; parent = parent->get_parent()) {
        name = parent->get_name() + " " + name;
    }
    return name;
}

bool takes_a_value(const CLI::Option* option) { return option->get_expected_max() != 0; }

/// "-h, --help", "--model {a,b}", "NUMBER...": the option as it is typed.
std::string option_heading(const CLI::Option* option) {
    if (option->get_positional()) return option->get_name() + (option->get_expected_max() > 1 ? "..." : "");
    std::string heading;
    for (const std::string& name : option->get_snames()) heading += (heading.empty() ? "-" : ", -") + name;
    for (const std::string& name : option->get_lnames()) heading += (heading.empty() ? "--" : ", --") + name;
    if (takes_a_value(option)) heading += " " + option->get_type_name();
    return heading;
}

/// The heading on its own line, the description below it, then the default on a line of its
/// own (at the end of a description that lists choices line by line, "(default: ...)" would
/// seem to belong to the last choice).
std::string option_entry(const CLI::Option* option) {
    std::string description = option->get_description();
    if (!option->get_default_str().empty()) description += "\nDefault: " + option->get_default_str();
    return wrap_text(option_heading(option), page_width, std::string(name_indent, ' '), name_indent + 4) +
           wrap_text(description, page_width, std::string(description_indent, ' '), description_indent);
}

std::string usage_line(const CLI::App* app) {
    if (app->get_parent() == nullptr) {
        return "Usage: " + app->get_name() + " COMMAND [OPTIONS]\n       " + app->get_name() +
               " --help | --version\n";
    }
    std::string usage = "Usage: " + full_name(app) + " [OPTIONS]";
    for (const CLI::Option* option : app->get_options()) {
        if (option->get_positional()) usage += " [" + option_heading(option) + "]";
    }
    return usage + "\n";
}

}  // namespace

std::string help_formatter::make_help(const CLI::App* app, std::string /*name*/, CLI::AppFormatMode /*mode*/) const {
    std::string page = wrap_text(app->get_description(), page_width, "", 0) + "\n" + usage_line(app);

    std::string options;
    std::string arguments;
    for (const CLI::Option* option : app->get_options()) {
        if (option->get_group().empty()) continue;  // hidden
        (option->get_positional() ? arguments : options) += option_entry(option);
    }
    if (!options.empty()) page += "\nOptions:\n" + options;
    if (!arguments.empty()) page += "\nArguments:\n" + arguments;

    const std::vector<const CLI::App*> commands = app->get_subcommands([](const CLI::App*) { return true; });
    if (!commands.empty()) {
        page += "\nCommands:\n";
        for (const CLI::App* command : commands) {
            page += std::string(name_indent, ' ') + command->get_name() + "\n" +
                    wrap_text(command->get_description(), page_width, std::string(description_indent, ' '),
                              description_indent);
        }
    }
    if (!app->get_footer().empty()) page += "\n" + app->get_footer();
    return page;
}

}  // namespace concur::cli
