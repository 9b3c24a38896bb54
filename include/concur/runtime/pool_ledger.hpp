// pool_ledger: the parent's side of a prime pool, whatever the transport: batches to send,
// batches in flight, and each answer matched to the batch it belongs to.
#pragma once

#include "concur/core/wire_records.hpp"
#include "concur/runtime/in_order_release.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"

#include <algorithm>
#include <deque>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace concur::detail {

/// A number and its sequence number: its place in the input, from 0. The sequence number goes
/// wherever the number goes (read, sent, taken back, sent again), so that its answer can be
/// put back in input order (in_order_release.hpp).
struct queued_number {
    std::uint64_t number = 0;
    std::uint64_t sequence = 0;
};

/// The process pool and the thread pool differ only in how records travel (pipes or an
/// in-memory queue); what they send, and how they account for it, is this one class. So the
/// two models are compared on their transport alone.
class pool_ledger {
public:
    /// With `keep_order`, results reach `listener` in input order, and no more than
    /// `held_results_bound` wait for a slower one before new numbers stop going out.
    pool_ledger(number_source& source, const batch_planner& planner, unsigned workers, pool_listener& listener,
                pool_report& report, bool keep_order = false,
                std::size_t held_results_bound = default_held_results_bound)
        : source_(source), planner_(planner), listener_(listener), report_(report), workers_(workers) {
        planner_.capacity = job_record::capacity;
        if (keep_order) in_order_.emplace(listener, held_results_bound);
    }

    // --- input -------------------------------------------------------------------------

    /// Read ahead only a little: the input streams through, it is never held whole.
    [[nodiscard]] bool wants_input() const noexcept {
        return !source_ended_ && !stop_sending_ && pending_.size() < job_record::capacity;
    }
    /// A descriptor to poll before read_input() (standard input), or -1.
    [[nodiscard]] int input_fd() const noexcept { return wants_input() ? source_.poll_fd() : -1; }
    /// Reads now when the source never blocks (a list in memory).
    void refill_if_never_blocks() {
        if (wants_input() && source_.poll_fd() < 0) read_input();
    }
    void read_input() {
        const std::size_t already = pending_.size();
        try {
            source_ended_ = !source_.read_more(pending_);
        } catch (bad_input& error) {
            // The run stops at the bad token; what was read and is not answered goes with it,
            // and the results held for their turn are handed on: they stand.
            append_unanswered(error.unchecked);
            release_held();
            throw;
        }
        while (pending_sequences_.size() < pending_.size()) pending_sequences_.push_back(next_sequence_++);
        order_longest_first(already);
    }

    // --- jobs --------------------------------------------------------------------------

    /// The next record to send: a batch, or, once every number is on its way, one poison
    /// pill per worker. Nothing when no record is ready (waiting for input, or all sent).
    /// A batch is in flight from here on: send it, or its numbers are reported unchecked.
    [[nodiscard]] std::optional<job_record> take_next_record() {
        if (stop_sending_) return std::nullopt;
        refill_if_never_blocks();
        std::size_t size = planner_.next_batch_size(pending_);
        // Enough results wait for a slow number: no new number goes out until it comes in, or
        // memory would grow with the input. Numbers put back for a retry still go: the slow
        // number may be one of them, and the run would wait on itself.
        if (in_order_ && in_order_->full()) size = std::min(size, put_back_count_);
        if (size > 0) {
            const auto end = static_cast<std::ptrdiff_t>(size);
            job_record record;
            record.kind = job_kind::numbers;
            record.batch = next_batch_++;
            record.count = static_cast<std::uint32_t>(size);
            batch_in_flight& batch = in_flight_[record.batch];
            batch.numbers.assign(pending_.begin(), pending_.begin() + end);
            batch.sequences.assign(pending_sequences_.begin(), pending_sequences_.begin() + end);
            std::copy(batch.numbers.begin(), batch.numbers.end(), record.numbers.begin());
            pending_.erase(pending_.begin(), pending_.begin() + end);
            pending_sequences_.erase(pending_sequences_.begin(), pending_sequences_.begin() + end);
            put_back_count_ -= std::min(size, put_back_count_);
            return record;
        }
        // With retries, a batch still in flight may come back (its worker died), and a batch
        // written behind the pills would never be read: the pills wait for the last answer.
        if (hold_pills_ && !in_flight_.empty()) return std::nullopt;
        if (source_ended_ && pending_.empty() && pills_sent_ < workers_) {
            ++pills_sent_;
            job_record pill;
            pill.kind = job_kind::poison_pill;
            return pill;
        }
        return std::nullopt;
    }
    /// Nothing more will be sent (every worker is gone, or the run was interrupted).
    void stop_sending() noexcept { stop_sending_ = true; }

