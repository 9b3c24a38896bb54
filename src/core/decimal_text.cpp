// decimal_text: integers and seconds written as decimal text, byte for byte as fmt writes them, fast.
#include "concur/core/decimal_text.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstring>

namespace concur {
namespace {

/// "00" to "99": two digits per division by 100 halves the divisions.
constexpr std::array<char, 200> digit_pairs = [] {
    std::array<char, 200> pairs{};
    for (std::size_t i = 0; i < 100; ++i) {
        pairs[2 * i] = static_cast<char>('0' + i / 10);
        pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
}();

void write_pair(std::uint64_t below_100, char* out) noexcept { std::memcpy(out, &digit_pairs[2 * below_100], 2); }

// Below 2^50 ns (13 days) the integer rounding is provably fmt's; see write_six_decimal_seconds.
constexpr std::int64_t exact_below = std::int64_t{1} << 50;

/// At a tie (a count ending in 500 ns), whether fmt rounds up. fmt rounds the double's exact
/// binary value: up when it lies above the tie, down when below, and to the even last digit
/// when it is the tie itself (0.1171875 s is 15/128, a double exactly: "0.117188"). std::fma
/// forms q * 10^9 - count exactly and rounds once, which keeps its sign and its zero.
bool fmt_rounds_tie_up(std::chrono::nanoseconds elapsed, std::uint64_t micros_below) noexcept {
    const double seconds = std::chrono::duration<double>(elapsed).count();
    const double above = std::fma(seconds, 1e9, -static_cast<double>(elapsed.count()));
    return above > 0 || (above == 0 && micros_below % 2 == 1);
}

}  // namespace

std::size_t decimal_length(std::uint64_t n) noexcept {
    std::size_t length = 1;
    for (std::uint64_t power = 10; n >= power; power *= 10) {
        ++length;
        if (length == 20) break;  // 10^20 does not fit: every n of 20 digits is below 2^64
    }
    return length;
}

// The length first, then the digits from the last one back, in place: copying them from a
// scratch buffer cost as much as writing them.
std::size_t write_decimal(std::uint64_t n, char* out) noexcept {
    const std::size_t length = decimal_length(n);
    char* at = out + length;
    while (n >= 100) {
        at -= 2;
        write_pair(n % 100, at);
        n /= 100;
    }
    if (n >= 10) {
        write_pair(n, at - 2);
    } else {
        at[-1] = static_cast<char>('0' + n);
    }
    return length;
}

// The seed prints seconds as a double with six decimals, and fmt rounds that double's exact
// binary value, which is not always the count's exact value: 1500 ns is 0.0000015 s, and the
// nearest double to it may lie just above or just below. The integer rounding agrees anyway:
// - below 2^53 ns a double holds the count exactly, and q = count / 10^9, correctly rounded,
//   is off by at most 2^-53 q; below 2^50 ns that is under 1.25 * 10^-10 s;
// - rounding to microseconds changes direction only at a tie, k µs + 500 ns, and every other
//   count is at least 1 ns = 10^-9 s away from one: q lies on the count's side and rounds as
//   the count does (up when more than 500 ns past the microsecond);
// - at a tie, q rounds the way fmt_rounds_tie_up says.
// Beyond 2^50 ns, and for a negative count (which a clock never gives), fmt formats the double.
std::size_t write_six_decimal_seconds(std::chrono::nanoseconds elapsed, char* out) noexcept {
    const std::int64_t count = elapsed.count();
    if (count < 0 || count >= exact_below) {
        const double seconds = std::chrono::duration<double>(elapsed).count();
        return fmt::format_to_n(out, decimal_text_room, "{:.6f}", seconds).size;
    }
    auto micros = static_cast<std::uint64_t>(count / 1000);
    const std::int64_t past = count % 1000;
    if (past > 500 || (past == 500 && fmt_rounds_tie_up(elapsed, micros))) ++micros;
    std::size_t length = write_decimal(micros / 1'000'000, out);
    out[length++] = '.';
    const std::uint64_t fraction = micros % 1'000'000;
    write_pair(fraction / 10'000, out + length);
    write_pair(fraction / 100 % 100, out + length + 2);
    write_pair(fraction % 100, out + length + 4);
    return length + 6;
}

}  // namespace concur
