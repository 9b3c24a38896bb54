// Tests for pipes, owned descriptors and the read/write loops: ends closed once, bytes whole, errors named.
#include "concur/sys/pipe.hpp"

#include "concur/sys/io.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "concur/sys/unique_fd.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <string>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur::sys;

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

std::string read_to_end(int fd) {
    std::string text;
    std::array<std::byte, 4096> buffer{};
    while (const long got = read_some(fd, buffer)) {
        text.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(got));
    }
    return text;
}

TEST(unique_fd_test, closes_its_descriptor_once_and_can_let_it_go) {
    int raw = -1;
    {
        pipe_ends ends = make_pipe();
        raw = ends.read_end.get();
        const unique_fd moved{std::move(ends.read_end)};
        EXPECT_FALSE(ends.read_end.valid());  // moved from: owns nothing
        EXPECT_EQ(moved.get(), raw);
        EXPECT_TRUE(is_open(raw));
    }
    EXPECT_FALSE(is_open(raw));
    pipe_ends ends = make_pipe();
    const int released = ends.write_end.release();
    ends.write_end.reset();
    EXPECT_TRUE(is_open(released));  // released: the caller closes it
    ::close(released);
}

TEST(pipe_test, both_ends_are_close_on_exec_and_bytes_flow_until_the_writer_closes) {
    pipe_ends ends = make_pipe();
    EXPECT_EQ(::fcntl(ends.read_end.get(), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    EXPECT_EQ(::fcntl(ends.write_end.get(), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    write_all(ends.write_end.get(), "hello");
    ends.write_end.reset();
    EXPECT_EQ(read_to_end(ends.read_end.get()), "hello");  // then end-of-file
}

TEST(pipe_test, a_non_blocking_end_says_when_nothing_is_there) {
    pipe_ends ends = make_pipe();
    set_nonblocking(ends.read_end.get());
    std::array<std::byte, 16> buffer{};
    EXPECT_EQ(read_some(ends.read_end.get(), buffer), -1);
}

TEST(io_test, write_all_completes_writes_larger_than_the_pipe) {
    pipe_ends ends = make_pipe();
    const std::string sent(1 << 20, 'x');  // 16 times a pipe's buffer: many short writes
    std::string got;
    std::thread reader([&] { got = read_to_end(ends.read_end.get()); });
    write_all(ends.write_end.get(), sent);
    ends.write_end.reset();
    reader.join();
    EXPECT_EQ(got, sent);
}

TEST(io_test, a_failed_write_names_the_file_or_is_ignored_when_asked) {
    const signal_ignored no_sigpipe{SIGPIPE};
    pipe_ends ends = make_pipe();
    ends.read_end.reset();  // no reader: EPIPE
    try {
        write_all(ends.write_end.get(), "x", "the job log");
        FAIL() << "a write without a reader succeeded";
    } catch (const std::system_error& error) {
        EXPECT_EQ(error.code().value(), EPIPE);
        EXPECT_EQ(std::string{error.what()}.rfind("cannot write to the job log: ", 0), 0U) << error.what();
    }
    write_ignoring_errors(ends.write_end.get(), "x");  // no throw: nowhere to report it
}

TEST(io_test, a_failed_read_names_the_descriptor) {
    std::array<std::byte, 4> buffer{};
    try {
        (void)read_some(-1, buffer);
        FAIL() << "read of -1 succeeded";
    } catch (const std::system_error& error) {
        EXPECT_EQ(error.code().value(), EBADF);
        EXPECT_EQ(std::string{error.what()}.rfind("cannot read descriptor -1: ", 0), 0U) << error.what();
    }
}

}  // namespace
