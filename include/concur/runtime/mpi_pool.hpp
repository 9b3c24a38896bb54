// run_mpi_pool, run_mpi_worker: the seed's processor pool again, its workers MPI ranks.
#pragma once

#include "concur/runtime/number_source.hpp"
#include "concur/runtime/pool_types.hpp"
#include "concur/runtime/pool_worker.hpp"

namespace concur {

/// Rank 0 of the MPI job joined (mpi_world.hpp): the pool loop every model runs (pool_loop),
/// its workers the ranks 1 to N-1, its records MPI messages. `options.workers` must be N-1:
/// the ranks are started by the launcher (mpiexec -n N), not by the pool. A worker rank that
/// dies is not replaced, nor even seen here: MPI ends the whole job when a rank dies (see
/// docs/mpi.md). SIGINT and SIGTERM are caught for the duration of the call, as in the other
/// pools: the run stops, and the caller's exit status makes end_mpi_world() abort the job.
/// Throws std::logic_error when no world was joined or the counts differ.
[[nodiscard]] pool_report run_mpi_pool(number_source& source, const pool_options& options, pool_listener& listener);

/// Ranks 1 to N-1: the worker's loop (pool_worker.hpp) on messages from rank 0, until the
/// poison pill. Ignores SIGINT and SIGTERM while it runs: the launcher sends them to every
/// rank, and rank 0 decides, as a process pool's parent does.
[[nodiscard]] worker_exit run_mpi_worker(prime_check check);

}  // namespace concur
