// The text `concur primes` prints, in the seed's shape, and the same facts as JSON.
#include "concur/core/primes_report.hpp"

#include "concur/core/fixed_text.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace concur {
namespace {

double seconds(std::chrono::nanoseconds elapsed) {
    return std::chrono::duration<double>(elapsed).count();
}

}  // namespace

std::string describe_units(execution_model model, unsigned workers, unsigned hosts) {
    switch (model) {
        case execution_model::sequential: return "sequentially";
        case execution_model::coroutine: return "with coroutines, one at a time on one thread";
        case execution_model::thread: return fmt::format("with {} thread{}", workers, workers == 1 ? "" : "s");
        case execution_model::process:
            return fmt::format("with {} process{}", workers, workers == 1 ? "" : "es");
        case execution_model::mpi:
            return fmt::format("with {} worker rank{} on {} host{}", workers, workers == 1 ? "" : "s", hosts,
                               hosts == 1 ? "" : "s");
    }
    return "";
}

std::string format_primes_header(std::optional<std::size_t> count, execution_model model, unsigned workers,
                                 std::string_view method, unsigned hosts, std::string_view stream) {
    const std::string how = describe_units(model, workers, hosts);
    // "(MPI)" says which engine carried the records: ranks alone could be any launcher's.
    const std::string_view engine = model == execution_model::mpi ? "MPI" : "";
    const std::string tags = fmt::format("{}{}{}", engine, !engine.empty() && !method.empty() ? ", " : "", method);
    const std::string named = tags.empty() ? "" : fmt::format(" ({})", tags);
    if (!count) return fmt::format("Checking numbers from {} {}{}:\n", stream, how, named);
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

// Both written by fixed_text, which the spin report also formats with inside a signal handler:
// one writer of JSON numbers and strings, whichever side of a handler they are on.
std::string json_seconds(std::chrono::nanoseconds elapsed) {
    std::array<char, 32> room{};  // 20 digits, a point, 9 decimals
    fixed_text text{room};
    text.append_seconds(elapsed.count());
    return std::string{text.view()};
}

std::string json_string(std::string_view text) {
    std::string out(text.size() * 6 + 2, '\0');  // each byte at most \u00XX, and the quotes
    fixed_text written{out};
    written.append_json_string(text);
    out.resize(written.view().size());
    return out;
}

}  // namespace concur
