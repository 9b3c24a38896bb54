// `concur spin`: the seed's spinner, in a thread, a process or a coroutine.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/core/spin_report.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace concur {

/// The default --number for --work=prime: a prime whose check with is_prime (about 1e9 trial
/// divisions) takes about 2 s on one core of a 2-core AMD EPYC VM (1.95 s measured).
inline constexpr std::uint64_t default_spin_number = 4'000'000'000'000'000'037ULL;

struct spin_options {
    execution_model model = execution_model::thread;  // thread, process or coroutine
    spin_work work = spin_work::sleep;
    std::chrono::nanoseconds duration = std::chrono::seconds{2};  // --seconds, for sleep and block
    std::uint64_t number = default_spin_number;                    // --number, for prime
    unsigned nap = 0;                      // --nap: yield every `nap` divisors (coroutine prime); 0 = never
    std::string message = "thinking!";     // what the spinner says
    bool stats = false;                    // print frames, longest gap, work time, CPU time
    bool json = false;                     // one JSON document instead of text
};

/// Runs the chosen model's supervisor, then prints the answer (and the statistics) on `out`.
/// The frames go to standard error when it is a terminal. Returns the exit status: 0, or 3
/// when the process model's spinner child died before it was told to stop (named on standard
/// error). SIGINT and SIGTERM end the process from terminal_session's handler with 130 and
/// 143; SIGQUIT and SIGHUP by the signal itself, after the terminal is put back.
[[nodiscard]] int run_spin(const spin_options& options, output_sink& out);

}  // namespace concur
