// Standard input, output and error kept occupied, so that concur's own files never land there.
#include "concur/sys/standard_descriptors.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace concur::sys {

void occupy_closed_standard_descriptors() noexcept {
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;  // open: leave it alone
        const int null = ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        if (null < 0) continue;
        // The lowest free descriptor is `fd` itself, unless a lower one could not be filled.
        if (null != fd) {
            ::dup2(null, fd);
            ::close(null);
        }
    }
}

}  // namespace concur::sys
