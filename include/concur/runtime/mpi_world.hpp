// mpi_world: the MPI job this process is one rank of, joined once and ended once.
#pragma once

#include <string>
#include <vector>

namespace concur {

/// What rank 0 knows of a rank, learned when the job starts.
struct mpi_rank {
    std::string host;  // the machine it runs on (MPI_Get_processor_name)
    long pid = 0;      // its process id, on that machine
};

/// MPI starts once in a process (MPI_Init) and ends once (MPI_Finalize or MPI_Abort), and
/// nothing can start it again: so a process holds at most one world, joined by
/// join_mpi_world() and ended by end_mpi_world(), which main calls with the exit status.
class mpi_world {
public:
    mpi_world(int rank, unsigned size, std::vector<mpi_rank> ranks, std::string library)
        : rank_(rank), size_(size), ranks_(std::move(ranks)), library_(std::move(library)) {}

    [[nodiscard]] int rank() const noexcept { return rank_; }       // this process's: 0 is the pool
    [[nodiscard]] unsigned size() const noexcept { return size_; }  // ranks in the job, rank 0 included
    /// Every rank's host and pid, by rank, on rank 0; elsewhere only this rank's own entry.
    [[nodiscard]] const std::vector<mpi_rank>& ranks() const noexcept { return ranks_; }
    /// MPI_Get_library_version's text: "MPICH Version: 4.0.2 ...", "Open MPI v4.1.4 ...".
    [[nodiscard]] const std::string& library() const noexcept { return library_; }
    /// How many distinct hosts the worker ranks (1 to size - 1) run on, as rank 0 knows them.
    [[nodiscard]] unsigned worker_hosts() const;

private:
    int rank_;
    unsigned size_;
    std::vector<mpi_rank> ranks_;
    std::string library_;
};

/// Starts MPI in this process, the first time, and learns every rank's host and pid (rank 0
/// gathers them: every rank of the job must call this). Later calls return the same world.
/// Throws usage_error when concur was built without MPI.
[[nodiscard]] const mpi_world& join_mpi_world();

/// The world joined, or null when this process never joined one.
[[nodiscard]] const mpi_world* joined_mpi_world() noexcept;

/// Ends MPI in this process, if it was started, and returns `status` for main to return.
/// Success, or a job of one rank: MPI_Finalize. Any other status: MPI_Abort with it, the
/// engine's way to stop every rank of a job at once (a worker rank in the middle of a long
/// check, another host's ranks), whose launcher then exits with that status. By then rank
/// 0 has said what happened; MPI's own line about the abort would only repeat it, and is not
/// shown. Never throws.
int end_mpi_world(int status) noexcept;

/// For a rank other than 0 that found what rank 0 finds too (a bad argument on the same
/// command line): it lets rank 0 say so and end the job, and waits for that (in MPI_Finalize,
/// which rank 0's MPI_Abort ends). end_mpi_world() then has nothing left to do.
void wait_for_rank_0_to_end_the_job() noexcept;

}  // namespace concur
