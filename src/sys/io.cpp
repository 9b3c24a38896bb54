// read/write that survive signals: EINTR is retried, short writes are completed.
#include "concur/sys/io.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <unistd.h>

namespace concur::sys {

long read_some(int fd, std::span<std::byte> buffer) {
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got >= 0) return static_cast<long>(got);
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return -1;
        throw fmt::system_error(errno, "cannot read from descriptor {}", fd);
    }
}

void write_all(int fd, std::span<const std::byte> bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::write(fd, bytes.data(), bytes.size());
        if (sent < 0) {
            if (errno == EINTR) continue;
            throw fmt::system_error(errno, "cannot write to descriptor {}", fd);
        }
        bytes = bytes.subspan(static_cast<std::size_t>(sent));
    }
}

void write_all(int fd, std::string_view text) {
    write_all(fd, std::as_bytes(std::span{text.data(), text.size()}));
}

}  // namespace concur::sys
