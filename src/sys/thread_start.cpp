// start_thread: a std::thread whose refusal says what ran out.
#include "concur/sys/thread_start.hpp"


namespace concur::sys::detail {

void throw_cannot_start_thread(const std::system_error& error) {
    if (error.code() == std::errc::resource_unavailable_try_again) {
        // EAGAIN from pthread_create: a thread is a task to the kernel, so the limits on
        // processes count it too, and its stack must be mapped.
        throw std::system_error(error.code(), "cannot start a thread (a limit is reached: ulimit -u, pids.max of its "
                                              "cgroup, the kernel's pid_max or threads-max, or memory for its stack)");
    }
    throw std::system_error(error.code(), "cannot start a thread");
}

}  // namespace concur::sys::detail
