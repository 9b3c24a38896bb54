// read/write that survive signals: EINTR is retried, short writes are completed.
#include "concur/sys/io.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <string>
#include <unistd.h>

namespace concur::sys {
namespace {

std::string describe(int fd, std::string_view name) {
    return name.empty() ? fmt::format("descriptor {}", fd) : std::string{name};
}

/// Writes every byte, retrying on EINTR and after short writes; 0, or the errno of the failure.
/// No allocation and no lock: signal handlers use it too.
int write_every_byte(int fd, std::span<const std::byte> bytes) noexcept {
    while (!bytes.empty()) {
        const ssize_t sent = ::write(fd, bytes.data(), bytes.size());
        if (sent < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        bytes = bytes.subspan(static_cast<std::size_t>(sent));
    }
    return 0;
}

}  // namespace

long read_some(int fd, std::span<std::byte> buffer, std::string_view name) {
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got >= 0) return static_cast<long>(got);
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return -1;
        const int error = errno;  // before describe(), which may allocate and so set errno
        throw fmt::system_error(error, "cannot read {}", describe(fd, name));
    }
}

void write_all(int fd, std::span<const std::byte> bytes, std::string_view name) {
    if (const int error = write_every_byte(fd, bytes); error != 0) {
        throw fmt::system_error(error, "cannot write to {}", describe(fd, name));
    }
}

void write_all(int fd, std::string_view text, std::string_view name) {
    write_all(fd, std::as_bytes(std::span{text.data(), text.size()}), name);
}

void write_ignoring_errors(int fd, std::string_view text) noexcept {
    (void)write_every_byte(fd, std::as_bytes(std::span{text.data(), text.size()}));
}

}  // namespace concur::sys
