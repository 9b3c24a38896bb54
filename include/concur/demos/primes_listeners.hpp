// The listeners of a `concur primes` run: the text report (the seed's lines), the JSON report,
// and the observer between the pool and either, which tallies each worker's load and writes
// the job log.
#pragma once

#include "concur/core/output_sink.hpp"
#include "concur/core/worker_load.hpp"
#include "concur/runtime/pool_types.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace concur {

/// Prints the seed's lines: each result as it arrives (the header and the summary are the
/// caller's, before and after the run).
class text_report final : public pool_listener {
public:
    text_report(output_sink& out, output_sink& err, std::size_t width) : out_(out), err_(err), width_(width) {}

    void on_result(const checked_number& result) override;
    void on_worker_lost(const lost_worker& lost) override;
    void flush() override;

private:
    output_sink& out_;
    output_sink& err_;
    std::size_t width_;
    std::string lines_;
};

/// The same facts as one JSON document, streamed: results are written as they arrive and the
/// document is closed whatever the ending, which it names (json_trailer).
class json_report final : public pool_listener {
public:
    json_report(output_sink& out, output_sink& err) : out_(out), err_(err) {}

    void on_result(const checked_number& result) override;
    void on_worker_lost(const lost_worker& lost) override;
    void flush() override;

private:
    output_sink& out_;
    output_sink& err_;
    std::string text_;
    bool first_ = true;
};

/// The members of the JSON document after its results: how the run ended and what was lost.
[[nodiscard]] std::string json_trailer(const pool_report& report, std::chrono::steady_clock::duration elapsed);

/// Sits between the pool and the report: adds up each worker's busy time and, with
/// --joblog, writes one line per number to the log file.
class run_observer final : public pool_listener {
public:
    run_observer(pool_listener& report, unsigned workers, std::chrono::steady_clock::time_point start,
                 output_sink* job_log, const std::vector<std::string>& hosts)
        : report_(report), load_(workers), start_(start), job_log_(job_log), hosts_(hosts), ids_(workers, 0) {}

    void on_worker_started(unsigned worker, long system_id) override;
    void on_result(const checked_number& result) override;
    void on_worker_lost(const lost_worker& lost) override { report_.on_worker_lost(lost); }
    void flush() override;
    [[nodiscard]] const worker_load_tally& load() const noexcept { return load_; }
    [[nodiscard]] std::uint64_t checked() const noexcept { return checked_; }

private:
    pool_listener& report_;
    worker_load_tally load_;
    std::chrono::steady_clock::time_point start_;
    output_sink* job_log_;
    const std::vector<std::string>& hosts_;  // MPI: each worker's host; empty otherwise
    std::vector<long> ids_;
    std::string lines_;
    std::uint64_t seq_ = 0;
    std::uint64_t checked_ = 0;
};

}  // namespace concur
