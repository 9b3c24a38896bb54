// What `concur spin` prints: the answer line, the --stats lines and the --json document.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/core/spin_stats.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace concur {

enum class spin_work { sleep, block, prime };

[[nodiscard]] std::string_view work_name(spin_work work) noexcept;

/// What slow() returns: 42 for sleep and block, a verdict for prime.
struct spin_answer {
    spin_work work = spin_work::sleep;
    std::uint64_t number = 0;  // the number checked, for prime
    bool prime = false;        // its verdict, for prime
};

/// Everything a run of `concur spin` found out.
struct spin_summary {
    execution_model model = execution_model::thread;  // thread, process or coroutine
    spin_answer answer;
    std::string spinner_object;            // "<std::thread ...>", "<child process ...>", "<task ...>"
    unsigned nap = 0;                      // --nap, 0 when not given
    spin_stats stats;
    std::chrono::nanoseconds work_time{};  // wall time of slow()
    std::chrono::nanoseconds cpu_user{};   // this process and its reaped children
    std::chrono::nanoseconds cpu_system{};
};

/// 4000000000000000037 -> "4,000,000,000,000,000,037" (the book prints f'{n:,}').
[[nodiscard]] std::string with_thousands_separators(std::uint64_t n);

/// "Answer: 42", or "4,000,000,000,000,000,037 is prime" / "... is not prime", with a newline.
[[nodiscard]] std::string format_answer(const spin_answer& answer);

/// The --stats lines: frames, longest gap, work time, CPU time.
[[nodiscard]] std::string format_spin_stats(const spin_summary& summary);

/// The --json document (one object, newline-terminated).
[[nodiscard]] std::string format_spin_json(const spin_summary& summary);

}  // namespace concur
