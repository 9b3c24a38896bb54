// number_source: where a pool's numbers come from, a fixed list or a stream read as it arrives.
#pragma once

#include "concur/core/number_tokenizer.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <vector>

namespace concur {

/// Thrown by read_more() for a token that is not a number: the run stops there, and the caller
/// decides what that means for the user. On its way out, a pool adds the numbers it had read
/// and not yet answered, so that the report can list them: a run stopped by bad input must not
/// look complete, nor lose what it read. what() names the token and its place.
class bad_input : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    std::vector<std::uint64_t> unchecked;  // read before the bad token, never answered
    bool input_left_unread = true;         // false when the bad token was the input's last
};

/// Pools pull numbers only when they have room for them, so a stream of 10^7 numbers never
/// sits in memory at once.
class number_source {
public:
    virtual ~number_source() = default;
    /// A descriptor to poll before read_more() can proceed without blocking, or -1 if it never blocks.
    [[nodiscard]] virtual int poll_fd() const noexcept { return -1; }
    /// Appends some numbers to `out`; returns false once the input has ended.
    /// Throws bad_input for a token that is not a number.
    virtual bool read_more(std::deque<std::uint64_t>& out) = 0;
    /// How many numbers there are in all, when known before reading them.
    [[nodiscard]] virtual std::optional<std::size_t> known_count() const noexcept { return std::nullopt; }
};

/// Numbers already in memory (the fixtures, the command line, a test's list).
class list_source final : public number_source {
public:
    explicit list_source(std::vector<std::uint64_t> numbers) : numbers_(std::move(numbers)) {}
    bool read_more(std::deque<std::uint64_t>& out) override;
    [[nodiscard]] std::optional<std::size_t> known_count() const noexcept override { return numbers_.size(); }

private:
    std::vector<std::uint64_t> numbers_;
    std::size_t next_ = 0;
};

/// Whitespace-separated decimal numbers read from a descriptor (standard input), one chunk per call.
class stream_source final : public number_source {
public:
    explicit stream_source(int fd) noexcept : fd_(fd) {}
    [[nodiscard]] int poll_fd() const noexcept override { return ended_ ? -1 : fd_; }
    bool read_more(std::deque<std::uint64_t>& out) override;

private:
    int fd_;
    bool ended_ = false;
    number_tokenizer tokenizer_;
    std::vector<std::uint64_t> parsed_;
};

}  // namespace concur
