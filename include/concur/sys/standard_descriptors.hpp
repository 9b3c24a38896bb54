// Standard input, output and error kept occupied, so that concur's own files never land there.
#pragma once

namespace concur::sys {

/// For each of descriptors 0, 1 and 2 that is closed (`concur primes - <&-`), opens /dev/null
/// in its place, with the opposite access mode: write-only as standard input, read-only as
/// standard output and error.
///
/// Why: open() and pipe() return the lowest free descriptor. With 0 closed, the pool's first
/// pipe would become standard input and concur would read its own pipe, forever; with 2
/// closed, diagnostics would be written into a pipe. Occupied the wrong way round, the slot
/// is taken, and a read of 0 or a write to 1 or 2 still fails with EBADF exactly as on a
/// closed descriptor: `>&-` is still an error to report, `<&-` one too.
///
/// Call it first in main, before anything opens a file. Never fails: without /dev/null the
/// descriptor stays closed.
void occupy_closed_standard_descriptors() noexcept;

}  // namespace concur::sys
