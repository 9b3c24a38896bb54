// The text `concur primes` prints, in the seed's shape, and the same facts as JSON.
#include "concur/core/primes_report.hpp"

#include "concur/core/fixed_text.hpp"
#include "concur/core/trial_kernel_choice.hpp"

#include <fmt/format.h>

#include <array>
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

// Both written by fixed_text, which the spin report also formats with inside a signal handler:
// one writer of JSON numbers and strings, whichever side of a handler they are on.
std::string json_seconds(std::chrono::nanoseconds elapsed) {
    std::array<char, 32> room{};  // 20 digits, a point, 9 decimals
    fixed_text text{room};
    text.append_seconds(elapsed.count());
    return std::string{text.view()};
}

std::string kernel_json(bool uses_kernel, bool workers_choose) {
    if (!uses_kernel) return "null";
    const kernel_in_use kernel = trial_kernel_in_use();
    const bool own_choice = kernel.choice != kernel_choice::preset;  // measured or forced here
    return fmt::format("{{\"name\": {}, \"simd_level\": {}, \"choice\": {}}}", json_string(kernel.kernel->name),
                       json_string(simd_level_name(kernel.kernel->level)),
                       json_string(workers_choose && !own_choice ? "per worker" : kernel_choice_name(kernel.choice)));
}

std::string json_string(std::string_view text) {
    std::string out(text.size() * 6 + 2, '\0');  // each byte at most \u00XX, and the quotes
    fixed_text written{out};
    written.append_json_string(text);
    out.resize(written.view().size());
    return out;
}

}  // namespace concur
