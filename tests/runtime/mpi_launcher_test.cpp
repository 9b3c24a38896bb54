// Tests for diagnose_lone_rank: a job of one rank, told apart by the launcher's variables.
#include "concur/runtime/mpi_launcher.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

using concur::diagnose_lone_rank;
using concur::short_library_name;

constexpr const char* mpich = "MPICH Version:\t4.0.2\nMPICH Release date:\tThu Apr  7 12:34:45 CDT 2022\n";
constexpr const char* open_mpi = "Open MPI v4.1.4, package: Debian OpenMPI, ident: 4.1.4, repo rev: v4.1.4";

/// An environment holding only `variables`.
auto environment(std::map<std::string, std::string> variables) {
    return [variables = std::move(variables)](const char* name) -> const char* {
        const auto found = variables.find(name);
        return found == variables.end() ? nullptr : found->second.c_str();
    };
}

TEST(mpi_launcher_test, names_the_library_short) {
    EXPECT_EQ(short_library_name(mpich), "MPICH 4.0.2");
    EXPECT_EQ(short_library_name(open_mpi), "Open MPI v4.1.4");
    EXPECT_EQ(short_library_name(""), "an unnamed MPI library");
}

TEST(mpi_launcher_test, a_run_without_a_launcher_is_told_how_to_launch) {
    const auto why = diagnose_lone_rank(mpich, "/usr/bin/mpiexec.hydra", environment({}));
    EXPECT_TRUE(why.speaks);
    EXPECT_EQ(why.message, "--model: 'mpi' needs ranks started by an MPI launcher, and this process runs alone; "
                           "allowed: mpiexec -n 3 concur primes --model=mpi ..., for rank 0 and 2 worker ranks");
}

TEST(mpi_launcher_test, another_mpis_launcher_is_named_once_for_the_whole_job) {
    const auto first = diagnose_lone_rank(mpich, "/usr/bin/mpiexec.hydra",
                                          environment({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "0"}}));
    EXPECT_TRUE(first.speaks);
    EXPECT_EQ(first.message, "--model: 'mpi' runs alone although Open MPI's launcher started 3 ranks "
                             "(OMPI_COMM_WORLD_SIZE=3): it is not the launcher of this concur's MPI (MPICH 4.0.2); "
                             "allowed: that MPI's own launcher, /usr/bin/mpiexec.hydra");
    // Every other rank believes it runs alone too, and says nothing: one line for the job.
    const auto second = diagnose_lone_rank(mpich, "/usr/bin/mpiexec.hydra",
                                           environment({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "2"}}));
    EXPECT_FALSE(second.speaks);
    EXPECT_EQ(second.message, first.message);
}

TEST(mpi_launcher_test, mpich_launching_an_open_mpi_build_is_the_same_mismatch) {
    const auto why = diagnose_lone_rank(open_mpi, "/usr/bin/mpiexec.openmpi",
                                        environment({{"PMI_SIZE", "5"}, {"PMI_RANK", "0"}}));
    EXPECT_TRUE(why.speaks);
    EXPECT_NE(why.message.find("started 5 ranks (PMI_SIZE=5)"), std::string::npos) << why.message;
    EXPECT_NE(why.message.find("(Open MPI v4.1.4)"), std::string::npos) << why.message;
    EXPECT_EQ(why.message.find('\n'), std::string::npos);
}

TEST(mpi_launcher_test, one_rank_from_the_right_launcher_asks_for_two) {
    const auto why = diagnose_lone_rank(mpich, "mpiexec", environment({{"PMI_SIZE", "1"}, {"PMI_RANK", "0"}}));
    EXPECT_TRUE(why.speaks);
    EXPECT_NE(why.message.find("needs a worker rank beside rank 0"), std::string::npos) << why.message;
}

TEST(mpi_launcher_test, a_variable_that_is_not_a_count_is_no_launcher) {
    const auto why = diagnose_lone_rank(mpich, "mpiexec", environment({{"PMI_SIZE", "3x"}, {"SLURM_NTASKS", ""}}));
    EXPECT_NE(why.message.find("this process runs alone"), std::string::npos) << why.message;
}

}  // namespace
