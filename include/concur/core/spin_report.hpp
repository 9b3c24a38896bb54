// What `concur spin` prints: the answer line, the --stats lines and the --json document.
#pragma once

#include "concur/core/execution_model.hpp"
#include "concur/core/fixed_text.hpp"
#include "concur/core/spin_stats.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
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

/// How a run of `concur spin` ended ("ending" in --json).
enum class spin_ending {
    complete,      // the answer is in
    spinner_lost,  // the answer is in, but the process model's spinner child died first (exit 3)
    interrupted,   // SIGINT or SIGTERM came first: no answer (exit 130, 143)
};

[[nodiscard]] std::string_view ending_name(spin_ending ending) noexcept;

/// The process model's spinner child that died before it was told to stop.
struct lost_spinner {
    long pid = 0;
    std::string_view how;  // "was killed by SIGKILL"
};

/// Everything a run of `concur spin` found out. The texts are views, so that a signal handler
/// can fill one in without allocating: format it while what they view lives.
struct spin_summary {
    execution_model model = execution_model::thread;  // thread, process or coroutine
    spin_answer answer;                    // the work (and the answer, unless interrupted)
    std::string_view spinner_object;       // "<std::thread ...>", "<child process ...>", "<task ...>"; "" before it exists
    unsigned nap = 0;                      // --nap, 0 when not given
    spin_stats stats;
    std::optional<std::chrono::nanoseconds> work_time;  // wall time of slow(), stops included; none before it began
    std::chrono::nanoseconds cpu_user{};   // this process and its reaped children
    std::chrono::nanoseconds cpu_system{};
    spin_ending ending = spin_ending::complete;
    std::optional<lost_spinner> lost;
};

/// 4000000000000000037 -> "4,000,000,000,000,000,037" (the book prints f'{n:,}').
[[nodiscard]] std::string with_thousands_separators(std::uint64_t n);

/// "Answer: 42", or "4,000,000,000,000,000,037 is prime" / "... is not prime", with a newline.
[[nodiscard]] std::string format_answer(const spin_answer& answer);

/// The --stats lines: frames, longest gap, work time, CPU time.
[[nodiscard]] std::string format_spin_stats(const spin_summary& summary);

/// Room enough for any --json document: its texts are concur's own and short (a spinner
/// object of about 60 bytes, a child's end of about 30), the rest is keys and numbers.
inline constexpr std::size_t spin_json_room = 2048;

/// The --json document (one object, newline-terminated), written into `out` without
/// allocating: an interrupt handler writes it too (see demos/spin_signals).
void format_spin_json(const spin_summary& summary, fixed_text& out) noexcept;
[[nodiscard]] std::string format_spin_json(const spin_summary& summary);

}  // namespace concur
