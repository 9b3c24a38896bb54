// libFuzzer target: the pipe record decoders never accept an inconsistent record, and every
// record they accept comes back unchanged through encode (the bytes a writer sends) and decode.
//
// Input layout: byte 0 chooses the decoder (even: job, odd: result); the rest is the record's
// bytes, zero-padded or cut to the record's size. The unpadded bytes are decoded too: a record
// of the wrong size must be refused.
#include "concur/core/wire_records.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

namespace {

using concur::job_kind;
using concur::job_record;
using concur::result_kind;
using concur::result_record;

void fail(const char* what) {
    std::fprintf(stderr, "wire_records_fuzzer: %s\n", what);
    std::abort();
}

/// What a reader may rely on once a job record is accepted (the worker indexes numbers[i]
/// for i < count).
bool consistent(const job_record& job) {
    switch (job.kind) {
        case job_kind::numbers: return job.count >= 1 && job.count <= job_record::capacity;
        case job_kind::poison_pill: return job.count == 0;
    }
    return false;
}

/// What the parent relies on (it indexes verdicts[i] for i < count, and positions
/// first_index .. first_index + count in a batch of at most job_record::capacity numbers).
bool consistent(const result_record& result) {
    if (result.worker == 0) return false;
    switch (result.kind) {
        case result_kind::verdicts: {
            if (result.count < 1 || result.count > result_record::capacity) return false;
            const std::uint64_t end = std::uint64_t{result.first_index} + result.count;
            if (end > job_record::capacity) return false;
            for (std::uint32_t i = 0; i < result.count; ++i) {
                if (result.verdicts[i].prime > 1) return false;
            }
            return true;
        }
        case result_kind::done: return result.count == 0;
    }
    return false;
}

template <typename Record, typename Decode>
void check(std::span<const std::byte> input, Decode decode) {
    if (input.size() != sizeof(Record) && decode(input)) fail("accepted a record of the wrong size");

    std::vector<std::byte> bytes(sizeof(Record));
    std::copy_n(input.begin(), std::min(input.size(), bytes.size()), bytes.begin());
    const auto record = decode(std::span<const std::byte>{bytes});
    if (!record) return;
    if (!consistent(*record)) fail("accepted an inconsistent record");

    // Round trip: the bytes a writer would send for this record decode to the same record.
    std::vector<std::byte> encoded(sizeof(Record));
    std::memcpy(encoded.data(), &*record, sizeof(Record));
    if (encoded != bytes) fail("the accepted record does not encode back to the bytes it came from");
    const auto again = decode(std::span<const std::byte>{encoded});
    if (!again || std::memcmp(&*again, &*record, sizeof(Record)) != 0) fail("the round trip changed the record");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto input = std::as_bytes(std::span{data + 1, size - 1});
    if (data[0] % 2 == 0) {
        check<job_record>(input, [](std::span<const std::byte> b) { return concur::decode_job_record(b); });
    } else {
        check<result_record>(input, [](std::span<const std::byte> b) { return concur::decode_result_record(b); });
    }
    return 0;
}
