// make_pipe: a pipe as two owned ends.
#include "concur/sys/pipe.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cerrno>
#include <unistd.h>

namespace concur::sys {

pipe_ends make_pipe(int flags) {
    int fds[2];
    if (::pipe2(fds, flags) != 0) {
        if (errno == EMFILE) {
            throw fmt::system_error(errno, "cannot create pipe (the open-file limit, ulimit -n, is reached)");
        }
        throw fmt::system_error(errno, "cannot create pipe");
    }
    return {unique_fd{fds[0]}, unique_fd{fds[1]}};
}

void set_nonblocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        throw fmt::system_error(errno, "cannot make descriptor {} non-blocking", fd);
    }
}

}  // namespace concur::sys
