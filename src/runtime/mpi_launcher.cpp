// mpi_launcher: why an MPI job has only one rank, told from the library and the launcher's environment.
#include "concur/runtime/mpi_launcher.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace concur {
namespace {

/// A launcher's variables: the job's size, and this process's rank in it.
struct launcher_variables {
    std::string_view name;  // as a person knows it
    const char* size;
    const char* rank;
};

constexpr std::array<launcher_variables, 3> known_launchers{{
    {"Open MPI's launcher", "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"},
    {"a PMI launcher (MPICH's Hydra mpiexec)", "PMI_SIZE", "PMI_RANK"},
    {"Slurm's srun", "SLURM_NTASKS", "SLURM_PROCID"},
}};

unsigned number_in(const char* text) {
    if (text == nullptr) return 0;
    const std::string_view view{text};
    unsigned value = 0;
    const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
    return error == std::errc{} && end == view.data() + view.size() ? value : 0;
}

}  // namespace

std::string short_library_name(std::string_view library) {
    std::string_view line = library.substr(0, library.find('\n'));
    line = line.substr(0, line.find(','));
    std::string name{line};
    // MPICH: "MPICH Version:\t4.0.2"
    if (const auto label = name.find(" Version:"); label != std::string::npos) {
        const auto value = name.find_first_not_of(" \t", label + 9);
        name = name.substr(0, label) + (value == std::string::npos ? "" : " " + name.substr(value));
    }
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t' || name.back() == '\r')) name.pop_back();
    return name.empty() ? "an unnamed MPI library" : name;
}

lone_rank_diagnosis diagnose_lone_rank(std::string_view library, std::string_view launcher,
                                       const std::function<const char*(const char*)>& environment) {
    for (const launcher_variables& known : known_launchers) {
        const unsigned size = number_in(environment(known.size));
        if (size == 0) continue;
        if (size == 1) {
            return {fmt::format("--model: 'mpi' needs a worker rank beside rank 0, and {} started 1 rank ({}=1); "
                                "allowed: 2 ranks or more, as in mpiexec -n 3",
                                known.name, known.size),
                    true};
        }
        const char* rank = environment(known.rank);
        return {fmt::format("--model: 'mpi' runs alone although {} started {} ranks ({}={}): it is not the launcher "
                            "of this concur's MPI ({}); allowed: that MPI's own launcher, {}",
                            known.name, size, known.size, size, short_library_name(library), launcher),
                rank == nullptr || std::string_view{rank} == "0"};
    }
    return {"--model: 'mpi' needs ranks started by an MPI launcher, and this process runs alone; allowed: "
            "mpiexec -n 3 concur primes --model=mpi ..., for rank 0 and 2 worker ranks",
            true};
}

}  // namespace concur
