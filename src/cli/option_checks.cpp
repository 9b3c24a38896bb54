// option_checks: CLI11 options whose every refusal is one line in concur's shape.
#include "option_checks.hpp"

#include "concur/core/execution_model.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/prime_method.hpp"
#include "concur/core/trial_kernel_choice.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/sys/cpu_count.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur::cli {

std::string join(const std::vector<std::string>& names, std::string_view separator) {
    std::string joined;
    for (const std::string& name : names) joined += (joined.empty() ? "" : std::string{separator}) + name;
    return joined;
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

unsigned default_worker_count() { return std::min(sys::usable_cpu_count(), max_workers); }

void refuse_bad_kernel_variable() {
    if (std::string problem = kernel_variable_problem(); !problem.empty()) throw usage_error(std::move(problem));
}

CLI::Validator check_with(std::string allowed, std::function<std::string(const std::string&)> refusal) {
    return CLI::Validator{[refusal = std::move(refusal)](std::string& value) { return refusal(value); }, "",
                          std::move(allowed)};
}

CLI::Validator rule(std::string what, std::string allowed, std::function<bool(const std::string&)> accepts) {
    return check_with(allowed, [=](const std::string& value) {
        return accepts(value) ? std::string{} : refuse_value(value, what, allowed);
    });
}

CLI::Validator parsed_by(std::string allowed, std::function<void(std::string_view)> parse) {
    return check_with(std::move(allowed), [parse = std::move(parse)](const std::string& text) {
        try {
            parse(text);
            return std::string{};
        } catch (const usage_error& error) {
            return std::string{error.what()};
        }
    });
}

namespace {

/// Every count option: decimal digits only, from `low` to `high`, into an unsigned `value`
/// of any width.
template <typename Number>
CLI::Option* add_whole_number(CLI::App& command, const std::string& name, Number& value, std::string what,
                              std::uint64_t low, std::uint64_t high, const std::string& description) {
    return command.add_option(name, value, description)
        ->type_name("N")
        ->check(rule(std::move(what), fmt::format("a whole number from {} to {}", low, high),
                     [=](const std::string& text) {
                         const auto number = parse_decimal_u64(text);
                         return number && *number >= low && *number <= high;
                     }));
}

}  // namespace

CLI::Option* add_count(CLI::App& command, const std::string& name, unsigned& value, std::string what, unsigned low,
                       unsigned high, const std::string& description) {
    return add_whole_number(command, name, value, std::move(what), low, high, description);
}

CLI::Option* add_count(CLI::App& command, const std::string& name, std::uint64_t& value, std::string what,
                       std::uint64_t low, std::uint64_t high, const std::string& description) {
    return add_whole_number(command, name, value, std::move(what), low, high, description);
}

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

CLI::Validator output_file(std::string what, std::string_view already_on_stdout) {
    return rule(std::move(what),
                fmt::format("a file path other than - ({} already go to standard output)", already_on_stdout),
                [](const std::string& path) { return !path.empty() && path != "-"; });
}

}  // namespace concur::cli
