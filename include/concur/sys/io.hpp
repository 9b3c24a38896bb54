// read/write that survive signals: EINTR is retried, short writes are completed.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace concur::sys {

// `name` says what the descriptor is in error messages ("standard input", "'out.csv'"): a
// user knows their files by name, not by number. Without one, the number is given.

/// One read(2), retried on EINTR. Returns the bytes read (0 at end of file). Throws
/// fmt::system_error on failure ("cannot read standard input: Is a directory"); EAGAIN on a
/// non-blocking descriptor returns -1 instead.
[[nodiscard]] long read_some(int fd, std::span<std::byte> buffer, std::string_view name = {});

/// Writes every byte, retrying on EINTR and after short writes. Throws fmt::system_error
/// ("cannot write to 'out.csv': No space left on device"), EPIPE included, so the caller
/// decides what a closed reader means.
void write_all(int fd, std::span<const std::byte> bytes, std::string_view name = {});
void write_all(int fd, std::string_view text, std::string_view name = {});

/// The same loop without throwing, for signal handlers and animation frames: a failed write
/// is given up silently (there is nowhere to report it). Async-signal-safe.
void write_ignoring_errors(int fd, std::string_view text) noexcept;

}  // namespace concur::sys
