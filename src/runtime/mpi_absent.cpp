// mpi_absent: the MPI model in a concur built without MPI: it says so, and nothing else changes.
#include "concur/core/usage_error.hpp"
#include "concur/runtime/mpi_pool.hpp"
#include "concur/runtime/mpi_world.hpp"

#include <stdexcept>

namespace concur {

unsigned mpi_world::worker_hosts() const { return 0; }

const mpi_world& join_mpi_world() {
    throw usage_error("--model: 'mpi' needs MPI, and this concur was built without it (CONCUR_WITH_MPI=OFF); "
                      "allowed: sequential, thread, process, coroutine, or a concur built with MPI");
}

const mpi_world* joined_mpi_world() noexcept { return nullptr; }

int end_mpi_world(int status) noexcept { return status; }

void wait_for_rank_0_to_end_the_job() noexcept {}

// Unreachable: no world can be joined, and both need one.
pool_report run_mpi_pool(number_source& /*source*/, const pool_options& /*options*/, pool_listener& /*listener*/) {
    throw std::logic_error("run_mpi_pool runs on rank 0 of a joined world");
}

worker_exit run_mpi_worker(prime_check /*check*/) { throw std::logic_error("run_mpi_worker runs on ranks 1 to N-1"); }

}  // namespace concur
