// usage_errors: what CLI11 refuses or lets through, said in concur's one shape.
//
//   concur: --OPTION: 'VALUE' is not WHAT; allowed: WHAT IS (see 'concur COMMAND --help')
//
// CLI11 words its errors its own way ("The following argument was not expected: extra",
// "--procs: 1 required N missing"), names no value or names it unquoted, and its wording
// changes between versions. So the values are taken from the parser's state instead, and
// what CLI11 gets wrong or lets through is checked before and after it parses.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace concur::cli {

/// Before CLI11 parses, throws usage_error for what it would answer badly:
/// - an unknown command (CLI11 says only "A subcommand is required");
/// - `--joblog=` (an empty value), which CLI11 2.1 answers by taking the NEXT argument as the
///   value (`--joblog= --json` wrote a job log named "--json"): the option's own refusal;
/// - a value given to a flag (`--json=9` meant true, `--json=-` false): a flag takes none;
/// - --version with more words after it: it must stand alone.
void check_before_parsing(CLI::App& app, int argc, const char* const* argv);

/// CLI11's parse error `error`, as the text after "concur: ".
[[nodiscard]] std::string explain_parse_error(CLI::App& app, const CLI::ParseError& error);

/// After CLI11 parses, throws usage_error for a flag given twice (`--json --json`), which
/// CLI11 accepts, as it refuses an option with a value given twice.
void check_after_parsing(const CLI::App& command);

/// Where a usage error sends the user: "concur primes --help" once the command is known.
[[nodiscard]] std::string help_command(CLI::App& app, int argc, const char* const* argv);

}  // namespace concur::cli
