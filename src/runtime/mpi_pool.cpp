// run_mpi_pool: the seed's processor pool across machines, rank 0 feeding worker ranks MPI messages.
#include "concur/runtime/mpi_pool.hpp"

#include "concur/runtime/idle_backoff.hpp"
#include "concur/runtime/mpi_world.hpp"
#include "concur/runtime/pool_loop.hpp"
#include "mpi_messages.hpp"

#include <fmt/os.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <deque>
#include <memory>
#include <poll.h>
#include <stdexcept>

namespace concur {
namespace {

using detail::mpi_tag;
using detail::tag;

/// How many batches a worker rank may hold at once, counting the one it is checking. A pipe is
/// one queue every worker takes from when it is free; an MPI message goes to one rank, chosen
/// when it is sent. Holding one batch, a rank would wait a round trip after each (its result
/// to rank 0, the next job back: 50 to 200 us across a network, up to rank 0's sleep here),
/// idle. Holding many, it could sit on work queued behind a long check while another rank
/// idles at the end of a run. So: cheap batches (estimated below the planner's budget, about a
/// millisecond) may queue eight deep, a few milliseconds of work, more than rank 0's short
/// sleep; behind a costly one (a number that may take seconds), one more may wait.
constexpr std::size_t most_cheap_batches = 8;
constexpr std::size_t most_batches = 2;

/// A batch a worker rank holds: sent, not yet fully answered.
struct held_batch {
    std::uint64_t batch = 0;
    std::uint32_t due = 0;  // verdicts still to come
    bool cheap = false;     // estimated below the planner's budget
};

std::array<MPI_Request, most_cheap_batches> no_requests() {
    std::array<MPI_Request, most_cheap_batches> requests{};
    requests.fill(MPI_REQUEST_NULL);
    return requests;
}

/// Rank 0's side of one worker rank.
struct rank_link {
    std::array<job_record, most_cheap_batches> sending{};  // MPI_Isend reads them until complete
    std::array<MPI_Request, most_cheap_batches> requests = no_requests();
    std::deque<held_batch> held;  // in the order sent, which is the order the rank checks them
    MPI_Request pill = MPI_REQUEST_NULL;
    bool pill_sent = false;

    /// A buffer whose send is complete (the rank has the job), or nothing.
    [[nodiscard]] std::optional<std::size_t> free_buffer() {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            int complete = 1;
            if (requests[i] != MPI_REQUEST_NULL) MPI_Test(&requests[i], &complete, MPI_STATUS_IGNORE);
            if (complete != 0) return i;
        }
        return std::nullopt;
    }
    /// Whether it holds a cheap batch: answered soon.
    [[nodiscard]] bool holds_cheap_work() const {
        return std::any_of(held.begin(), held.end(), [](const held_batch& b) { return b.cheap; });
    }
    [[nodiscard]] bool has_room() {
        const bool all_cheap = std::all_of(held.begin(), held.end(), [](const held_batch& b) { return b.cheap; });
        const std::size_t limit = all_cheap ? most_cheap_batches : most_batches;
        return !pill_sent && held.size() < limit && free_buffer();
    }
};

/// MPI messages: rank 0 sends each job to the worker rank holding the fewest batches, and
/// takes results from any rank. MPI has no descriptor to poll, so rank 0 waits by looking
/// for messages (MPI_Iprobe) between short polls of the signal pipe and standard input, the
/// polls growing while nothing comes (idle_backoff.hpp).
class mpi_transport final : public pool_transport {
public:
    mpi_transport(const mpi_world& world, const batch_planner& planner)
        : world_(world), planner_(planner), links_(world.size()) {}
    mpi_transport(const mpi_transport&) = delete;
    mpi_transport& operator=(const mpi_transport&) = delete;

    ~mpi_transport() override {
        // A complete run has every send complete. After an interrupt some job may still be on
        // its way to a rank that will never take it: its request is let go, and its buffer
        // kept, since MPI may read it until the job ends (end_mpi_world aborts it next).
        bool pending = false;
        for (rank_link& link : links_) {
            for (MPI_Request& request : link.requests) pending |= let_go(request);
            pending |= let_go(link.pill);
        }
        if (pending) (void)new std::vector<rank_link>(std::move(links_));  // kept on purpose
    }

