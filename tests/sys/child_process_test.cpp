// Tests for child processes: forked with a death signal, reaped, described, and stopped or ended by a handler's calls.
#include "concur/sys/child_process.hpp"

#include "concur/sys/pipe.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur::sys;
using namespace std::chrono_literals;

/// The state letter of /proc/PID/stat ('R', 'S', 'T' stopped, 'Z' zombie), or '\0' when gone.
char state_of(pid_t pid) {
    std::ifstream stat{"/proc/" + std::to_string(pid) + "/stat"};
    std::string text;
    if (!std::getline(stat, text)) return '\0';
    const auto end_of_name = text.rfind(") ");
    return end_of_name == std::string::npos ? '\0' : text[end_of_name + 2];
}

/// Looks every millisecond, for up to five seconds, until `predicate` holds.
template <typename Predicate>
bool eventually(Predicate predicate) {
    for (int i = 0; i < 5000; ++i) {
        if (predicate()) return true;
        std::this_thread::sleep_for(1ms);
    }
    return predicate();
}

/// A child that sleeps until killed.
pid_t sleeping_child() {
    return fork_child([] {
        for (;;) ::pause();
        return 0;
    });
}

TEST(child_process_test, the_body_s_result_is_the_exit_status) {
    const child_exit how = wait_for_child(fork_child([] { return 7; }));
    EXPECT_TRUE(how.exited);
    EXPECT_EQ(how.code, 7);
    EXPECT_FALSE(how.success());
    EXPECT_EQ(how.describe(), "exited with status 7");
}

TEST(child_process_test, an_exception_in_the_body_exits_with_1_never_returning_to_the_caller) {
    const child_exit how = wait_for_child(fork_child([]() -> int { throw std::runtime_error("no"); }));
    EXPECT_TRUE(how.exited);
    EXPECT_EQ(how.code, 1);
}

TEST(child_process_test, a_killed_child_is_described_by_its_signal) {
    const pid_t child = sleeping_child();
    ::kill(child, SIGKILL);
    const child_exit how = wait_for_child(child);
    EXPECT_FALSE(how.exited);
    EXPECT_EQ(how.code, SIGKILL);
    EXPECT_EQ(how.describe(), "was killed by SIGKILL");
}

TEST(child_process_test, the_child_asks_to_be_killed_with_its_parent) {
    const child_exit how = wait_for_child(fork_child([] {
        int death_signal = 0;
        ::prctl(PR_GET_PDEATHSIG, &death_signal);
        return death_signal == SIGKILL ? 0 : 1;
    }));
    EXPECT_TRUE(how.success());
}

TEST(child_process_test, a_grandchild_dies_when_its_parent_dies) {
    pipe_ends report = make_pipe();
    const int report_end = report.write_end.get();
    const pid_t parent = fork_child([&] {
        const pid_t grandchild = sleeping_child();  // its death signal is set before it runs
        return ::write(report_end, &grandchild, sizeof grandchild) == sizeof grandchild ? 0 : 1;
    });
    report.write_end.reset();
    pid_t grandchild = 0;
    ASSERT_EQ(::read(report.read_end.get(), &grandchild, sizeof grandchild), static_cast<ssize_t>(sizeof grandchild));
    EXPECT_TRUE(wait_for_child(parent).success());  // the parent is gone...
    // ...so the kernel SIGKILLs the grandchild: gone, or a zombie its new parent has not reaped.
    EXPECT_TRUE(eventually([&] { return state_of(grandchild) == '\0' || state_of(grandchild) == 'Z'; }))
        << "state " << state_of(grandchild);
}

TEST(child_process_test, reaping_is_tried_without_blocking) {
    const pid_t child = sleeping_child();
    child_exit how;
    EXPECT_FALSE(try_reap_child(child, how));  // still running
    ::kill(child, SIGTERM);
    EXPECT_TRUE(eventually([&] { return try_reap_child(child, how); }));
    EXPECT_EQ(how.code, SIGTERM);
}

TEST(child_process_test, waiting_until_a_child_ends_leaves_it_to_be_reaped) {
    const pid_t child = fork_child([] { return 3; });
    wait_until_ended(child);
    EXPECT_EQ(state_of(child), 'Z');  // ended, and its pid still reserved
    EXPECT_EQ(wait_for_child(child).code, 3);
}

TEST(child_process_test, a_handler_can_stop_continue_and_end_a_child) {
    const pid_t child = sleeping_child();
    stop_and_wait(child);
    EXPECT_EQ(state_of(child), 'T');  // stopped when the call returns, not some time later
    continue_child(child);
    EXPECT_TRUE(eventually([&] { return state_of(child) != 'T'; }));
    kill_and_reap(child);
    EXPECT_EQ(state_of(child), '\0');   // neither running nor a zombie
    EXPECT_EQ(::waitpid(child, nullptr, WNOHANG), -1);  // nothing left to reap
}

}  // namespace
