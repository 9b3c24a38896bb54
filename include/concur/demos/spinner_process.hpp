// The seed's spinner_proc.py: a forked child draws the spinner while the parent works.
#pragma once

#include "concur/core/spin_report.hpp"
#include "concur/demos/spin_console.hpp"
#include "concur/demos/spin_options.hpp"

namespace concur {

/// main() of the process model: runs the supervisor and returns slow()'s answer.
[[nodiscard]] spin_answer spin_with_process(const spin_options& options, spin_console& console);

}  // namespace concur