    void prepare(std::span<worker_slot> slots) override {
        activities_ = std::make_unique<worker_activity[]>(slots.size());
        for (worker_slot& slot : slots) slot.activity = &activities_[slot.number - 1];
    }

    void start_worker(worker_slot& slot) override {
        // The launcher started every rank before rank 0 began: a worker starts by being named.
        slot.system_id = world_.ranks().at(slot.number).pid;
    }

    send_outcome send(const job_record& job) override {
        if (job.kind == job_kind::poison_pill) return send_pill();
        rank_link* chosen = nullptr;
        for (std::size_t offset = 0; offset + 1 < links_.size(); ++offset) {
            // Round robin from the rank after the last one chosen, so ties spread the work.
            const std::size_t rank = 1 + (next_rank_ - 1 + offset) % (links_.size() - 1);
            rank_link& link = links_[rank];
            if (link.has_room() && (chosen == nullptr || link.held.size() < chosen->held.size())) chosen = &link;
        }
        if (chosen == nullptr) return send_outcome::full;
        const auto rank = static_cast<int>(chosen - &links_[0]);
        next_rank_ = static_cast<std::size_t>(rank) % (links_.size() - 1) + 1;
        const std::size_t buffer = *chosen->free_buffer();
        chosen->sending[buffer] = job;
        MPI_Isend(&chosen->sending[buffer], detail::bytes_in_use(job), MPI_BYTE, rank, tag(mpi_tag::job),
                  MPI_COMM_WORLD, &chosen->requests[buffer]);
        chosen->held.push_back({job.batch, job.count, is_cheap(job)});
        return send_outcome::sent;
    }

    receive_outcome receive(const std::function<void(const result_record&)>& deliver) override {
        // A bounded number per call, so that a flood of results cannot keep the loop from its
        // other steps (signals, standard input, sending the next jobs).
        constexpr int most_per_call = 64;
        int received = 0;
        for (; received < most_per_call; ++received) {
            int arrived = 0;
            MPI_Status status{};
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
            if (arrived == 0) break;
            deliver(take_message(status));
        }
        // A rank never ends alone: MPI ends the whole job when one dies. So never no_more.
        return received > 0 ? receive_outcome::some : receive_outcome::nothing;
    }

    pool_wakeup wait(const pool_wait& what) override {
        // Cheap work out: its answers come soon, and the rank needs its next job as soon.
        const bool answers_soon = std::any_of(links_.begin() + 1, links_.end(),
                                              [](const rank_link& link) { return link.holds_cheap_work(); });
        idle_backoff backoff{answers_soon ? idle_backoff::short_sleep : idle_backoff::longest_sleep};
        for (;;) {
            int arrived = 0;
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, MPI_STATUS_IGNORE);
            const bool room = what.job_waiting && any_room();
            const auto sleep = arrived != 0 || room ? std::chrono::microseconds{0} : backoff.next();
            std::array<pollfd, 2> fds{};  // poll() skips a negative descriptor
            fds[0] = pollfd{what.signal_fd, POLLIN, 0};
            fds[1] = pollfd{what.input_fd, POLLIN, 0};
            const timespec timeout{0, static_cast<long>(std::chrono::nanoseconds{sleep}.count())};
            if (::ppoll(fds.data(), fds.size(), &timeout, nullptr) < 0) {
                if (errno == EINTR) return {};  // a signal: its byte is on the signal pipe
                throw fmt::system_error(errno, "cannot poll the signal pipe and standard input");
            }
            const pool_wakeup woke{.signal = fds[0].revents != 0, .input = fds[1].revents != 0,
                                   .results = arrived != 0, .room = room};
            if (woke.signal || woke.input || woke.results || woke.room) return woke;
        }
    }

    sys::child_exit wait_for_end(worker_slot& /*slot*/) override {
        return {true, 0};  // it said done: it ends with the job (MPI_Finalize), not before
    }

