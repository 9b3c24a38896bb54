// The job log: one tab-separated line per checked number, like GNU parallel's --joblog.
#include "concur/core/job_log.hpp"

#include <fmt/format.h>

#include <iterator>

namespace concur {

std::string job_log_header(std::string_view id_column, bool with_host) {
    return fmt::format("seq\tworker\t{}{}\tstart\telapsed\tnumber\tresult\n", with_host ? "host\t" : "", id_column);
}

void append_job_log_line(std::string& out, std::uint64_t seq, unsigned worker, long system_id,
                         std::chrono::nanoseconds start_offset, std::chrono::nanoseconds elapsed,
                         std::uint64_t number, bool prime, std::string_view host) {
    using seconds = std::chrono::duration<double>;
    fmt::format_to(std::back_inserter(out), "{}\t{}{}{}\t{}\t{:.6f}\t{:.6f}\t{}\t{}\n", seq, worker,
                   host.empty() ? "" : "\t", host, system_id,
                   seconds(start_offset).count(), seconds(elapsed).count(), number,
                   prime ? "prime" : "composite");
}

}  // namespace concur
