// mpi_world: the MPI job this process is one rank of, joined once and ended once (with MPI).
#include "concur/runtime/mpi_world.hpp"

#include "concur/core/exit_status.hpp"

#include <mpi.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <set>

namespace concur {
namespace {

std::unique_ptr<mpi_world> the_world;  // one per process: MPI cannot start twice
bool finalized = false;                // MPI_Finalize was called: no MPI call may follow

/// What each rank sends rank 0 when the job starts: fixed size, so one MPI_Gather takes all.
struct rank_card {
    std::int64_t pid = 0;
    std::array<char, MPI_MAX_PROCESSOR_NAME + 1> host{};
};

std::string library_version() {
    std::array<char, MPI_MAX_LIBRARY_VERSION_STRING> text{};
    int length = 0;
    MPI_Get_library_version(text.data(), &length);
    return {text.data(), static_cast<std::size_t>(std::max(length, 0))};
}

}  // namespace

unsigned mpi_world::worker_hosts() const {
    std::set<std::string> hosts;
    for (std::size_t rank = 1; rank < ranks_.size(); ++rank) hosts.insert(ranks_[rank].host);
    return static_cast<unsigned>(hosts.size());
}

const mpi_world& join_mpi_world() {
    if (the_world) return *the_world;
    // MPI's default error handler stays: an error of the engine (a peer unreachable, a message
    // it cannot deliver) aborts the whole job, which is the rule MPI programs live by.
    MPI_Init(nullptr, nullptr);
    int rank = 0;
    int size = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    rank_card mine;
    mine.pid = ::getpid();
    int length = 0;
    MPI_Get_processor_name(mine.host.data(), &length);
    std::vector<rank_card> cards(rank == 0 ? static_cast<std::size_t>(size) : 0);
    MPI_Gather(&mine, sizeof mine, MPI_BYTE, cards.data(), sizeof mine, MPI_BYTE, 0, MPI_COMM_WORLD);

    std::vector<mpi_rank> ranks;
    if (rank != 0) cards.push_back(mine);
    for (const rank_card& card : cards) ranks.push_back({std::string{card.host.data()}, static_cast<long>(card.pid)});
    the_world = std::make_unique<mpi_world>(rank, static_cast<unsigned>(size), std::move(ranks), library_version());
    return *the_world;
}

const mpi_world* joined_mpi_world() noexcept { return the_world.get(); }

void wait_for_rank_0_to_end_the_job() noexcept {
    if (!the_world || finalized) return;
    finalized = true;
    MPI_Finalize();
}

int end_mpi_world(int status) noexcept {
    if (!the_world || finalized) return status;
    if (status == exit_status::success || the_world->size() < 2) {
        // Collective in effect: it returns once the job's other ranks can no longer need this one.
        finalized = true;
        MPI_Finalize();
        return status;
    }
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) ::dup2(null, STDERR_FILENO);  // rank 0 has told the user; MPI would say it again
    MPI_Abort(MPI_COMM_WORLD, status);
    return status;  // MPI_Abort does not return
}

}  // namespace concur
