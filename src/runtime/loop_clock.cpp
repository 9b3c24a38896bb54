// loop_clock: the event loop's view of time: read it, and block the thread until a deadline.
#include "concur/runtime/loop_clock.hpp"

#include "concur/sys/sleep.hpp"

namespace concur {

void steady_loop_clock::sleep_until(time_point deadline) { sys::sleep_until(deadline); }

}  // namespace concur
