// The job log: one tab-separated line per checked number, like GNU parallel's --joblog.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace concur {

/// The first line: "seq\tworker\tpid\tstart\telapsed\tnumber\tresult\n". `id_column` names
/// the system id: "pid" for processes, "tid" for threads (what `top -H` shows). `with_host`
/// adds a host column before it, for workers that may run on other machines (MPI ranks): a
/// pid names a process only on its own host.
[[nodiscard]] std::string job_log_header(std::string_view id_column, bool with_host = false);

/// One line: completion order (from 1), worker, its host (only when `host` is given: see
/// job_log_header), its pid or tid, when the check began (seconds after the run started), how
/// long it took (seconds), the number, and "prime" or "composite". Seconds have microsecond
/// precision.
void append_job_log_line(std::string& out, std::uint64_t seq, unsigned worker, long system_id,
                         std::chrono::nanoseconds start_offset, std::chrono::nanoseconds elapsed,
                         std::uint64_t number, bool prime, std::string_view host = {});

}  // namespace concur
