// Tests for signal_pipe and the signal masks: a signal becomes a byte to poll for, and blocks are undone.
#include "concur/sys/signal_pipe.hpp"

#include "concur/sys/pipe.hpp"
#include "concur/sys/io.hpp"

#include <gtest/gtest.h>

#include <array>
#include <csignal>
#include <poll.h>
#include <unistd.h>

namespace {

using namespace concur::sys;

bool readable(int fd) {
    pollfd ready{fd, POLLIN, 0};
    return ::poll(&ready, 1, 0) == 1;
}

bool blocked(int signal) {
    sigset_t mask;
    ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    return sigismember(&mask, signal) == 1;
}

TEST(signal_pipe_test, a_signal_becomes_a_byte_on_the_pipe) {
    signal_pipe signals{SIGUSR1, SIGUSR2};
    EXPECT_FALSE(readable(signals.fd()));
    EXPECT_EQ(signals.take(), std::nullopt);
    ::raise(SIGUSR2);
    EXPECT_TRUE(readable(signals.fd()));
    EXPECT_EQ(signals.take(), SIGUSR2);
    EXPECT_EQ(signals.take(), std::nullopt);
}

TEST(signal_pipe_test, the_previous_handlers_come_back) {
    struct sigaction before {};
    ::sigaction(SIGUSR1, nullptr, &before);
    {
        const signal_pipe signals{SIGUSR1};
        struct sigaction during {};
        ::sigaction(SIGUSR1, nullptr, &during);
        EXPECT_NE(during.sa_handler, before.sa_handler);
    }
    struct sigaction after {};
    ::sigaction(SIGUSR1, nullptr, &after);
    EXPECT_EQ(after.sa_handler, before.sa_handler);
}

TEST(signal_pipe_test, a_child_forgets_the_pipe) {
    signal_pipe signals{SIGUSR1};
    signals.forget_in_child();
    EXPECT_EQ(signals.fd(), -1);
    struct sigaction now {};
    ::sigaction(SIGUSR1, nullptr, &now);
    EXPECT_EQ(now.sa_handler, SIG_DFL);
}

TEST(signal_pipe_test, waiting_ends_when_the_input_is_readable_without_any_signal) {
    const signal_pipe signals{SIGUSR1};
    pipe_ends input = make_pipe();
    write_all(input.write_end.get(), "7\n");
    signals.wait_for_input_or_signal(input.read_end.get());  // returns: input is there
    EXPECT_TRUE(readable(input.read_end.get()));
}

TEST(signal_pipe_test, a_signal_left_on_a_pipe_is_still_seen_after_the_pipe_is_gone) {
    forget_caught_signals();
    EXPECT_FALSE(was_caught(SIGUSR1));
    {
        const signal_pipe signals{SIGUSR1, SIGUSR2};
        ::raise(SIGUSR1);  // caught, never taken
    }
    EXPECT_TRUE(was_caught(SIGUSR1));
    EXPECT_FALSE(was_caught(SIGUSR2));
    forget_caught_signals();
    EXPECT_FALSE(was_caught(SIGUSR1));
}

TEST(signal_block_test, blocks_every_signal_or_the_ones_listed_then_restores_the_mask) {
    ASSERT_FALSE(blocked(SIGINT));
    {
        const signal_block all;
        EXPECT_TRUE(blocked(SIGINT));
        EXPECT_TRUE(blocked(SIGUSR1));
    }
    EXPECT_FALSE(blocked(SIGUSR1));
    {
        constexpr std::array<int, 1> just{SIGINT};
        const signal_block some{just};
        EXPECT_TRUE(blocked(SIGINT));
        EXPECT_FALSE(blocked(SIGUSR1));
    }
    EXPECT_FALSE(blocked(SIGINT));
}

TEST(signal_ignored_test, ignores_for_a_while) {
    {
        const signal_ignored ignored{SIGUSR1};
        struct sigaction now {};
        ::sigaction(SIGUSR1, nullptr, &now);
        EXPECT_EQ(now.sa_handler, SIG_IGN);
        ::raise(SIGUSR1);  // would end the test run otherwise
    }
    struct sigaction after {};
    ::sigaction(SIGUSR1, nullptr, &after);
    EXPECT_EQ(after.sa_handler, SIG_DFL);
}

TEST(signal_name_test, names_users_know) {
    EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
    EXPECT_EQ(signal_name(SIGINT), "SIGINT");
    EXPECT_EQ(signal_name(0), "signal 0");
}

}  // namespace
