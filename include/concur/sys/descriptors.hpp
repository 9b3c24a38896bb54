// Descriptor hygiene: closing what a child must not hold, counting what a process holds.
#pragma once

#include <initializer_list>
#include <vector>

namespace concur::sys {

/// Closes every descriptor from 3 upwards except those in `keep` (0, 1 and 2 stay).
/// A forked worker calls it first: a pipe's write end still open in some child means the
/// reader never sees end-of-file, and a pool that waits for EOF then waits forever.
void close_descriptors_except(std::initializer_list<int> keep) noexcept;

/// The descriptors this process has open (from /proc/self/fd), for leak tests.
[[nodiscard]] std::vector<int> open_descriptors();

}  // namespace concur::sys
