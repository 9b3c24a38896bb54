// `concur primes --model=mpi`: the same pool and the same output, its workers the ranks of an MPI job.
#include "concur/demos/primes_mpi.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/usage_error.hpp"
#include "concur/runtime/mpi_launcher.hpp"
#include "concur/runtime/mpi_pool.hpp"
#include "concur/runtime/mpi_world.hpp"

#include <cstdlib>

#ifndef CONCUR_MPIEXEC
#define CONCUR_MPIEXEC "mpiexec"
#endif

namespace concur {

int run_primes_on_mpi(const std::function<primes_options()>& make_options, output_sink& out, output_sink& err) {
    const mpi_world& world = join_mpi_world();
    if (world.rank() != 0 && world.size() >= 2) {
        primes_options options;
        try {
            options = make_options();
        } catch (const usage_error&) {
            // Rank 0 has the same command line: it says what is wrong, once, and ends the job.
            wait_for_rank_0_to_end_the_job();
            return exit_status::usage;
        }
        // The same command line on every rank: the same method here as on rank 0.
        const worker_exit ended = run_mpi_worker(describe(options.method).check);
        return ended == worker_exit::said_done ? exit_status::success : exit_status::failure;
    }
    primes_options options = make_options();
    if (world.size() < 2) {
        // Rank 0 with no worker rank: not started by a launcher, or by one of another MPI.
        const lone_rank_diagnosis why = diagnose_lone_rank(world.library(), CONCUR_MPIEXEC, std::getenv);
        if (!why.speaks) return exit_status::usage;  // the launcher's first rank says it for all
        throw usage_error(why.message);
    }
    options.workers = world.size() - 1;
    // No status block: it shows what each worker is checking, read from the workers' memory,
    // and a rank's memory is its own (and often on another machine).
    options.progress = progress_mode::never;
    for (unsigned rank = 1; rank < world.size(); ++rank) options.worker_hosts.push_back(world.ranks()[rank].host);
    return run_primes(options, out, err);
}

}  // namespace concur
