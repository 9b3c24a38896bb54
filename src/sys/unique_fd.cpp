// unique_fd: owns one file descriptor and closes it exactly once.
#include "concur/sys/unique_fd.hpp"

#include <unistd.h>

namespace concur::sys {

void unique_fd::reset(int fd) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

}  // namespace concur::sys
