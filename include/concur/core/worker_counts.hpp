// parse_worker_counts: bench's --procs, a range "1..8", a list "1,2,4" or one count "4".
#pragma once

#include <string_view>
#include <vector>

namespace concur {

/// The worker counts to sweep, ascending and without repeats, each from 1 to `most`.
/// Throws usage_error naming the bad text and what is allowed ("8..1", "0", "2,x").
[[nodiscard]] std::vector<unsigned> parse_worker_counts(std::string_view text, unsigned most = 512);

}  // namespace concur
