// What `concur spin` prints: the answer line, the --stats lines and the --json document.
#include "concur/core/spin_report.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace concur {
namespace {

double seconds(std::chrono::nanoseconds time) { return std::chrono::duration<double>(time).count(); }
double seconds(std::int64_t nanoseconds) { return static_cast<double>(nanoseconds) / 1e9; }

/// `"key": ` on a line of its own, after a comma unless it is the first.
void key(fixed_text& out, std::string_view name, bool first = false) noexcept {
    out.append(first ? "\n  \"" : ",\n  \"");
    out.append(name);
    out.append("\": ");
}

}  // namespace

std::string_view work_name(spin_work work) noexcept {
    switch (work) {
        case spin_work::sleep: return "sleep";
        case spin_work::block: return "block";
        case spin_work::prime: return "prime";
    }
    return "unknown";
}

std::string_view ending_name(spin_ending ending) noexcept {
    switch (ending) {
        case spin_ending::complete: return "complete";
        case spin_ending::spinner_lost: return "spinner_lost";
        case spin_ending::interrupted: return "interrupted";
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
    // Wall time is what a clock on the wall shows, as the book's time.sleep keeps it: a stop by
    // Ctrl-Z in the middle of the work is part of it, which the line says.
    return fmt::format(
        "frames drawn: {}\n"
        "longest gap between frames: {:.3f}s\n"
        "work wall time: {:.3f}s (time stopped by Ctrl-Z included)\n"
        "CPU time: {:.3f}s (user {:.3f}s, system {:.3f}s)\n",
        summary.stats.frames, seconds(summary.stats.longest_gap_ns),
        seconds(summary.work_time.value_or(std::chrono::nanoseconds{})), seconds(cpu), seconds(summary.cpu_user),
        seconds(summary.cpu_system));
}

void format_spin_json(const spin_summary& summary, fixed_text& out) noexcept {
    const spin_answer& answer = summary.answer;
    const bool answered = summary.ending != spin_ending::interrupted;
    out.append("{");
    key(out, "command", true);
    out.append("\"spin\"");
    key(out, "model");
    out.append_json_string(model_name(summary.model));
    key(out, "work");
    out.append_json_string(work_name(answer.work));
    key(out, "nap");
    if (summary.nap == 0) {
        out.append("null");
    } else {
        out.append_decimal(summary.nap);
    }
    key(out, "spinner_object");
    if (summary.spinner_object.empty()) {
        out.append("null");  // interrupted before the spinner existed
    } else {
        out.append_json_string(summary.spinner_object);
    }
    if (answer.work == spin_work::prime) {
        key(out, "number");
        out.append_decimal(answer.number);
        key(out, "prime");
        out.append(!answered ? "null" : answer.prime ? "true" : "false");
    } else {
        key(out, "answer");
        out.append(answered ? "42" : "null");
    }
    key(out, "frames");
    out.append_decimal(summary.stats.frames);
    key(out, "longest_gap");
    out.append_seconds(summary.stats.longest_gap_ns);
    key(out, "work_elapsed");
    if (summary.work_time) {
        out.append_seconds(summary.work_time->count());
    } else {
        out.append("null");
    }
    key(out, "cpu_user");
    out.append_seconds(summary.cpu_user.count());
    key(out, "cpu_system");
    out.append_seconds(summary.cpu_system.count());
    key(out, "ending");
    out.append_json_string(ending_name(summary.ending));
    key(out, "lost_spinner");
    if (summary.lost) {
        out.append("{\"pid\": ");
        out.append_decimal(static_cast<std::uint64_t>(summary.lost->pid));
        out.append(", \"how\": ");
        out.append_json_string(summary.lost->how);
        out.append("}");
    } else {
        out.append("null");
    }
    out.append("\n}\n");
}

std::string format_spin_json(const spin_summary& summary) {
    std::array<char, spin_json_room> room{};
    fixed_text text{room};
    format_spin_json(summary, text);
    if (text.overflowed()) throw std::length_error("the spin JSON document outgrew its room");
    return std::string{text.view()};
}

}  // namespace concur
