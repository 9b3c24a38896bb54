// What `concur spin` prints: the answer line, the --stats lines and the --json document.
#include "concur/core/spin_report.hpp"

#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

namespace concur {
namespace {

double seconds(std::chrono::nanoseconds time) { return std::chrono::duration<double>(time).count(); }
double seconds(std::int64_t nanoseconds) { return static_cast<double>(nanoseconds) / 1e9; }

}  // namespace

std::string_view work_name(spin_work work) noexcept {
    switch (work) {
        case spin_work::sleep: return "sleep";
        case spin_work::block: return "block";
        case spin_work::prime: return "prime";
    }
    return "unknown";
}

std::string with_thousands_separators(std::uint64_t n) {
    const std::string digits = fmt::format("{}", n);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

std::string format_answer(const spin_answer& answer) {
    if (answer.work != spin_work::prime) return "Answer: 42\n";
    return fmt::format("{} {} prime\n", with_thousands_separators(answer.number), answer.prime ? "is" : "is not");
}

std::string format_spin_stats(const spin_summary& summary) {
    const auto cpu = summary.cpu_user + summary.cpu_system;
    return fmt::format(
        "frames drawn: {}\n"
        "longest gap between frames: {:.3f}s\n"
        "work wall time: {:.3f}s\n"
        "CPU time: {:.3f}s (user {:.3f}s, system {:.3f}s)\n",
        summary.stats.frames, seconds(summary.stats.longest_gap_ns), seconds(summary.work_time), seconds(cpu),
        seconds(summary.cpu_user), seconds(summary.cpu_system));
}

std::string format_spin_json(const spin_summary& summary) {
    const spin_answer& answer = summary.answer;
    const std::string result =
        answer.work == spin_work::prime
            ? fmt::format("\"number\": {},\n  \"prime\": {}", answer.number, answer.prime)
            : std::string{"\"answer\": 42"};
    return fmt::format(
        "{{\n  \"command\": \"spin\",\n  \"model\": \"{}\",\n  \"work\": \"{}\",\n  \"nap\": {},\n"
        "  \"spinner_object\": {},\n  {},\n  \"frames\": {},\n  \"longest_gap\": {},\n"
        "  \"work_elapsed\": {},\n  \"cpu_user\": {},\n  \"cpu_system\": {}\n}}\n",
        model_name(summary.model), work_name(answer.work), summary.nap == 0 ? "null" : fmt::format("{}", summary.nap),
        json_string(summary.spinner_object), result, summary.stats.frames,
        json_seconds(std::chrono::nanoseconds{summary.stats.longest_gap_ns}), json_seconds(summary.work_time),
        json_seconds(summary.cpu_user), json_seconds(summary.cpu_system));
}

}  // namespace concur
