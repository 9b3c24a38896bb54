// manual_poller: a descriptor_poller for tests: real pipes looked at without blocking, manual time.
#pragma once

#include "concur/runtime/descriptor_poller.hpp"
#include "support/manual_clock.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include <poll.h>

namespace concur::testing {

/// Records every wait the loop asks for, then looks at the descriptors with a poll that never
/// blocks: a descriptor is ready only if the test wrote into its pipe (or closed it). When
/// none is, the wait "lasts" its whole timeout: the manual clock jumps by it, as
/// manual_clock::sleep_until jumps to a deadline. A test that lets the loop wait with no
/// timeout and nothing to read would block forever: that throws instead.
class manual_poller final : public descriptor_poller {
public:
    struct wait_record {
        std::vector<int> descriptors;                 // what the loop watched, in its order
        std::optional<loop_clock::duration> timeout;  // none: no limit; zero: a look only
        bool operator==(const wait_record&) const = default;
    };

    explicit manual_poller(manual_clock& clock) noexcept : clock_(clock) {}

    void wait(std::span<pollfd> descriptors, std::optional<loop_clock::duration> timeout) override {
        wait_record record{{}, timeout};
        for (const pollfd& entry : descriptors) record.descriptors.push_back(entry.fd);
        waits.push_back(std::move(record));
        const auto start = clock_.now();
        if (while_blocked) std::exchange(while_blocked, {})();
        if (::poll(descriptors.data(), descriptors.size(), 0) > 0) return;
        if (!timeout) throw std::logic_error("the loop would wait forever (nothing to read, no timer)");
        if (clock_.now() < start + *timeout) clock_.advance(start + *timeout - clock_.now());
    }

    std::vector<wait_record> waits;       // every wait, in order
    std::function<void()> while_blocked;  // runs once, inside the next wait, before the look

private:
    manual_clock& clock_;
};

}  // namespace concur::testing
