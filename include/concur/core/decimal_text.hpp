// decimal_text: integers and seconds written as decimal text, byte for byte as fmt writes them, fast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace concur {

/// Room enough for anything the functions below write: 20 digits of 2^64 - 1, or seconds
/// with six decimals of any duration ("-9223372036.854776").
inline constexpr std::size_t decimal_text_room = 24;

/// How many digits `n` has in decimal: 1 for 0, 20 for 2^64 - 1.
std::size_t decimal_length(std::uint64_t n) noexcept;

/// Writes `n` in decimal at `out` ("0", "1234"), the text of fmt's "{}"; returns its length.
std::size_t write_decimal(std::uint64_t n, char* out) noexcept;

/// Writes `elapsed` as seconds with six decimals at `out` ("0.000583", "12.500000") and
/// returns its length: the text fmt's "{:.6f}" gives for `duration<double>(elapsed).count()`,
/// the double the seed's result line prints, rounded the same way, from the integer count.
/// A stream prints one per number: fmt's exact formatting of a double costs about 1,000
/// instructions, this about 60.
std::size_t write_six_decimal_seconds(std::chrono::nanoseconds elapsed, char* out) noexcept;

}  // namespace concur
