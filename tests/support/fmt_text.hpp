// fmt_text: the result columns as fmt formats them, the reference the hand-written formatter matches.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace concur::testing {

/// An integer as fmt writes it.
inline std::string fmt_decimal(std::uint64_t n) { return fmt::format("{}", n); }

/// Seconds as the seed's result line printed them: the count as a double, fmt's "{:.6f}".
inline std::string fmt_six_decimal_seconds(std::int64_t nanoseconds) {
    return fmt::format("{:.6f}", std::chrono::duration<double>(std::chrono::nanoseconds{nanoseconds}).count());
}

/// A whole result line, formatted as it was before the line was written by hand.
inline std::string fmt_result_line(std::uint64_t number, bool prime, std::chrono::nanoseconds elapsed,
                                   std::size_t width = 16) {
    return fmt::format("{:>{}}  {} {:9.6f}s\n", number, width, prime ? 'P' : ' ',
                       std::chrono::duration<double>(elapsed).count());
}

/// A whole job log line, formatted as it was before its seconds were written by hand.
inline std::string fmt_job_log_line(std::uint64_t seq, unsigned worker, long system_id,
                                    std::chrono::nanoseconds start_offset, std::chrono::nanoseconds elapsed,
                                    std::uint64_t number, bool prime) {
    using seconds = std::chrono::duration<double>;
    return fmt::format("{}\t{}\t{}\t{:.6f}\t{:.6f}\t{}\t{}\n", seq, worker, system_id, seconds(start_offset).count(),
                       seconds(elapsed).count(), number, prime ? "prime" : "composite");
}

}  // namespace concur::testing
