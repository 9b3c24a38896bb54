// spin_options: what `concur spin` is asked to do, shared by its three models.
#pragma once

#include "concur/core/execution_model.hpp"
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

}  // namespace concur
