// Tests for the terminal: what a session and the handler steps write on a pseudo-terminal, and the frames' turn.
#include "concur/sys/terminal.hpp"

#include "concur/sys/pipe.hpp"
#include "concur/sys/unique_fd.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <optional>
#include <poll.h>
#include <pty.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur::sys;
using namespace std::chrono_literals;

constexpr std::string_view hide_cursor = "\x1b[?25l";
constexpr std::string_view show_cursor = "\x1b[?25h";
constexpr std::string_view erase_line = "\r\x1b[2K";

/// A pseudo-terminal: the code under test writes on `terminal()` (the slave side), and
/// received() is what a terminal emulator would have been sent (read on the master side).
class pseudo_terminal {
public:
    explicit pseudo_terminal(unsigned short columns = 80) {
        winsize size{};
        size.ws_row = 24;
        size.ws_col = columns;
        int master = -1;
        int slave = -1;
        if (::openpty(&master, &slave, nullptr, nullptr, &size) != 0) throw std::runtime_error("openpty failed");
        master_.reset(master);
        slave_.reset(slave);
    }
    [[nodiscard]] int terminal() const noexcept { return slave_.get(); }

    /// Everything sent since the last call: reads until nothing more comes for 50 ms (the
    /// kernel hands written bytes to the master side a moment later, not within write()).
    std::string received() {
        std::string text;
        pollfd ready{master_.get(), POLLIN, 0};
        while (::poll(&ready, 1, 50) == 1) {
            char buffer[256];
            const ssize_t got = ::read(master_.get(), buffer, sizeof buffer);
            if (got <= 0) break;
            text.append(buffer, static_cast<std::size_t>(got));
        }
        return text;
    }

private:
    unique_fd master_;
    unique_fd slave_;
};

/// Sets TERM for one test and puts it back after.
class term_variable {
public:
    explicit term_variable(const char* value) {
        if (const char* old = std::getenv("TERM")) previous_ = old;
        if (value != nullptr) {
            ::setenv("TERM", value, 1);
        } else {
            ::unsetenv("TERM");
        }
    }
    ~term_variable() {
        if (previous_) {
            ::setenv("TERM", previous_->c_str(), 1);
        } else {
            ::unsetenv("TERM");
        }
    }

private:
    std::optional<std::string> previous_;
};

TEST(terminal_test, a_session_hides_the_cursor_and_shows_it_again) {
    pseudo_terminal pty;
    {
        const terminal_session session{pty.terminal(), true};
        EXPECT_EQ(pty.received(), hide_cursor);
    }
    EXPECT_EQ(pty.received(), show_cursor);
}

TEST(terminal_test, a_session_that_does_not_animate_writes_nothing) {
    pseudo_terminal pty;
    {
        const terminal_session session{pty.terminal(), false};
        put_terminal_back_in_handler();  // nothing was hidden: nothing to show
    }
    EXPECT_EQ(pty.received(), "");
}

TEST(terminal_test, a_frame_is_drawn_in_its_turn) {
    pseudo_terminal pty;
    const terminal_session session{pty.terminal(), true};
    (void)pty.received();
    EXPECT_TRUE(draw_on_terminal(pty.terminal(), "\r| thinking!"));
    erase_terminal_line(pty.terminal());
    EXPECT_EQ(pty.received(), std::string{"\r| thinking!"} + std::string{erase_line});
}

TEST(terminal_test, putting_the_terminal_back_erases_the_line_shows_the_cursor_and_ends_the_frames) {
    pseudo_terminal pty;
    {
        const terminal_session session{pty.terminal(), true};
        (void)pty.received();
        put_terminal_back_in_handler();
        EXPECT_EQ(pty.received(), std::string{erase_line} + std::string{show_cursor});
        EXPECT_FALSE(draw_on_terminal(pty.terminal(), "\r| thinking!"));
        EXPECT_FALSE(screen_turn{}.taken());
        put_terminal_back_in_handler();  // a second time: nothing more
        EXPECT_EQ(pty.received(), "");
    }
    (void)pty.received();
    const terminal_session next{pty.terminal(), true};  // a new session draws again
    EXPECT_TRUE(draw_on_terminal(pty.terminal(), "x"));
}

