// Tests for parse_model_list: bench's --models, in the order given, each once, or one refusal.
#include "concur/core/model_list.hpp"

#include "concur/core/usage_error.hpp"

#include <gtest/gtest.h>

namespace {

using concur::execution_model;
using concur::parse_model_list;

std::string refusal_of(std::string_view text) {
    try {
        (void)parse_model_list(text);
    } catch (const concur::usage_error& error) {
        return error.what();
    }
    return "accepted";
}

TEST(model_list_test, keeps_the_order_given_and_each_model_once) {
    EXPECT_EQ(parse_model_list("process,thread,process"),
              (std::vector<execution_model>{execution_model::process, execution_model::thread}));
    EXPECT_EQ(parse_model_list("coroutine"), std::vector<execution_model>{execution_model::coroutine});
}

TEST(model_list_test, names_the_bad_part_and_the_whole_list) {
    const std::string allowed = "allowed: a comma-separated list of sequential, thread, process, coroutine";
    EXPECT_EQ(refusal_of("thread,bogus"), "'bogus' is not a model (in 'thread,bogus'); " + allowed);
    EXPECT_EQ(refusal_of("fiber"), "'fiber' is not a model; " + allowed);
    EXPECT_EQ(refusal_of("thread,"), "'' is not a model (in 'thread,'); " + allowed);
    EXPECT_EQ(refusal_of(""), "'' is not a model; " + allowed);
    EXPECT_EQ(refusal_of("Thread"), "'Thread' is not a model; " + allowed);
}

TEST(model_list_test, refuses_a_model_whose_ranks_a_launcher_starts) {
    EXPECT_EQ(refusal_of("thread,mpi"),
              "'mpi' is not a model bench can run: its ranks are started by mpiexec, as in 'mpiexec -n 3 concur "
              "primes --model=mpi'; allowed: a comma-separated list of sequential, thread, process, coroutine");
}

}  // namespace
