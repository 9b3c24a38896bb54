// The text `concur primes` prints, in the seed's shape, and the same facts as JSON.
#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

#include <iterator>

namespace concur {
namespace {

double seconds(std::chrono::nanoseconds elapsed) {
    return std::chrono::duration<double>(elapsed).count();
}

}  // namespace

std::string describe_units(execution_model model, unsigned workers) {
    switch (model) {
        case execution_model::sequential: return "sequentially";
        case execution_model::coroutine: return "with coroutines, one at a time on one thread";
        case execution_model::thread: return fmt::format("with {} thread{}", workers, workers == 1 ? "" : "s");
        case execution_model::process:
            return fmt::format("with {} process{}", workers, workers == 1 ? "" : "es");
    }
    return "";
}

std::string format_primes_header(std::optional<std::size_t> count, execution_model model, unsigned workers,
                                 std::string_view method) {
    const std::string how = describe_units(model, workers);
    const std::string named = method.empty() ? "" : fmt::format(" ({})", method);
    if (!count) return fmt::format("Checking numbers from standard input {}{}:\n", how, named);
    return fmt::format("Checking {} number{} {}{}:\n", *count, *count == 1 ? "" : "s", how, named);
}

void append_result_line(std::string& out, std::uint64_t number, bool prime,
                        std::chrono::nanoseconds elapsed, std::size_t width) {
    fmt::format_to(std::back_inserter(out), "{:>{}}  {} {:9.6f}s\n", number, width,
                   prime ? 'P' : ' ', seconds(elapsed));
}

std::string format_primes_summary(std::uint64_t checked, std::chrono::nanoseconds elapsed) {
    return fmt::format("{} check{} in {:.2f}s\n", checked, checked == 1 ? "" : "s", seconds(elapsed));
}

std::size_t decimal_digits(std::uint64_t n) noexcept {
    std::size_t digits = 1;
    while (n >= 10) {
        n /= 10;
        ++digits;
    }
    return digits;
}

std::string json_seconds(std::chrono::nanoseconds elapsed) {
    return fmt::format("{:.9f}", seconds(elapsed));
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

}  // namespace concur