    /// Send the poison pills only once every batch is answered (see take_next_record).
    void hold_pills_until_answered() noexcept { hold_pills_ = true; }

    /// A worker died holding `batch`: the numbers of it nobody answered leave the flight and
    /// are returned (empty if the batch was fully answered), for the caller to send again
    /// (put_back) or give up.
    [[nodiscard]] std::vector<queued_number> take_back(std::uint64_t batch) {
        const auto found = in_flight_.find(batch);
        if (found == in_flight_.end()) return {};  // fully answered: the worker held nothing
        const batch_in_flight& taken = found->second;
        std::vector<queued_number> left;
        for (std::size_t i = taken.answered; i < taken.numbers.size(); ++i) {
            left.push_back({taken.numbers[i], taken.sequences[i]});
        }
        in_flight_.erase(found);
        return left;
    }
    /// Numbers to send first, before any not yet sent.
    void put_back(const std::vector<queued_number>& numbers) {
        for (auto it = numbers.rbegin(); it != numbers.rend(); ++it) {
            pending_.push_front(it->number);
            pending_sequences_.push_front(it->sequence);
        }
        put_back_count_ += numbers.size();
    }
    /// A number that will not be checked (tried too often): reported unchecked, and no
    /// result waits for it any more.
    void give_up(const queued_number& given_up) {
        report_.unchecked.push_back(given_up.number);
        if (in_order_) in_order_->skip(given_up.sequence);
    }
    /// A worker was lost holding `batch`, and nobody takes its place: what it did not answer
    /// is given up now, not at the end, so that no result waits for it meanwhile.
    void abandon(std::uint64_t batch) {
        for (const queued_number& left : take_back(batch)) give_up(left);
    }

    // --- results -----------------------------------------------------------------------

    /// A record of verdicts (done records are the loop's: it counts them).
    void accept(const result_record& record) {
        const auto batch = in_flight_.find(record.batch);
        if (batch == in_flight_.end() || record.first_index != batch->second.answered ||
            record.first_index + record.count > batch->second.numbers.size()) {
            throw std::runtime_error("a result does not match any job sent");
        }
        const std::chrono::steady_clock::time_point record_start{std::chrono::nanoseconds{record.started_ns}};
        for (std::uint32_t i = 0; i < record.count; ++i) {
            const verdict& v = record.verdicts[i];
            ++report_.checked;
            const checked_number result{v.number, v.prime != 0, std::chrono::nanoseconds{v.elapsed_ns}, record.worker,
                                        record_start + std::chrono::nanoseconds{v.start_offset_ns}};
            if (in_order_) {
                in_order_->answered(batch->second.sequences[record.first_index + i], result);
            } else {
                listener_.on_result(result);
            }
        }
        batch->second.answered += record.count;
        if (batch->second.answered == batch->second.numbers.size()) in_flight_.erase(batch);
    }

