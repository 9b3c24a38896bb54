// parse_worker_counts: bench's --procs, a range "1..8", a list "1,2,4" or one count "4".
#pragma once

#include "concur/core/execution_model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// The worker counts to sweep, ascending and without repeats, each from 1 to `most`.
/// Throws usage_error naming the bad text, the bad part of it, and what is allowed, in
/// concur's shape (refuse_value) and without the option's name, which the caller adds:
/// "'1,x' is not a set of worker counts ('x' is not a whole number from 1 to 512); allowed: ...".
[[nodiscard]] std::vector<unsigned> parse_worker_counts(std::string_view text, unsigned most = max_workers);

/// What is allowed, as the errors say it: "a range like 1..8 or a list like 1,2,4 of whole
/// numbers from 1 to 512".
[[nodiscard]] std::string worker_counts_allowed(unsigned most = max_workers);

/// bench's worker counts when --procs is not given: past the `cpus` this process may use, to
/// show where parallelism saturates. Every count from 1 to twice `cpus` when that is at most 8
/// (1..4 on 2 CPUs); beyond, the powers of two below `cpus`, `cpus` itself, then one and a half
/// and twice `cpus` (1, 2, 4, 8, 12, 16 on 8 CPUs). None above `most`.
[[nodiscard]] std::vector<unsigned> default_worker_sweep(unsigned cpus, unsigned most = max_workers);

/// The sweep as --procs would take it: "1..4", or "1,2,4,8,12,16".
[[nodiscard]] std::string describe_worker_counts(const std::vector<unsigned>& counts);

}  // namespace concur
