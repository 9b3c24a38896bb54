// Tests for the pipe records: sizes that keep writes atomic, and decoders that refuse garbage.
#include "concur/core/wire_records.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace {

using namespace concur;

template <typename Record>
std::vector<std::byte> bytes_of(const Record& record) {
    std::vector<std::byte> bytes(sizeof record);
    std::memcpy(bytes.data(), &record, sizeof record);
    return bytes;
}

TEST(wire_records_test, records_fit_one_atomic_pipe_write) {
    EXPECT_LE(sizeof(job_record), static_cast<std::size_t>(PIPE_BUF));
    EXPECT_LE(sizeof(result_record), static_cast<std::size_t>(PIPE_BUF));
    EXPECT_GE(job_record::capacity, 500U);
    EXPECT_GE(result_record::capacity, 160U);
}

TEST(wire_records_test, job_round_trip) {
    job_record job;
    job.batch = 42;
    job.count = 3;
    job.numbers[0] = 0;  // zero is a number like any other, not a pill
    job.numbers[1] = 1;
    job.numbers[2] = UINT64_MAX;
    const auto decoded = decode_job_record(bytes_of(job));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->kind, job_kind::numbers);
    EXPECT_EQ(decoded->batch, 42U);
    EXPECT_EQ(decoded->count, 3U);
    EXPECT_EQ(decoded->numbers[2], UINT64_MAX);
}

TEST(wire_records_test, poison_pill_is_its_own_kind) {
    job_record pill;
    pill.kind = job_kind::poison_pill;
    const auto decoded = decode_job_record(bytes_of(pill));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->kind, job_kind::poison_pill);
}

TEST(wire_records_test, malformed_jobs_are_refused) {
    job_record job;
    job.count = 0;  // an empty batch is never sent
    EXPECT_FALSE(decode_job_record(bytes_of(job)).has_value());
    job.count = static_cast<std::uint32_t>(job_record::capacity + 1);
    EXPECT_FALSE(decode_job_record(bytes_of(job)).has_value());
    job.count = 1;
    job.kind = static_cast<job_kind>(7);
    EXPECT_FALSE(decode_job_record(bytes_of(job)).has_value());
    auto short_bytes = bytes_of(job_record{});
    short_bytes.pop_back();
    EXPECT_FALSE(decode_job_record(short_bytes).has_value());
}

TEST(wire_records_test, results_round_trip_and_refuse_garbage) {
    result_record record;
    record.worker = 2;
    record.batch = 9;
    record.count = 1;
    record.verdicts[0] = verdict{142702110479723, 52814000, 1, 0};
    auto decoded = decode_result_record(bytes_of(record));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->verdicts[0].number, 142702110479723U);
    EXPECT_EQ(decoded->verdicts[0].prime, 1U);

    record.verdicts[0].prime = 2;
    EXPECT_FALSE(decode_result_record(bytes_of(record)).has_value());
    record.verdicts[0].prime = 1;
    record.worker = 0;
    EXPECT_FALSE(decode_result_record(bytes_of(record)).has_value());
    record.worker = 1;
    record.first_index = static_cast<std::uint32_t>(job_record::capacity);
    EXPECT_FALSE(decode_result_record(bytes_of(record)).has_value());
    record.first_index = 0;
    record.kind = result_kind::done;
    EXPECT_FALSE(decode_result_record(bytes_of(record)).has_value());  // done carries no verdicts
    record.count = 0;
    EXPECT_TRUE(decode_result_record(bytes_of(record)).has_value());
}

}  // namespace
