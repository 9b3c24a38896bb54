// The seed's spinner_async.py: a task on concur's event loop draws the spinner while another works.
#pragma once

#include "concur/core/spin_report.hpp"
#include "concur/demos/spin_console.hpp"
#include "concur/demos/spin_options.hpp"
#include "concur/runtime/task.hpp"

#include <cstdint>

namespace concur {

/// main() of the coroutine model: asyncio.run(supervisor()), returns slow()'s answer.
[[nodiscard]] spin_answer spin_with_coroutine(const spin_options& options, spin_console& console);

/// spinner_prime_async_nap.py's is_prime: is_prime's trial division, but every `nap`
/// divisors it awaits yield_now(), so the loop can run other tasks (the spinner) meanwhile.
/// Same answers as is_prime, slower by one loop turn per nap. `nap` must be at least 1.
[[nodiscard]] task<bool> is_prime_with_naps(std::uint64_t n, unsigned nap);

}  // namespace concur
