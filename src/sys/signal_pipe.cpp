// signal_pipe: turns asynchronous signals into bytes on a pipe that poll() can wait on.
#include "concur/sys/signal_pipe.hpp"

#include "concur/sys/pipe.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <poll.h>
#include <cstring>
#include <string.h>  // sigabbrev_np (GNU)
#include <unistd.h>
#include <vector>

namespace concur::sys {
namespace {

// Atomic, not volatile sig_atomic_t: the handler may run on another thread while this one
// destroys the pipe (a kill() from a thread is often delivered to that thread).
std::atomic<int> signal_write_fd{-1};
static_assert(std::atomic<int>::is_always_lock_free, "a handler may only touch a lock-free atomic");
std::atomic<bool> signal_arrived{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a handler may only store to a lock-free atomic");
// One bit per signal number, see was_caught. Atomic, not volatile: the handler may run on
// another thread than the one that reads it.
std::atomic<std::uint64_t> caught_signals{0};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "a handler may only touch a lock-free atomic");

std::uint64_t bit_of(int signal) noexcept {
    return signal > 0 && signal < 64 ? std::uint64_t{1} << signal : 0;
}

extern "C" void write_signal_number(int signal) {
    signal_arrived.store(true, std::memory_order_relaxed);
    const int saved_errno = errno;  // the interrupted code may be about to read errno
    caught_signals.fetch_or(bit_of(signal), std::memory_order_relaxed);
    const auto byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const auto ignored = ::write(signal_write_fd.load(std::memory_order_relaxed), &byte, 1);
    errno = saved_errno;
}

}  // namespace

signal_pipe::signal_pipe(std::initializer_list<int> signals) {
    signal_arrived.store(false, std::memory_order_relaxed);
    auto ends = make_pipe(O_CLOEXEC | O_NONBLOCK);
    read_end_ = std::move(ends.read_end);
    write_end_ = std::move(ends.write_end);
    signal_write_fd.store(write_end_.get(), std::memory_order_relaxed);
    std::vector<signal_handler_choice> choices;
    for (const int signal : signals) choices.push_back({signal, write_signal_number, false});
    handlers_.emplace(std::span<const signal_handler_choice>{choices});
}

signal_pipe::~signal_pipe() { forget_in_child(); }

void signal_pipe::forget_in_child() noexcept {
    handlers_.reset();
    signal_write_fd.store(-1, std::memory_order_relaxed);
    read_end_.reset();
    write_end_.reset();
}

const std::atomic<bool>& signal_pipe::arrived() const noexcept { return signal_arrived; }

std::optional<int> signal_pipe::take() {
    unsigned char byte = 0;
    for (;;) {
        const ssize_t got = ::read(read_end_.get(), &byte, 1);
        if (got == 1) return static_cast<int>(byte);
        if (got < 0 && errno == EINTR) continue;
        return std::nullopt;  // EAGAIN: nothing pending
    }
}

void signal_pipe::wait_for_input_or_signal(int fd) const {
    std::array<pollfd, 2> fds{pollfd{read_end_.get(), POLLIN, 0}, pollfd{fd, POLLIN, 0}};
    if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) {
        throw fmt::system_error(errno, "cannot poll standard input");
    }
}

signal_block::signal_block() noexcept {
    sigset_t all;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous_);
}

signal_block::signal_block(std::span<const int> signals) noexcept {
    sigset_t these;
    sigemptyset(&these);
    for (const int signal : signals) sigaddset(&these, signal);
    ::pthread_sigmask(SIG_BLOCK, &these, &previous_);
}

signal_block::~signal_block() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

signal_ignored::signal_ignored(int signal) noexcept : signal_(signal) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(signal_, &ignore, &previous_);
}

signal_ignored::~signal_ignored() { ::sigaction(signal_, &previous_, nullptr); }

bool was_caught(int signal) noexcept { return (caught_signals.load(std::memory_order_relaxed) & bit_of(signal)) != 0; }

void forget_caught_signals() noexcept { caught_signals.store(0, std::memory_order_relaxed); }

std::string signal_name(int signal) {
    const char* abbreviation = ::sigabbrev_np(signal);
    if (abbreviation == nullptr) return fmt::format("signal {}", signal);
    return fmt::format("SIG{}", abbreviation);
}

}  // namespace concur::sys
