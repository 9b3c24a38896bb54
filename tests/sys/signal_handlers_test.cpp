// Tests for signal_handlers: installed for a while then put back, and what a handler's default action does.
#include "concur/sys/signal_handlers.hpp"

#include "concur/sys/child_process.hpp"
#include "concur/sys/pipe.hpp"

#include <gtest/gtest.h>

#include <array>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace concur::sys;

volatile sig_atomic_t handled = 0;
volatile sig_atomic_t other_signal_blocked = -1;

extern "C" void count_and_look_at_the_mask(int) {
    handled = handled + 1;
    sigset_t mask;
    ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    other_signal_blocked = sigismember(&mask, SIGUSR2);
}

void (*installed_handler(int signal))(int) {
    struct sigaction now {};
    ::sigaction(signal, nullptr, &now);
    return now.sa_handler;
}

TEST(signal_handlers_test, a_handler_is_installed_for_a_while_then_the_old_one_comes_back) {
    ASSERT_EQ(installed_handler(SIGUSR1), SIG_DFL);
    handled = 0;
    {
        const signal_handlers handlers{{SIGUSR1, count_and_look_at_the_mask, false}};
        EXPECT_EQ(installed_handler(SIGUSR1), count_and_look_at_the_mask);
        ::raise(SIGUSR1);
        EXPECT_EQ(handled, 1);
        EXPECT_EQ(other_signal_blocked, 1);  // every signal is held back while a handler runs
    }
    EXPECT_EQ(installed_handler(SIGUSR1), SIG_DFL);
}

TEST(signal_handlers_test, an_ignored_signal_stays_ignored_only_when_asked) {
    ::signal(SIGUSR2, SIG_IGN);
    {
        const signal_handlers handlers{{SIGUSR2, count_and_look_at_the_mask, true}};
        EXPECT_EQ(installed_handler(SIGUSR2), SIG_IGN);  // `nohup` wins
    }
    {
        const signal_handlers handlers{{SIGUSR2, count_and_look_at_the_mask, false}};
        EXPECT_EQ(installed_handler(SIGUSR2), count_and_look_at_the_mask);
    }
    EXPECT_EQ(installed_handler(SIGUSR2), SIG_IGN);
    ::signal(SIGUSR2, SIG_DFL);
}

TEST(signal_handlers_test, a_signal_that_cannot_be_handled_is_refused_and_nothing_stays_installed) {
    EXPECT_THROW((signal_handlers{{SIGUSR1, count_and_look_at_the_mask, false},
                                  {SIGKILL, count_and_look_at_the_mask, false}}),
                 std::system_error);
    EXPECT_EQ(installed_handler(SIGUSR1), SIG_DFL);
}

// In a child: a Ctrl-Z handler that stops the process through the default action, then says
// on `report` that it was continued.
int report_fd = -1;
extern "C" void stop_then_report(int signal) {
    take_default_action(signal);
    const char continued = 'c';
    (void)::write(report_fd, &continued, 1);
}

TEST(signal_handlers_test, the_default_action_of_sigtstp_stops_and_the_handler_goes_on_when_continued) {
    pipe_ends report = make_pipe();
    report_fd = report.write_end.get();
    const pid_t child = fork_child([] {
        // The kernel discards SIGTSTP sent to an orphaned process group (as this test's may be,
        // under a CI runner or a backgrounded shell): a group of its own, whose parent is in
        // another group of the same session, is not orphaned, so the stop really happens.
        ::setpgid(0, 0);
        const signal_handlers handlers{{SIGTSTP, stop_then_report, false}};
        ::raise(SIGTSTP);
        ::raise(SIGTSTP);  // the handler is installed again after the first stop
        return 0;
    });
    report.write_end.reset();
    for (int stop = 0; stop < 2; ++stop) {
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, WUNTRACED), child);
        ASSERT_TRUE(WIFSTOPPED(status)) << status;
        EXPECT_EQ(WSTOPSIG(status), SIGTSTP);
        ::kill(child, SIGCONT);
        char said = '?';
        ASSERT_EQ(::read(report.read_end.get(), &said, 1), 1);
        EXPECT_EQ(said, 'c');
    }
    EXPECT_TRUE(wait_for_child(child).success());
}

extern "C" void die_by_default(int signal) {
    take_default_action(signal);
    ::_exit(99);  // not reached: SIGTERM's default action ends the process
}

TEST(signal_handlers_test, the_default_action_of_sigterm_ends_the_process_by_that_signal) {
    const pid_t child = fork_child([] {
        const signal_handlers handlers{{SIGTERM, die_by_default, false}};
        ::raise(SIGTERM);
        return 0;
    });
    const child_exit how = wait_for_child(child);
    EXPECT_FALSE(how.exited);
    EXPECT_EQ(how.code, SIGTERM);
}

TEST(signal_handlers_test, a_child_ignores_what_it_is_told_and_starts_with_an_empty_mask) {
    pipe_ends report = make_pipe();
    const int report_end = report.write_end.get();
    sigset_t all;
    sigfillset(&all);
    sigset_t previous;
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);  // as fork inside a signal_block
    const pid_t child = fork_child([&] {
        constexpr std::array<int, 2> ignored{SIGINT, SIGTERM};
        ignore_in_child(ignored);
        sigset_t mask;
        ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
        ::raise(SIGINT);  // ignored: the child goes on
        ::raise(SIGTERM);
        const char empty = sigisemptyset(&mask) ? 'y' : 'n';
        return ::write(report_end, &empty, 1) == 1 ? 0 : 1;
    });
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    report.write_end.reset();
    char empty = '?';
    ASSERT_EQ(::read(report.read_end.get(), &empty, 1), 1);
    EXPECT_EQ(empty, 'y');
    EXPECT_TRUE(wait_for_child(child).success());
}

}  // namespace
