// fd_sink: an output_sink over a file descriptor (standard output or error, a log file), buffered.
#include "concur/sys/fd_sink.hpp"

#include "concur/sys/io.hpp"

#include <cerrno>
#include <system_error>

namespace concur::sys {

fd_sink::~fd_sink() {
    try {
        flush();
    } catch (...) {  // destructors report and never throw; the error was already reported
    }
}

void fd_sink::write(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= flush_above) flush();
}

void fd_sink::flush() {
    if (buffer_.empty()) return;
    std::string pending;
    pending.swap(buffer_);  // dropped even on failure: never retried, never written twice
    try {
        write_all(fd_, pending, name_);
    } catch (const std::system_error& error) {
        if (on_failure_ == write_failure::drop) return;
        if (error.code().value() == EPIPE) throw output_closed{};
        throw;
    }
}

}  // namespace concur::sys
