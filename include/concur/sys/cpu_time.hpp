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

}  // namespace concur::sys
