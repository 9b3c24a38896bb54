// option_checks: CLI11 options whose every refusal is one line in concur's shape.
//
// Every bad value gets the same answer, whichever check finds it:
//   concur: --OPTION: 'VALUE' is not WHAT; allowed: WHAT IS (see 'concur COMMAND --help')
// so every option with a value is added with a check built here, never CLI11's own (IsMember
// says "fiber not in {...}", unquoted). CLI11 puts "--OPTION: " in front of the refusal.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace concur::cli {

/// Joins names with `separator`: {"a", "b"} -> "a, b".
[[nodiscard]] std::string join(const std::vector<std::string>& names, std::string_view separator);

/// "sequential", "thread", ...: every execution model's name; every prime method's name.
[[nodiscard]] std::vector<std::string> model_names();
[[nodiscard]] std::vector<std::string> method_names();

/// The worker count when --procs is not given: the CPUs this process may use (its affinity
/// and CPU quota), at most max_workers.
[[nodiscard]] unsigned default_worker_count();

/// Throws usage_error when CONCUR_KERNEL is set to a kernel this CPU does not run (it would be
/// ignored), naming the value and the kernels allowed: for the commands that run checks.
void refuse_bad_kernel_variable();

/// A check from `refusal`, which returns nothing for a good value and else says why not
/// (refuse_value's shape). Its name holds `allowed`, read back for the error of a missing
/// value (see usage_errors.cpp); it adds nothing to help, where the option says what it takes.
[[nodiscard]] CLI::Validator check_with(std::string allowed, std::function<std::string(const std::string&)> refusal);

/// The usual check: a value is `what` when `accepts` says so.
[[nodiscard]] CLI::Validator rule(std::string what, std::string allowed,
                                  std::function<bool(const std::string&)> accepts);

/// A check from a parser that throws usage_error in concur's shape (parse_worker_counts,
/// parse_model_list): the value is refused with the parser's own words.
[[nodiscard]] CLI::Validator parsed_by(std::string allowed, std::function<void(std::string_view)> parse);

/// An option that takes a whole number from `low` to `high` into `value`, which holds the
/// default until then. The text is checked here, strictly, before CLI11 converts it: CLI11
/// 2.1 reads "-1" as a huge unsigned and "0x10" as 16. The 64-bit form is for counts beyond
/// 4294967295 (race's --count); both share one check.
CLI::Option* add_count(CLI::App& command, const std::string& name, unsigned& value, std::string what, unsigned low,
                       unsigned high, const std::string& description);
CLI::Option* add_count(CLI::App& command, const std::string& name, std::uint64_t& value, std::string what,
                       std::uint64_t low, std::uint64_t high, const std::string& description);

/// An option that takes one of `names`. Help shows them as {a,b,c}, and a refusal lists
/// them: "'fiber' is not a model; allowed: thread, process".
CLI::Option* add_choice(CLI::App& command, const std::string& name, std::string& value, std::string what,
                        const std::vector<std::string>& names, const std::string& description);

/// A file concur writes. Not empty, and not "-": it would create a file named "-", while
/// `already_on_stdout` already go to standard output.
[[nodiscard]] CLI::Validator output_file(std::string what, std::string_view already_on_stdout);

}  // namespace concur::cli
