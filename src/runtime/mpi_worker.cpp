// run_mpi_worker: a worker rank, taking jobs from rank 0 and sending it verdicts, as MPI messages.
#include "concur/runtime/mpi_pool.hpp"

#include "concur/runtime/idle_backoff.hpp"
#include "concur/runtime/mpi_world.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "mpi_messages.hpp"

#include <csignal>
#include <stdexcept>
#include <thread>

namespace concur {
namespace {

using detail::mpi_tag;
using detail::tag;

/// Until `look` says a message is there (or a send is complete), with idle_backoff's sleeps
/// between looks: MPI's blocking calls would spin this rank's CPU while it waits, and on a
/// host with more ranks than cores that CPU is another worker's.
template <typename Look>
void wait_until(Look look) {
    // The short ceiling: a worker waits for a job only when rank 0 has none queued for it, in a
    // stream of cheap numbers (the next comes soon) or at the end of a run (a brief moment).
    idle_backoff backoff{idle_backoff::short_sleep};
    while (!look()) std::this_thread::sleep_for(backoff.next());
}

/// A worker rank's end of the pool: the same interface as the process pool's pipe_channel.
class mpi_channel {
public:
    bool receive(job_record& job) {
        MPI_Status status{};
        wait_until([&] {
            int arrived = 0;
            MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
            return arrived != 0;
        });
        if (status.MPI_TAG == tag(mpi_tag::poison_pill)) {
            MPI_Recv(nullptr, 0, MPI_BYTE, 0, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            job = job_record{};
            job.kind = job_kind::poison_pill;
            return true;
        }
        if (status.MPI_TAG != tag(mpi_tag::job)) throw std::runtime_error("rank 0 sent a message of no known kind");
        job_record received;
        MPI_Recv(&received, sizeof received, MPI_BYTE, 0, status.MPI_TAG, MPI_COMM_WORLD, &status);
        int bytes = 0;
        MPI_Get_count(&status, MPI_BYTE, &bytes);
        const auto decoded = detail::decode_job_message(received, bytes);
        if (!decoded) throw std::runtime_error("rank 0 sent a malformed job");
        job = *decoded;
        return true;
    }

    /// Where the verdicts wait to be sent: this rank's own memory, which rank 0 cannot read.
    result_record& outbox() noexcept { return outbox_; }

    void send(const result_record& record) {
        // Sent and completed before returning: the worker's loop reuses `record` at once.
        const bool done = record.kind == result_kind::done;
        MPI_Request request = MPI_REQUEST_NULL;
        MPI_Isend(&record, done ? 0 : detail::bytes_in_use(record), MPI_BYTE, 0,
                  tag(done ? mpi_tag::done : mpi_tag::result), MPI_COMM_WORLD, &request);
        wait_until([&] {
            int complete = 0;
            MPI_Test(&request, &complete, MPI_STATUS_IGNORE);
            return complete != 0;
        });
    }

private:
    result_record outbox_;
};

}  // namespace

worker_exit run_mpi_worker(prime_check check) {
    const mpi_world* world = joined_mpi_world();
    if (world == nullptr || world->rank() == 0) throw std::logic_error("run_mpi_worker runs on ranks 1 to N-1");
    // Ctrl-C reaches every rank (mpiexec passes it on). As a process pool's worker does, this
    // one leaves the decision to rank 0, which reports and then ends the job whole.
    const sys::signal_ignored interrupt{SIGINT};
    const sys::signal_ignored terminate{SIGTERM};
    // Rank 0 cannot read this worker's memory: its own activity is published to nobody. Nobody
    // asks its checks to stop either: a stopped job is ended whole by MPI_Abort (mpi_world.hpp).
    worker_activity activity;
    check_control never_asked;
    mpi_channel channel;
    return run_pool_worker(static_cast<unsigned>(world->rank()), channel, check, never_asked, activity);
}

}  // namespace concur
