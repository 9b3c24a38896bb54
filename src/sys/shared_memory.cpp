// shared_array: memory that stays shared between a process and the children it forks.
#include "concur/sys/shared_memory.hpp"

#include <fmt/os.h>

#include <cerrno>
#include <sys/mman.h>

namespace concur::sys {

shared_mapping::shared_mapping(std::size_t bytes) : bytes_(bytes) {
    data_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (data_ == MAP_FAILED) {
        data_ = nullptr;
        throw fmt::system_error(errno, "cannot map {} bytes of shared memory", bytes_);
    }
}

shared_mapping::~shared_mapping() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
}

}  // namespace concur::sys
