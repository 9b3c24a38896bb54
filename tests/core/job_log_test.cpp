// Tests for the job log: its header and one line per number.
#include "concur/core/job_log.hpp"

#include "support/fmt_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

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

TEST(job_log_test, line_is_byte_for_byte_the_fmt_line) {
    std::mt19937_64 random{3};
    for (int i = 0; i < 100'000; ++i) {
        // Counts spread over every width, ties (…500 ns) often: where the rounding could differ.
        auto start = std::chrono::nanoseconds{static_cast<std::int64_t>(random() >> (1 + random() % 63))};
        auto elapsed = std::chrono::nanoseconds{static_cast<std::int64_t>(random() >> (1 + random() % 63))};
        if (i % 4 == 0) elapsed = elapsed / 1000 * 1000 + std::chrono::nanoseconds{500};
        const std::uint64_t seq = random() >> (random() % 64);
        const auto worker = static_cast<unsigned>(random() % 64);
        const long id = static_cast<long>(random() % 4'000'000);
        const std::uint64_t number = random() >> (random() % 64);
        const bool prime = random() % 2 == 0;
        std::string line;
        concur::append_job_log_line(line, seq, worker, id, start, elapsed, number, prime);
        ASSERT_EQ(line, concur::testing::fmt_job_log_line(seq, worker, id, start, elapsed, number, prime));
    }
}

}  // namespace
