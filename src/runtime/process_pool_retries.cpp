// process_pool_retries: --retries, the numbers a dead worker held checked again on a fresh worker.
#include "process_pool_retries.hpp"

#include "concur/runtime/pool_loop.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace concur {
namespace {

class pool_with_retries final : public pool_loop {
public:
    pool_with_retries(pool_transport& transport, number_source& source, const pool_options& options,
                      pool_listener& listener)
        : pool_loop(transport, source, options, listener), retries_(options.retries) {
        // A batch still in flight may come back (its worker died), and a batch written behind
        // the pills would never be read: the pills wait for the last answer.
        ledger_.hold_pills_until_answered();
    }

private:
    /// What the dead worker held goes back in the queue (the transport names the batch) and a
    /// fresh worker takes its place, so the pool keeps its size. An idle worker is replaced
    /// too (killed by hand, or by the OOM killer, while the pool waits for input): a pool that
    /// shrank silently could be left with no worker at all.
    bool replace_lost_worker(worker_slot& slot, std::optional<std::uint64_t> checking) override {
        const auto last_job = transport_.last_job(slot);
        if (last_job && last_job->kind == job_kind::poison_pill) return false;  // its work was over
        // Workers only die alone here by a crash or a kill: the number being checked is the
        // suspect, and is charged one try.
        const bool charged = last_job && take_back(last_job->batch, checking);
        if (!charged && !spend_uncharged_replacement(slot)) return false;
        start(slot);
        return true;
    }

    /// An answer makes the worker's place worth refilling again (spend_uncharged_replacement).
    void answered(worker_slot& slot) override { slot.replacements_in_a_row = 0; }

    /// A lost worker whose numbers were all answered by others costs nothing.
    [[nodiscard]] bool a_loss_fails_the_run() const noexcept override { return false; }

    /// The worker died holding `batch`, maybe while checking `culprit`. The culprit is charged
    /// one try; past `retries` tries it is reported unchecked. Every other unanswered number of
    /// the batch goes back to the front of the queue, uncharged: it never ran, or it ran and
    /// its verdict died unsent. Returns whether the culprit was charged, that is whether a
    /// number paid for this death (each number pays for at most retries + 1).
    bool take_back(std::uint64_t batch, std::optional<std::uint64_t> culprit) {
        std::vector<detail::queued_number> left = ledger_.take_back(batch);
        bool charged = false;
        if (culprit) {
            const auto at = std::find_if(left.begin(), left.end(), [&](const auto& q) { return q.number == *culprit; });
            charged = at != left.end();
            if (charged && ++tries_[*culprit] > retries_) {
                ledger_.give_up(*at);
                left.erase(at);
            }
        }
        ledger_.put_back(left);
        return charged;
    }

    /// Every replacement must be paid for, or workers killed as fast as they are forked would
    /// keep the parent forking forever. A death charged to a number is paid by that number
    /// (it has retries + 1 tries). Any other death (idle, or between two numbers) is paid by
    /// the worker's place in the pool: it is refilled at most `retries` times in a row, and an
    /// answer from the worker there starts the count again. Returns false when none is left.
    bool spend_uncharged_replacement(worker_slot& slot) const noexcept {
        if (slot.replacements_in_a_row == retries_) return false;
        ++slot.replacements_in_a_row;
        return true;
    }

    unsigned retries_;
    std::unordered_map<std::uint64_t, unsigned> tries_;  // per number: workers lost checking it
};

}  // namespace

pool_report run_pool_with_retries(pool_transport& transport, number_source& source, const pool_options& options,
                                  pool_listener& listener) {
    pool_with_retries pool{transport, source, options, listener};
    return pool.run();
}

}  // namespace concur
