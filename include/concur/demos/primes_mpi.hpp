// `concur primes --model=mpi`: the same pool and the same output, its workers the ranks of an MPI job.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/demos/primes_pool.hpp"

#include <functional>

namespace concur {

/// Every rank of `mpiexec -n N concur primes --model=mpi ...` calls this with the same command line.
/// It joins the MPI job (mpi_world.hpp); rank 0 then runs `concur primes` as run_primes does,
/// with the N-1 other ranks as its workers, and returns its exit status; every other rank is
/// a worker, prints nothing, and returns 0 once it has taken its poison pill. main passes the
/// status to end_mpi_world(), which ends the job accordingly.
/// Throws usage_error for a job of one rank (started without mpiexec, or by another MPI's
/// mpiexec: then only the launcher's first rank says so, and the others return 2 silently),
/// and when concur was built without MPI.
/// `make_options` checks the command line (throws usage_error): it runs once the ranks have
/// joined, so that only rank 0 reports a bad argument; on the others it ends quietly, and they
/// wait for rank 0 to end the job.
[[nodiscard]] int run_primes_on_mpi(const std::function<primes_options()>& make_options, output_sink& out,
                                    output_sink& err);

}  // namespace concur
