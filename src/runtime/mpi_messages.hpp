// mpi_messages: the pool's records as MPI messages, one tag for each of the book's four kinds.
#pragma once

#include "concur/core/wire_records.hpp"

#include <mpi.h>

#include <cstddef>
#include <optional>

namespace concur::detail {

/// The book's protocol, as message tags. A tag lets a rank ask MPI for one kind of message,
/// and the pill and the done record carry nothing but their kind: they travel empty.
enum class mpi_tag : int {
    job = 1,          // rank 0 -> a worker: a batch of numbers (a job_record, cut after its last number)
    poison_pill = 2,  // rank 0 -> a worker: no more work; answer done and end
    result = 3,       // a worker -> rank 0: verdicts (a result_record, cut after its last verdict)
    done = 4,         // a worker -> rank 0: it took its pill (the book's 0 on the result queue)
};

// Only the part of a record in use travels: on a network a 4 KiB record for one number
// would cost more than the number's check. (A pipe needs whole records; MPI keeps each
// message whole by itself.)
inline constexpr std::size_t job_header_bytes = offsetof(job_record, numbers);
inline constexpr std::size_t result_header_bytes = offsetof(result_record, verdicts);

[[nodiscard]] inline int bytes_in_use(const job_record& job) noexcept {
    return static_cast<int>(job_header_bytes + job.count * sizeof(std::uint64_t));
}
[[nodiscard]] inline int bytes_in_use(const result_record& result) noexcept {
    return static_cast<int>(result_header_bytes + result.count * sizeof(verdict));
}

/// A job as received (`bytes` long, the rest of `job` zero): checked as a record off a pipe.
[[nodiscard]] inline std::optional<job_record> decode_job_message(const job_record& job, int bytes) noexcept {
    if (bytes < static_cast<int>(job_header_bytes) || bytes != bytes_in_use(job)) return std::nullopt;
    return decode_job_record(std::as_bytes(std::span{&job, 1}));
}

/// A result as received from `rank`: checked as a record off a pipe, and a rank answers only
/// for itself.
[[nodiscard]] inline std::optional<result_record> decode_result_message(const result_record& result, int bytes,
                                                                        int rank) noexcept {
    if (bytes < static_cast<int>(result_header_bytes) || bytes != bytes_in_use(result)) return std::nullopt;
    if (result.worker != static_cast<std::uint32_t>(rank)) return std::nullopt;
    return decode_result_record(std::as_bytes(std::span{&result, 1}));
}

[[nodiscard]] inline int tag(mpi_tag kind) noexcept { return static_cast<int>(kind); }

}  // namespace concur::detail
