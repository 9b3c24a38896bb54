// concur's entry point: only wiring; the program is run_cli.
#include "concur/cli/cli.hpp"
#include "concur/runtime/mpi_world.hpp"
#include "concur/sys/standard_descriptors.hpp"

int main(int argc, char** argv) {
    concur::sys::occupy_closed_standard_descriptors();  // before anything opens a file
    // A rank of an MPI job (--model=mpi) ends it here, once everything has been said.
    return concur::end_mpi_world(concur::run_cli(argc, argv));
}
