// The text `concur primes` prints, in the seed's shape, and the same facts as JSON.
#pragma once

#include "concur/core/execution_model.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concur {

/// "Checking 5 numbers with 2 processes:" (or "numbers from standard input" when the count
/// is not known in advance); "Checking 20 numbers sequentially:"; "... with coroutines, one at
/// a time on one thread:"; "... with 2 worker ranks on 1 host (MPI):". A `method` is named
/// before the colon: "Checking 5 numbers with 2 processes (Miller-Rabin):". `workers` counts
/// only for models that use workers; `hosts` (how many machines the workers run on) for MPI.
/// `stream` names where numbers of unknown count come from: "'numbers.txt'" for --input.
[[nodiscard]] std::string format_primes_header(std::optional<std::size_t> count, execution_model model,
                                               unsigned workers, std::string_view method = {}, unsigned hosts = 1,
                                               std::string_view stream = "standard input");

/// How a header names the units that ran: "with 2 threads", "with 1 process", "sequentially",
/// "with coroutines, one at a time on one thread", "with 8 worker ranks on 2 hosts".
[[nodiscard]] std::string describe_units(execution_model model, unsigned workers, unsigned hosts = 1);

/// The seed's result line, `{n:>16}  {P or space} {elapsed:9.6f}s`, with a newline. The number
/// column is `width` wide, or wider when the number needs it.
void append_result_line(std::string& out, std::uint64_t number, bool prime,
                        std::chrono::nanoseconds elapsed, std::size_t width = 16);

/// "5 checks in 0.41s"
[[nodiscard]] std::string format_primes_summary(std::uint64_t checked, std::chrono::nanoseconds elapsed);

/// How many digits `n` has in decimal (1 for 0).
[[nodiscard]] std::size_t decimal_digits(std::uint64_t n) noexcept;

/// Seconds as a JSON number, with nanosecond precision.
[[nodiscard]] std::string json_seconds(std::chrono::nanoseconds elapsed);

/// The "kernel" member's value in `primes --json`: the trial-division kernel in use,
/// {"name": "avx512-reciprocal", "simd_level": "avx512", "choice": "measured"}, or null when
/// `uses_kernel` is false (a method without one). With `workers_choose` (forked workers reading
/// numbers this process never measured for: standard input), a kernel this process did not
/// measure or force is reported with the choice "per worker": below measure_kernels_from every
/// worker uses the one named, from there each measures its own.
[[nodiscard]] std::string kernel_json(bool uses_kernel, bool workers_choose);

/// A JSON string literal, quotes included.
[[nodiscard]] std::string json_string(std::string_view text);

}  // namespace concur
