// The text `concur primes` prints, in the seed's shape, and the same facts as JSON.
#include "concur/core/primes_report.hpp"

#include "concur/core/decimal_text.hpp"
#include "concur/core/fixed_text.hpp"
#include "concur/core/trial_kernel_choice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

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

// A stream prints one line per number, so this is the parent's busiest code: written by hand,
// the bytes of fmt's "{:>{width}}  {P or space} {:9.6f}s\n" (tests compare the two), in one
// append. Through fmt the double alone cost about 1,000 instructions a line. The line is laid
// out in a buffer of spaces of a fixed size, which the compiler fills without a loop.
void append_result_line(std::string& out, std::uint64_t number, bool prime,
                        std::chrono::nanoseconds elapsed, std::size_t width) {
    constexpr std::size_t seconds_width = 9;
    constexpr std::size_t usual_room = 64;  // the seed's column and any time below 10^10 s
    std::array<char, decimal_text_room> seconds;
    const std::size_t seconds_length = write_six_decimal_seconds(elapsed, seconds.data());
    const std::size_t number_field = std::max(width, decimal_length(number));
    const std::size_t seconds_field = std::max(seconds_width, seconds_length);
    const std::size_t length = number_field + 4 + seconds_field + 2;
    if (length > usual_room) {  // a width given for a wider column: the same line, the slow way
        out.append(number_field - decimal_length(number), ' ');
        std::array<char, decimal_text_room> digits;
        out.append(digits.data(), write_decimal(number, digits.data()));
        out.append({' ', ' ', prime ? 'P' : ' ', ' '});
        out.append(seconds_field - seconds_length, ' ');
        out.append(seconds.data(), seconds_length);
        out.append("s\n");
        return;
    }
    std::array<char, usual_room> line;
    line.fill(' ');
    write_decimal(number, line.data() + number_field - decimal_length(number));
    line[number_field + 2] = prime ? 'P' : ' ';
    std::memcpy(line.data() + number_field + 4 + seconds_field - seconds_length, seconds.data(), seconds_length);
    line[length - 2] = 's';
    line[length - 1] = '\n';
    out.append(line.data(), length);
}

std::string format_primes_summary(std::uint64_t checked, std::chrono::nanoseconds elapsed) {
    return fmt::format("{} check{} in {:.2f}s\n", checked, checked == 1 ? "" : "s", seconds(elapsed));
}

std::size_t decimal_digits(std::uint64_t n) noexcept { return decimal_length(n); }

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
