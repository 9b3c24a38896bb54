// mpi_launcher: why an MPI job has only one rank, told from the library and the launcher's environment.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace concur {

/// What to say when MPI reports a job of one rank, where the MPI model needs two at least.
struct lone_rank_diagnosis {
    std::string message;  // one line, in the shape of a usage error (without "concur: ")
    bool speaks = true;   // false on every rank but the launcher's first: one line for the job
};

/// A job of one rank is a run without a launcher, or a run under the launcher of another MPI
/// (Open MPI's mpiexec starting a concur built with MPICH, or the reverse): its ranks cannot
/// reach this MPI library's launcher, so each one starts alone and believes it is the whole
/// job. The launchers leave their own variables in the environment (OMPI_COMM_WORLD_SIZE,
/// PMI_SIZE for MPICH's Hydra and other PMI launchers, SLURM_NTASKS for srun): a size above 1
/// there, with a job of one rank here, is that mismatch.
/// `library` is MPI_Get_library_version's text; `launcher` the launcher concur was configured
/// with (CMake's MPIEXEC_EXECUTABLE); `environment` looks a variable up (getenv in the product).
[[nodiscard]] lone_rank_diagnosis diagnose_lone_rank(std::string_view library, std::string_view launcher,
                                                    const std::function<const char*(const char*)>& environment);

/// "MPICH 4.0.2" from MPICH's "MPICH Version:\t4.0.2\nMPICH Release date: ...", "Open MPI
/// v4.1.4" from "Open MPI v4.1.4, package: ...": the library's name and version, short.
[[nodiscard]] std::string short_library_name(std::string_view library);

}  // namespace concur
