// Tests for descriptor hygiene: close_descriptors_except keeps exactly what it is told.
#include "concur/sys/descriptors.hpp"

#include "concur/sys/child_process.hpp"
#include "concur/sys/pipe.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <unistd.h>

namespace {

using namespace concur::sys;

TEST(descriptors_test, child_keeps_only_what_it_was_told) {
    auto a = make_pipe();
    auto b = make_pipe();
    auto report = make_pipe();
    const int keep = b.write_end.get();
    const int report_fd = report.write_end.get();
    const pid_t pid = fork_child([&] {
        close_descriptors_except({keep, report_fd});
        const auto open = open_descriptors();
        const bool only_kept = std::all_of(open.begin(), open.end(), [&](int fd) {
            return fd <= 2 || fd == keep || fd == report_fd;
        });
        const bool kept = std::count(open.begin(), open.end(), keep) == 1;
        const char verdict = only_kept && kept ? 'y' : 'n';
        return ::write(report_fd, &verdict, 1) == 1 ? 0 : 1;
    });
    report.write_end.reset();
    char verdict = '?';
    ASSERT_EQ(::read(report.read_end.get(), &verdict, 1), 1);
    EXPECT_EQ(verdict, 'y');
    EXPECT_TRUE(wait_for_child(pid).success());
}

TEST(descriptors_test, open_descriptors_lists_what_is_open_and_only_that) {
    int read_end = -1;
    {
        const auto ends = make_pipe();
        read_end = ends.read_end.get();
        const auto open = open_descriptors();
        EXPECT_EQ(std::count(open.begin(), open.end(), read_end), 1);
        EXPECT_EQ(std::count(open.begin(), open.end(), ends.write_end.get()), 1);
        EXPECT_TRUE(std::is_sorted(open.begin(), open.end()));
    }
    const auto open = open_descriptors();
    EXPECT_EQ(std::count(open.begin(), open.end(), read_end), 0);
}

}  // namespace
