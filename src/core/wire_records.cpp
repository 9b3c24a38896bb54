// The records a process pool sends through its pipes: job batches in, verdicts out.
#include "concur/core/wire_records.hpp"

#include <cstring>

namespace concur {
namespace {

template <typename Record>
std::optional<Record> copy_record(std::span<const std::byte> bytes) noexcept {
    if (bytes.size() != sizeof(Record)) return std::nullopt;
    Record record;
    std::memcpy(&record, bytes.data(), sizeof(Record));
    return record;
}

}  // namespace

std::optional<job_record> decode_job_record(std::span<const std::byte> bytes) noexcept {
    auto record = copy_record<job_record>(bytes);
    if (!record) return std::nullopt;
    switch (record->kind) {
        case job_kind::numbers:
            if (record->count == 0 || record->count > job_record::capacity) return std::nullopt;
            return record;
        case job_kind::poison_pill:
            if (record->count != 0) return std::nullopt;
            return record;
    }
    return std::nullopt;
}

std::optional<result_record> decode_result_record(std::span<const std::byte> bytes) noexcept {
    auto record = copy_record<result_record>(bytes);
    if (!record || record->worker == 0) return std::nullopt;
    switch (record->kind) {
        case result_kind::verdicts:
            if (record->count == 0 || record->count > result_record::capacity) return std::nullopt;
            if (record->first_index > job_record::capacity - record->count) return std::nullopt;
            for (std::uint32_t i = 0; i < record->count; ++i) {
                if (record->verdicts[i].prime > 1) return std::nullopt;
            }
            return record;
        case result_kind::done:
            if (record->count != 0) return std::nullopt;
            return record;
    }
    return std::nullopt;
}

}  // namespace concur
