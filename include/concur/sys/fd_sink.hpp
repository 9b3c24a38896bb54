// fd_sink: an output_sink over a file descriptor (standard output or error), buffered.
#pragma once

#include "concur/core/output_sink.hpp"

#include <stdexcept>
#include <string>

namespace concur::sys {

/// Thrown when the reader of standard output has gone (EPIPE), as with `concur ... | head`.
/// Not a failure of concur: the command stops quietly.
class output_closed : public std::runtime_error {
public:
    output_closed() : std::runtime_error("the output was closed by its reader") {}
};

/// Buffers up to a limit, then writes whole. EPIPE becomes output_closed; any other write
/// error (ENOSPC on /dev/full, EBADF when stdout is closed) is a fmt::system_error.
class fd_sink final : public output_sink {
public:
    explicit fd_sink(int fd) noexcept : fd_(fd) {}
    ~fd_sink() override;  // flushes what it can, never throws
    fd_sink(const fd_sink&) = delete;
    fd_sink& operator=(const fd_sink&) = delete;

    void write(std::string_view text) override;
    void flush() override;

private:
    static constexpr std::size_t flush_above = 1 << 16;
    int fd_;
    std::string buffer_;
};

}  // namespace concur::sys
