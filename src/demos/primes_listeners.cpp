// The listeners of a `concur primes` run: text, JSON, and the observer that tallies and logs.
#include "concur/demos/primes_listeners.hpp"

#include "concur/core/job_log.hpp"
#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

#include <iterator>

namespace concur {
namespace {

std::string_view ending_name(pool_ending ending) {
    switch (ending) {
        case pool_ending::complete: return "complete";
        case pool_ending::worker_lost: return "worker_lost";
        case pool_ending::interrupted: return "interrupted";
        case pool_ending::bad_input: return "bad_input";
    }
    return "unknown";
}

std::string describe_lost(const lost_worker& lost) {
    std::string text = fmt::format("worker {} (pid {}) {}", lost.worker, lost.pid, lost.how.describe());
    if (lost.checking) text += fmt::format(" while checking {}", *lost.checking);
    return text;
}

}  // namespace

void text_report::on_result(const checked_number& result) {
    append_result_line(lines_, result.number, result.prime, result.elapsed, width_);
}

void text_report::on_worker_lost(const lost_worker& lost) {
    flush();
    err_.write(fmt::format("concur: {}\n", describe_lost(lost)));
    err_.flush();
}

void text_report::flush() {
    // Each line is formatted whole and written whole: lines never interleave.
    out_.write(lines_);
    lines_.clear();
    out_.flush();
}

void json_report::on_result(const checked_number& result) {
    fmt::format_to(std::back_inserter(text_), "{}\n    {{\"number\": {}, \"prime\": {}, \"elapsed\": {}, \"worker\": {}}}",
                   first_ ? "" : ",", result.number, result.prime, json_seconds(result.elapsed), result.worker);
    first_ = false;
}

void json_report::on_worker_lost(const lost_worker& lost) {
    err_.write(fmt::format("concur: {}\n", describe_lost(lost)));
    err_.flush();
}

void json_report::flush() {
    out_.write(text_);
    text_.clear();
    out_.flush();
}

std::string json_trailer(const pool_report& report, std::chrono::steady_clock::duration elapsed) {
    std::string lost = "[";
    for (std::size_t i = 0; i < report.lost_workers.size(); ++i) {
        const lost_worker& worker = report.lost_workers[i];
        fmt::format_to(std::back_inserter(lost), "{}{{\"worker\": {}, \"pid\": {}, \"how\": {}, \"checking\": {}}}",
                       i == 0 ? "" : ", ", worker.worker, worker.pid, json_string(worker.how.describe()),
                       worker.checking ? fmt::format("{}", *worker.checking) : "null");
    }
    lost += "]";
    return fmt::format("\n  ],\n  \"checked\": {},\n  \"elapsed\": {},\n  \"ending\": \"{}\",\n"
                       "  \"unchecked\": [{}],\n  \"input_left_unread\": {},\n  \"lost_workers\": {},\n",
                       report.checked, json_seconds(elapsed), ending_name(report.ending),
                       fmt::join(report.unchecked, ", "), report.input_left_unread, lost);
}

void run_observer::on_worker_started(unsigned worker, long system_id) {
    load_.started(worker, system_id);
    if (worker >= 1 && worker <= ids_.size()) ids_[worker - 1] = system_id;
}

void run_observer::on_result(const checked_number& result) {
    ++checked_;
    load_.add(result.worker, result.elapsed);
    if (job_log_ != nullptr) {
        const bool known = result.worker >= 1 && result.worker <= ids_.size();
        const long id = known ? ids_[result.worker - 1] : 0;
        // Both arms string_views: with `: ""` the ?: would build a std::string temporary, and
        // the view would dangle once the line ends.
        const std::string_view host =
            known && result.worker <= hosts_.size() ? std::string_view{hosts_[result.worker - 1]} : std::string_view{};
        append_job_log_line(lines_, ++seq_, result.worker, id, result.started - start_, result.elapsed,
                            result.number, result.prime, host);
    }
    report_.on_result(result);
}

void run_observer::flush() {
    if (job_log_ != nullptr && !lines_.empty()) {
        job_log_->write(lines_);
        lines_.clear();
        job_log_->flush();
    }
    report_.flush();
}

}  // namespace concur
