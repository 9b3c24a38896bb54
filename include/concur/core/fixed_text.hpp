// fixed_text: text written into a buffer of fixed size, never allocating: what a signal handler may format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace concur {

/// Appends into `room`, which the caller owns (an array on the stack). Nothing allocates,
/// locks, throws or reads the locale, so a signal handler may build text with it (fmt and
/// std::string may allocate, and malloc is not async-signal-safe). What does not fit is
/// dropped, and overflowed() says so.
class fixed_text {
public:
    explicit fixed_text(std::span<char> room) noexcept : room_(room) {}

    void append(std::string_view text) noexcept;
    void append(char c) noexcept;
    /// 1234 -> "1234".
    void append_decimal(std::uint64_t n) noexcept;
    /// Nanoseconds as seconds with nine decimals: 1'500'000'000 -> "1.500000000" (the JSON
    /// documents' unit); a negative count is written as 0.
    void append_seconds(std::int64_t nanoseconds) noexcept;
    /// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
    void append_json_string(std::string_view text) noexcept;

    [[nodiscard]] std::string_view view() const noexcept { return {room_.data(), size_}; }
    [[nodiscard]] bool overflowed() const noexcept { return overflowed_; }

private:
    std::span<char> room_;
    std::size_t size_ = 0;
    bool overflowed_ = false;
};

}  // namespace concur
