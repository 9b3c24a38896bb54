// cancelled: the exception a cancelled task receives at its pending await (asyncio.CancelledError).
#pragma once

#include <exception>

namespace concur {

/// Thrown out of the `co_await` a task is suspended at (or the next one it reaches) after
/// someone called cancel() on its handle. A task may catch it to clean up, as the spinner
/// does to clear its line; if it lets it escape, the task ends cancelled.
class cancelled : public std::exception {
public:
    [[nodiscard]] const char* what() const noexcept override { return "the task was cancelled"; }
};

}  // namespace concur
