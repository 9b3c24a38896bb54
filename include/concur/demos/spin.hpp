// `concur spin`: the seed's spinner, in a thread, a process or a coroutine.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/demos/spin_options.hpp"

namespace concur {

/// Runs the chosen model's supervisor, then prints the answer (and the statistics) on `out`,
/// which is standard output. The frames go to standard error when it is a terminal. Returns
/// the exit status: 0, or 3 when the process model's spinner child died before it was told to
/// stop (named on standard error). SIGINT and SIGTERM end the process from the handlers of
/// spin_signals with 130 and 143 (with --json, after writing the document with "ending":
/// "interrupted" straight to standard output: a handler cannot use `out`); SIGQUIT and SIGHUP
/// by the signal itself, after the terminal is put back.
[[nodiscard]] int run_spin(const spin_options& options, output_sink& out);

}  // namespace concur
