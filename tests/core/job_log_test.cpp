// Tests for the job log: its header and one line per number.
#include "concur/core/job_log.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

TEST(job_log_test, one_tab_separated_line_per_number) {
    EXPECT_EQ(concur::job_log_header("tid"), "seq\tworker\ttid\tstart\telapsed\tnumber\tresult\n");
    std::string line;
    concur::append_job_log_line(line, 3, 2, 4242, 1500us, 250ms, 97, true);
    EXPECT_EQ(line, "3\t2\t4242\t0.001500\t0.250000\t97\tprime\n");
}

TEST(job_log_test, a_worker_on_another_machine_is_named_by_its_host_before_its_pid) {
    EXPECT_EQ(concur::job_log_header("pid", true), "seq\tworker\thost\tpid\tstart\telapsed\tnumber\tresult\n");
    std::string line;
    concur::append_job_log_line(line, 1, 3, 812, 2ms, 1ms, 10, false, "node-b");
    EXPECT_EQ(line, "1\t3\tnode-b\t812\t0.002000\t0.001000\t10\tcomposite\n");
}

}  // namespace