TEST(terminal_test, a_pause_shows_the_cursor_holds_the_frames_and_a_resume_undoes_it) {
    pseudo_terminal pty;
    const terminal_session session{pty.terminal(), true};
    (void)pty.received();
    ASSERT_TRUE(pause_terminal_in_handler());
    EXPECT_EQ(pty.received(), std::string{erase_line} + std::string{show_cursor});
    EXPECT_FALSE(draw_on_terminal(pty.terminal(), "frame"));
    EXPECT_FALSE(pause_terminal_in_handler());  // paused already: the caller must not resume twice
    resume_terminal_in_handler();
    EXPECT_EQ(pty.received(), hide_cursor);
    EXPECT_TRUE(draw_on_terminal(pty.terminal(), "frame"));
    EXPECT_EQ(pty.received(), "frame");
}

TEST(terminal_test, a_handler_waits_for_the_frame_in_progress_and_no_frame_follows_it) {
    pseudo_terminal pty;
    const terminal_session session{pty.terminal(), true};
    (void)pty.received();
    std::atomic<bool> drawing{false};
    std::atomic<bool> put_back{false};
    std::atomic<int> drawn_after{0};
    std::thread spinner([&] {
        {
            const screen_turn turn;
            ASSERT_TRUE(turn.taken());
            drawing = true;
            std::this_thread::sleep_for(50ms);  // a slow frame: the handler must wait for it
            ::write(pty.terminal(), "frame", 5);
        }
        while (!put_back) std::this_thread::yield();
        for (int i = 0; i < 100; ++i) drawn_after += draw_on_terminal(pty.terminal(), "late") ? 1 : 0;
    });
    while (!drawing) std::this_thread::yield();
    put_terminal_back_in_handler();  // as a Ctrl-C handler on another thread would
    put_back = true;
    spinner.join();
    EXPECT_EQ(pty.received(), "frame" + std::string{erase_line} + std::string{show_cursor});
    EXPECT_EQ(drawn_after, 0);
}

TEST(terminal_test, a_turn_holds_back_the_terminal_signals_on_its_thread) {
    sigset_t before;
    ::pthread_sigmask(SIG_SETMASK, nullptr, &before);
    {
        const screen_turn turn;
        sigset_t during;
        ::pthread_sigmask(SIG_SETMASK, nullptr, &during);
        for (const int signal : terminal_signals) EXPECT_EQ(sigismember(&during, signal), 1) << signal;
    }
    sigset_t after;
    ::pthread_sigmask(SIG_SETMASK, nullptr, &after);
    for (const int signal : terminal_signals) EXPECT_EQ(sigismember(&after, signal), sigismember(&before, signal));
}

TEST(terminal_test, frames_belong_on_a_terminal_whose_term_is_known) {
    pseudo_terminal pty;
    const pipe_ends pipe = make_pipe();
    {
        const term_variable term{"xterm"};
        EXPECT_TRUE(can_animate(pty.terminal()));
        EXPECT_FALSE(can_animate(pipe.write_end.get()));
    }
    {
        const term_variable term{"dumb"};
        EXPECT_FALSE(can_animate(pty.terminal()));
    }
    {
        const term_variable term{nullptr};
        EXPECT_FALSE(can_animate(pty.terminal()));
    }
}

TEST(terminal_test, columns_are_what_the_terminal_says_and_nothing_otherwise) {
    const pseudo_terminal wide{123};
    EXPECT_EQ(terminal_columns(wide.terminal()), 123U);
    const pseudo_terminal unset{0};  // a fresh pseudo-terminal says 0
    EXPECT_EQ(terminal_columns(unset.terminal()), std::nullopt);
    const pipe_ends pipe = make_pipe();
    EXPECT_EQ(terminal_columns(pipe.write_end.get()), std::nullopt);
}

TEST(terminal_test, pipes_and_sockets_are_told_apart_from_terminals_and_files) {
    const pipe_ends pipe = make_pipe();
    EXPECT_TRUE(is_pipe_or_socket(pipe.write_end.get()));
    int pair[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    const unique_fd first{pair[0]};
    const unique_fd second{pair[1]};
    EXPECT_TRUE(is_pipe_or_socket(first.get()));
    const pseudo_terminal pty;
    EXPECT_FALSE(is_pipe_or_socket(pty.terminal()));
    FILE* file = std::tmpfile();
    ASSERT_NE(file, nullptr);
    EXPECT_FALSE(is_pipe_or_socket(::fileno(file)));
    std::fclose(file);
    EXPECT_FALSE(is_pipe_or_socket(-1));
}

}  // namespace
