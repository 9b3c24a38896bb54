// The seed's spinner_thread.py: a std::thread draws the spinner while the main thread works.
#pragma once

#include "concur/core/spin_report.hpp"
#include "concur/demos/spin_console.hpp"
#include "concur/demos/spin_options.hpp"

namespace concur {

/// main() of the thread model: runs the supervisor and returns slow()'s answer.
[[nodiscard]] spin_answer spin_with_thread(const spin_options& options, spin_console& console);

}  // namespace concur
