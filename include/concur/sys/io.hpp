// read/write that survive signals: EINTR is retried, short writes are completed.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace concur::sys {

/// One read(2), retried on EINTR. Returns the bytes read (0 at end of file). Throws
/// fmt::system_error on failure; EAGAIN on a non-blocking descriptor returns -1 instead.
[[nodiscard]] long read_some(int fd, std::span<std::byte> buffer);

/// Writes every byte, retrying on EINTR and after short writes. Throws fmt::system_error
/// (EPIPE included, so the caller decides what a closed reader means).
void write_all(int fd, std::span<const std::byte> bytes);
void write_all(int fd, std::string_view text);

}  // namespace concur::sys
