// manual_clock: a loop_clock for tests: time moves only when the loop sleeps or the test says so.
#pragma once

#include "concur/runtime/loop_clock.hpp"

#include <vector>

namespace concur::testing {

/// sleep_until jumps straight to the deadline (plus `lateness`, to imitate a late wake-up)
/// and records it, so a test can see exactly when and how often the loop blocked.
class manual_clock final : public loop_clock {
public:
    [[nodiscard]] time_point now() override { return now_; }
    void sleep_until(time_point deadline) override {
        sleeps.push_back(deadline);
        if (deadline + lateness > now_) now_ = deadline + lateness;
    }
    void advance(duration by) { now_ += by; }

    std::vector<time_point> sleeps;  // every deadline the loop blocked until, in order
    duration lateness{};             // how late each wake-up is

private:
    time_point now_ = time_point{std::chrono::hours{1}};
};

}  // namespace concur::testing
