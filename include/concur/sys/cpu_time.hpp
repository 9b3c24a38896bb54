// process_cpu_time: the CPU this process and its reaped children have used.
#pragma once

#include <chrono>

namespace concur::sys {

struct cpu_time {
    std::chrono::nanoseconds user{};    // running our code
    std::chrono::nanoseconds system{};  // in the kernel on our behalf
};

/// getrusage(RUSAGE_SELF) plus getrusage(RUSAGE_CHILDREN): every thread of this process and
/// every child already reaped (a child still running is not counted yet).
[[nodiscard]] cpu_time process_cpu_time();

/// The same without throwing: false if getrusage failed. Async-signal-safe in practice:
/// glibc's getrusage is one system call, taking no lock (POSIX does not list it).
[[nodiscard]] bool read_process_cpu_time(cpu_time& total) noexcept;

}  // namespace concur::sys
