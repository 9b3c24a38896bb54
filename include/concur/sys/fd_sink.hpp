// fd_sink: an output_sink over a file descriptor (standard output or error, a log file), buffered.
#pragma once

#include "concur/core/output_sink.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace concur::sys {

/// Thrown when the reader of standard output has gone (EPIPE), as with `concur ... | head`.
/// Not a failure of concur: the command stops quietly.
class output_closed : public std::runtime_error {
public:
    output_closed() : std::runtime_error("the output was closed by its reader") {}
};

/// What a failed write does. Results (standard output, a job log) `raise`: losing them must
/// fail the command. Diagnostics (standard error) `drop`: there is nowhere left to report the
/// failure, and it must not change the exit status, which says how the run went (3 for a lost
/// worker stays 3 under `2>&-`).
enum class write_failure { raise, drop };

/// Buffers up to a limit, then writes whole. When raising, EPIPE becomes output_closed and
/// any other write error (ENOSPC on /dev/full, EBADF when stdout is closed) a fmt::system_error
/// that names the sink: "cannot write to standard output: Bad file descriptor".
class fd_sink final : public output_sink {
public:
    /// `name` is what messages call it: "standard output", "the job log 'run.log'".
    fd_sink(int fd, std::string name, write_failure on_failure = write_failure::raise)
        : fd_(fd), name_(std::move(name)), on_failure_(on_failure) {}
    ~fd_sink() override;  // flushes what it can, never throws
    fd_sink(const fd_sink&) = delete;
    fd_sink& operator=(const fd_sink&) = delete;

    void write(std::string_view text) override;
    void flush() override;

private:
    static constexpr std::size_t flush_above = 1 << 16;
    int fd_;
    std::string name_;
    write_failure on_failure_;
    std::string buffer_;
};

}  // namespace concur::sys
