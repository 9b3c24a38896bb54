// Descriptor hygiene: closing what a child must not hold, counting what a process holds.
#include "concur/sys/descriptors.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <climits>
#include <dirent.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cstdlib>

namespace concur::sys {
namespace {

void close_range_of(unsigned first, unsigned last) noexcept {
    if (first > last) return;
    if (::syscall(SYS_close_range, first, last, 0) == 0) return;
    // Kernels before 5.9 have no close_range: close one by one up to the limit.
    const long limit = ::sysconf(_SC_OPEN_MAX);
    const unsigned end = std::min(last, limit > 0 ? static_cast<unsigned>(limit) : 1024U);
    for (unsigned fd = first; fd <= end; ++fd) ::close(static_cast<int>(fd));
}

}  // namespace

void close_descriptors_except(std::initializer_list<int> keep) noexcept {
    // No allocation: this runs in a freshly forked child.
    std::array<unsigned, 16> kept{};
    std::size_t count = 0;
    for (const int fd : keep) {
        if (fd >= 3 && count < kept.size()) kept[count++] = static_cast<unsigned>(fd);
    }
    std::sort(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(count));
    unsigned next = 3;
    for (const unsigned fd : std::span{kept.data(), count}) {
        if (fd > next) close_range_of(next, fd - 1);
        next = std::max(next, fd + 1);
    }
    close_range_of(next, UINT_MAX);
}

std::vector<int> open_descriptors() {
    std::vector<int> fds;
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) return fds;
    const int own = ::dirfd(dir);
    while (const dirent* entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.') continue;
        const int fd = std::atoi(entry->d_name);
        if (fd != own) fds.push_back(fd);
    }
    ::closedir(dir);
    std::sort(fds.begin(), fds.end());
    return fds;
}

}  // namespace concur::sys