    /// What a stopped worker had checked and not sent (its outbox): the verdicts of `record`
    /// not yet answered. Some may have been sent and read already (the worker was stopped
    /// between sending the record and emptying its outbox), or belong to a batch answered in
    /// full: those are skipped, so nothing is answered twice.
    void accept_unsent(const result_record& record) {
        const auto batch = in_flight_.find(record.batch);
        if (record.kind != result_kind::verdicts || batch == in_flight_.end()) return;
        const std::size_t answered = batch->second.answered;
        const std::size_t end = record.first_index + std::size_t{record.count};
        if (record.first_index > answered || end <= answered) return;
        const std::size_t skipped = answered - record.first_index;
        result_record rest = record;  // verdict offsets stay relative to the same started_ns
        std::copy(record.verdicts.begin() + static_cast<std::ptrdiff_t>(skipped),
                  record.verdicts.begin() + static_cast<std::ptrdiff_t>(record.count), rest.verdicts.begin());
        rest.first_index = static_cast<std::uint32_t>(answered);
        rest.count = static_cast<std::uint32_t>(end - answered);
        accept(rest);
    }

    /// At the end: every number dispatched or read but never answered, sorted; and the results
    /// still held for their turn, handed on in order over the gaps those numbers leave.
    void collect_unchecked() {
        append_unanswered(report_.unchecked);
        std::sort(report_.unchecked.begin(), report_.unchecked.end());
        report_.input_left_unread = !source_ended_;
        release_held();
    }

    /// With keep_order: how many results wait for an earlier one (0 without).
    [[nodiscard]] std::size_t held_results() const noexcept { return in_order_ ? in_order_->held() : 0; }

private:
    void release_held() {
        if (in_order_) in_order_->release_all();
    }

    /// Longest first (batch_planner) on what was just read, each sequence number moving with
    /// its number. Not with keep_order: the output would wait on the reordering, the first
    /// number's answer behind the heaviest numbers read with it, and the results held
    /// meanwhile would grow with the chunk read instead of with how slow one number is.
    void order_longest_first(std::size_t from) {
        if (in_order_ || from == pending_.size()) return;
        std::vector<queued_number> fresh;
        fresh.reserve(pending_.size() - from);
        for (std::size_t i = from; i < pending_.size(); ++i) fresh.push_back({pending_[i], pending_sequences_[i]});
        planner_.order_longest_first(fresh.begin(), fresh.end(), &queued_number::number);
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            pending_[from + i] = fresh[i].number;
            pending_sequences_[from + i] = fresh[i].sequence;
        }
    }

    /// Every number in flight and not answered, or read and not yet sent.
    void append_unanswered(std::vector<std::uint64_t>& numbers) const {
        for (const auto& [id, batch] : in_flight_) {
            numbers.insert(numbers.end(), batch.numbers.begin() + static_cast<std::ptrdiff_t>(batch.answered),
                           batch.numbers.end());
        }
        numbers.insert(numbers.end(), pending_.begin(), pending_.end());
    }

    struct batch_in_flight {
        std::vector<std::uint64_t> numbers;
        std::vector<std::uint64_t> sequences;  // each number's place in the input
        std::size_t answered = 0;  // answers arrive in order within a batch
    };

    number_source& source_;
    batch_planner planner_;
    pool_listener& listener_;
    pool_report& report_;
    unsigned workers_;                                              // one poison pill each
    std::deque<std::uint64_t> pending_;                             // read, not yet in a batch
    std::deque<std::uint64_t> pending_sequences_;                   // their sequence numbers
    std::size_t put_back_count_ = 0;                                // at pending_'s front: retries
    std::uint64_t next_sequence_ = 0;                               // for the next number read
    std::optional<in_order_release> in_order_;                      // with keep_order only
    std::unordered_map<std::uint64_t, batch_in_flight> in_flight_;  // sent, not fully answered
    std::uint64_t next_batch_ = 0;
    unsigned pills_sent_ = 0;
    bool source_ended_ = false;
    bool stop_sending_ = false;
    bool hold_pills_ = false;
};

}  // namespace concur::detail
