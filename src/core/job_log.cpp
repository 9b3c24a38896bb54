// The job log: one tab-separated line per checked number, like GNU parallel's --joblog.
#include "concur/core/job_log.hpp"

#include "concur/core/decimal_text.hpp"

#include <fmt/format.h>

#include <array>

namespace concur {

std::string job_log_header(std::string_view id_column, bool with_host) {
    return fmt::format("seq\tworker\t{}{}\tstart\telapsed\tnumber\tresult\n", with_host ? "host\t" : "", id_column);
}

void append_job_log_line(std::string& out, std::uint64_t seq, unsigned worker, long system_id,
                         std::chrono::nanoseconds start_offset, std::chrono::nanoseconds elapsed,
                         std::uint64_t number, bool prime, std::string_view host) {
    // Seconds as the result lines write them (fmt's "{:.6f}" of the double, without formatting
    // one); the line is built in fmt's own buffer and appended whole, which is much cheaper than
    // fmt appending to a std::string a character at a time.
    std::array<char, decimal_text_room> start_text;
    std::array<char, decimal_text_room> elapsed_text;
    const std::string_view start{start_text.data(), write_six_decimal_seconds(start_offset, start_text.data())};
    const std::string_view took{elapsed_text.data(), write_six_decimal_seconds(elapsed, elapsed_text.data())};
    fmt::memory_buffer line;
    fmt::format_to(fmt::appender(line), "{}\t{}{}{}\t{}\t{}\t{}\t{}\t{}\n", seq, worker, host.empty() ? "" : "\t", host,
                   system_id, start, took, number, prime ? "prime" : "composite");
    out.append(line.data(), line.size());
}

}  // namespace concur
