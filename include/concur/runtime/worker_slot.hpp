// worker_slot: one place in a prime pool, and what the parent knows of the worker holding it.
#pragma once

#include "concur/runtime/worker_activity.hpp"

namespace concur {

/// Where a worker is in its life, as the parent sees it.
enum class worker_state {
    not_started,  // the place is empty: the pool has not started its worker yet
    working,      // started, has not said done
    said_done,    // its done record has arrived: it is exiting, not yet reaped (or joined)
    finished,     // said done, then ended cleanly
    lost,         // ended without saying done (or badly after it), and nobody took its place
    stopped,      // ended by the parent (an interrupt, or the pool giving up on an error)
};

/// One per worker, made by the pool (the only thing --procs sizes). A worker replaced after
/// a loss (--retries) takes the same slot: the same number, a new system id.
struct worker_slot {
    unsigned number = 0;            // from 1: what results, the job log and messages name
    long system_id = 0;             // the pid, or the thread id (gettid): what ps and top -H show
    worker_state state = worker_state::not_started;
    worker_activity* activity = nullptr;  // set by the transport: where this worker publishes
                                          // its number (shared memory, for a process)
    unsigned replacements_in_a_row = 0;   // --retries: workers started here since it last answered

    /// Started and not yet reaped or joined: the transport still owes an ending.
    [[nodiscard]] bool running() const noexcept {
        return state == worker_state::working || state == worker_state::said_done;
    }
};

}  // namespace concur
