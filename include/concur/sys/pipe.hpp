// make_pipe: a pipe as two owned ends.
#pragma once

#include "concur/sys/unique_fd.hpp"

#include <fcntl.h>

namespace concur::sys {

struct pipe_ends {
    unique_fd read_end;
    unique_fd write_end;
};

/// pipe2() with `flags` (O_CLOEXEC by default, so an exec'd program never inherits it).
/// Throws fmt::system_error on failure (EMFILE names the open-file limit).
[[nodiscard]] pipe_ends make_pipe(int flags = O_CLOEXEC);

/// Adds O_NONBLOCK to one descriptor's open file description.
void set_nonblocking(int fd);

}  // namespace concur::sys