    void stop_workers(std::span<worker_slot> /*slots*/) noexcept override {
        // No rank can be stopped alone from here: MPI stops a job whole (MPI_Abort), and not
        // before rank 0 has reported. end_mpi_world() does that with the exit status; until
        // then the ranks finish what they hold, and nothing more is sent.
    }

private:
    /// Receives the message `status` announced, accounts for it, and returns it as a record.
    result_record take_message(const MPI_Status& status) {
        const int rank = status.MPI_SOURCE;
        if (rank < 1 || static_cast<std::size_t>(rank) >= links_.size()) throw std::runtime_error("a message came from no worker rank");
        rank_link& link = links_[static_cast<std::size_t>(rank)];
        if (status.MPI_TAG == tag(mpi_tag::done)) {
            MPI_Recv(nullptr, 0, MPI_BYTE, rank, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            result_record done;
            done.kind = result_kind::done;
            done.worker = static_cast<std::uint32_t>(rank);
            return done;
        }
        if (status.MPI_TAG != tag(mpi_tag::result)) throw std::runtime_error("a worker rank sent a message of no known kind");
        MPI_Status received{};
        MPI_Recv(&inbox_, sizeof inbox_, MPI_BYTE, rank, status.MPI_TAG, MPI_COMM_WORLD, &received);
        int bytes = 0;
        MPI_Get_count(&received, MPI_BYTE, &bytes);
        const auto record = detail::decode_result_message(inbox_, bytes, rank);
        if (!record) throw std::runtime_error("a worker rank sent a malformed result");
        // A rank checks its batches in the order it took them: the first one held is answered.
        if (link.held.empty() || link.held.front().batch != record->batch || link.held.front().due < record->count) {
            throw std::runtime_error("a result does not match any job sent");
        }
        link.held.front().due -= record->count;
        if (link.held.front().due == 0) link.held.pop_front();
        return *record;
    }

    send_outcome send_pill() {
        for (std::size_t rank = 1; rank < links_.size(); ++rank) {
            rank_link& link = links_[rank];
            if (link.pill_sent) continue;
            // Behind every job already sent to it: MPI keeps one sender's messages to one
            // receiver in order, so the rank takes the pill after its last batch.
            MPI_Isend(nullptr, 0, MPI_BYTE, static_cast<int>(rank), tag(mpi_tag::poison_pill), MPI_COMM_WORLD, &link.pill);
            link.pill_sent = true;
            return send_outcome::sent;
        }
        throw std::logic_error("more poison pills than worker ranks");
    }

    /// Estimated below the planner's budget: the planner closes a batch at the budget, so
    /// this is a batch that filled its record, or the last one of the input.
    [[nodiscard]] bool is_cheap(const job_record& job) const {
        std::uint64_t work = 0;
        for (std::uint32_t i = 0; i < job.count && work < planner_.budget; ++i) work += planner_.estimate(job.numbers[i]);
        return work < planner_.budget;
    }

    [[nodiscard]] bool any_room() {
        return std::any_of(links_.begin() + 1, links_.end(), [](rank_link& link) { return link.has_room(); });
    }

    /// True when the request was still pending (and is now MPI's alone).
    static bool let_go(MPI_Request& request) noexcept {
        if (request == MPI_REQUEST_NULL) return false;
        int complete = 0;
        MPI_Test(&request, &complete, MPI_STATUS_IGNORE);
        if (complete != 0) return false;
        MPI_Request_free(&request);
        return true;
    }

    const mpi_world& world_;
    batch_planner planner_;                           // what a batch is estimated to cost
    std::vector<rank_link> links_;                    // by rank; links_[0] (rank 0 itself) unused
    std::size_t next_rank_ = 1;                       // where the round robin starts
    std::unique_ptr<worker_activity[]> activities_;   // one per slot, never busy: see start_worker
    result_record inbox_{};
};

}  // namespace

pool_report run_mpi_pool(number_source& source, const pool_options& options, pool_listener& listener) {
    const mpi_world* world = joined_mpi_world();
    if (world == nullptr || world->rank() != 0) throw std::logic_error("run_mpi_pool runs on rank 0 of a joined world");
    if (options.workers + 1 != world->size()) throw std::logic_error("the MPI pool's workers are the ranks 1 to N-1");
    mpi_transport transport{*world, options.planner};
    return run_pool(transport, source, options, listener);
}

}  // namespace concur
