// has_children: whether the test process has any child left, alive or a zombie (nothing reaped is missed).
#pragma once

#include <cerrno>
#include <sys/wait.h>

namespace concur::testing {

/// True while this process has a child: one running, or a zombie nobody reaped (which this
/// reaps, as a leak found). Never blocks.
inline bool has_children() {
    // waitpid fails with ECHILD only when this process has no child at all, zombie or alive.
    return ::waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD;
}

}  // namespace concur::testing
