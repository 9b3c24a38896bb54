// The records a process pool sends through its pipes: job batches in, verdicts out.
#pragma once

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace concur {

/// Every record is exactly this many bytes: PIPE_BUF, the largest write POSIX guarantees to be
/// atomic on a pipe. Several workers write the same result pipe and read the same job pipe;
/// because each write is one whole record, writes never interleave, and because every read
/// asks for one whole record, no reader ever gets half of one.
inline constexpr std::size_t record_bytes = 4096;
static_assert(record_bytes <= PIPE_BUF, "a record must fit in one atomic pipe write");

/// Distinct kinds, not magic numbers: in the seed's Python a 0 in the list is the poison pill,
/// so checking 0 silently stops a worker. Here 0 is just a number.
enum class job_kind : std::uint32_t {
    numbers = 1,      // check `count` numbers
    poison_pill = 2,  // no more work: answer with a `done` record and exit
};

struct job_record {
    job_kind kind = job_kind::numbers;
    std::uint32_t count = 0;   // numbers used in `numbers`
    std::uint64_t batch = 0;   // the parent's batch id, echoed in the results
    static constexpr std::size_t capacity = (record_bytes - 16) / sizeof(std::uint64_t);
    std::array<std::uint64_t, capacity> numbers{};
};
static_assert(sizeof(job_record) == record_bytes);

/// One number's answer.
struct verdict {
    std::uint64_t number = 0;
    std::uint64_t elapsed_ns = 0;  // time the check took, in the worker
    std::uint32_t prime = 0;       // 1 if prime
    std::uint32_t start_offset_ns = 0;  // when the check began, after the record's `started_ns`
};
static_assert(sizeof(verdict) == 24);

enum class result_kind : std::uint32_t {
    verdicts = 1,  // `count` answers for batch `batch`, starting at `first_index` in it
    done = 2,      // the worker took its poison pill and is about to exit
};

struct result_record {
    result_kind kind = result_kind::verdicts;
    std::uint32_t worker = 0;       // worker id, from 1
    std::uint64_t batch = 0;
    std::uint32_t first_index = 0;  // position in the batch of verdicts[0]
    std::uint32_t count = 0;
    std::uint64_t started_ns = 0;   // steady clock (CLOCK_MONOTONIC, one clock for every process)
                                    // when verdicts[0]'s check began: for the job log
    static constexpr std::size_t capacity = (record_bytes - 32) / sizeof(verdict);
    std::array<verdict, capacity> verdicts{};
};
static_assert(sizeof(result_record) <= record_bytes);

/// Decoders check what came off a pipe before anyone trusts it: the kind must be known and
/// counts within capacity. They return nothing for a malformed record.
[[nodiscard]] std::optional<job_record> decode_job_record(std::span<const std::byte> bytes) noexcept;
[[nodiscard]] std::optional<result_record> decode_result_record(std::span<const std::byte> bytes) noexcept;

}  // namespace concur
