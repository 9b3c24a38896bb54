// progress_layout: the status lines `concur primes` draws below its results, from published progress.
#include "concur/core/progress_layout.hpp"

#include "concur/core/is_prime.hpp"
#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {
namespace {

/// Results print numbers at least this wide (the seed's column); the status lines line up with them.
constexpr std::size_t number_column = 16;

std::string worker_line(const progress_snapshot& snapshot, std::size_t index, std::size_t label_width,
                        std::size_t number_width) {
    const worker_progress& worker = snapshot.workers[index];
    std::string line = fmt::format("  worker {:>{}}  ", index + 1, label_width);
    if (!worker.busy) return line + "idle";
    fmt::format_to(std::back_inserter(line), "{:>{}}  ", worker.number, number_width);
    if (snapshot.divisor_range) {
        fmt::format_to(std::back_inserter(line), "{:>3}% of divisors  ",
                       percent_of_divisors(worker.number, worker.reached));
    }
    fmt::format_to(std::back_inserter(line), "{:.2f} s", worker.held_seconds);
    return line;
}

std::string summary_line(const progress_snapshot& snapshot, bool count_workers) {
    std::string line = "  ";
    if (count_workers) {
        const auto busy = static_cast<std::size_t>(
            std::count_if(snapshot.workers.begin(), snapshot.workers.end(), [](const worker_progress& w) { return w.busy; }));
        fmt::format_to(std::back_inserter(line), "{} workers: {} busy, {} idle; ", snapshot.workers.size(), busy,
                       snapshot.workers.size() - busy);
    }
    if (snapshot.total) {
        fmt::format_to(std::back_inserter(line), "{} of {} checked", snapshot.checked, *snapshot.total);
    } else {
        fmt::format_to(std::back_inserter(line), "{} checked", snapshot.checked);
    }
    fmt::format_to(std::back_inserter(line), ", {:.2f} s", snapshot.elapsed_seconds);
    return line;
}

std::vector<std::string> all_lines(const progress_snapshot& snapshot, bool per_worker) {
    std::vector<std::string> lines;
    if (per_worker) {
        const std::size_t label_width = decimal_digits(snapshot.workers.size());
        std::size_t number_width = number_column;
        for (const worker_progress& worker : snapshot.workers) {
            if (worker.busy) number_width = std::max(number_width, decimal_digits(worker.number));
        }
        for (std::size_t index = 0; index < snapshot.workers.size(); ++index) {
            lines.push_back(worker_line(snapshot, index, label_width, number_width));
        }
    }
    lines.push_back(summary_line(snapshot, !per_worker));
    return lines;
}

}  // namespace

unsigned percent_of_divisors(std::uint64_t n, std::uint64_t reached) noexcept {
    const std::uint64_t root = integer_sqrt(n);
    if (reached > root) return 100;
    // No overflow: the root of a 64-bit number is below 2^32, so reached * 100 is below 2^39.
    return static_cast<unsigned>(reached * 100 / (root + 1));
}

std::vector<std::string> progress_block(const progress_snapshot& snapshot, unsigned columns, unsigned rows) {
    const bool per_worker = snapshot.workers.size() + 1 <= rows / 3;
    std::vector<std::string> lines = all_lines(snapshot, per_worker);
    const std::size_t room = columns == 0 ? 0 : columns - 1;
    for (std::string& line : lines) {
        if (line.size() > room) line.resize(room);  // ASCII only: a byte is a column
    }
    return lines;
}

std::string progress_plain_lines(const progress_snapshot& snapshot) {
    std::string text;
    for (const std::string& line : all_lines(snapshot, true)) {
        text += line;
        text += '\n';
    }
    return text;
}

}  // namespace concur
