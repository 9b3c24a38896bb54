// parse_worker_counts: bench's --procs, a range "1..8", a list "1,2,4" or one count "4".
#include "concur/core/worker_counts.hpp"

#include "concur/core/message_text.hpp"
#include "concur/core/number_parsing.hpp"
#include "concur/core/usage_error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {
namespace {

constexpr std::string_view what = "a set of worker counts";

/// `why` names the part at fault when the text has more than that part ("1,x" has 'x').
[[noreturn]] void reject(std::string_view text, unsigned most, const std::string& why) {
    const std::string detail = why.empty() ? std::string{what} : fmt::format("{} ({})", what, why);
    throw usage_error(refuse_value(text, detail, worker_counts_allowed(most)));
}

unsigned parse_one(std::string_view whole, std::string_view part, unsigned most) {
    const auto value = parse_decimal_u64(part);
    if (!value || *value < 1 || *value > most) {
        const bool alone = part == whole;  // "0" needs no "('0' is not ...)" after it
        reject(whole, most, alone ? "" : fmt::format("{} is not a whole number from 1 to {}", quote_value(part), most));
    }
    return static_cast<unsigned>(*value);
}

}  // namespace

std::string worker_counts_allowed(unsigned most) {
    return fmt::format("a range like 1..{} or a list like 1,2,4 of whole numbers from 1 to {}", std::min(most, 8U),
                       most);
}

std::vector<unsigned> parse_worker_counts(std::string_view text, unsigned most) {
    std::vector<unsigned> counts;
    if (const auto dots = text.find(".."); dots != std::string_view::npos) {
        const unsigned first = parse_one(text, text.substr(0, dots), most);
        const unsigned last = parse_one(text, text.substr(dots + 2), most);
        if (first > last) reject(text, most, "an empty range: its first count is larger than its last");
        for (unsigned n = first; n <= last; ++n) counts.push_back(n);
        return counts;
    }
    std::string_view rest = text;
    while (true) {
        const auto comma = rest.find(',');
        counts.push_back(parse_one(text, rest.substr(0, comma), most));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    std::sort(counts.begin(), counts.end());
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
    return counts;
}

std::vector<unsigned> default_worker_sweep(unsigned cpus, unsigned most) {
    cpus = std::max(cpus, 1U);
    std::vector<unsigned> counts;
    if (2 * cpus <= 8) {
        for (unsigned n = 1; n <= 2 * cpus; ++n) counts.push_back(n);
    } else {
        for (unsigned n = 1; n < cpus; n *= 2) counts.push_back(n);
        counts.insert(counts.end(), {cpus, cpus + cpus / 2, 2 * cpus});
    }
    std::erase_if(counts, [most](unsigned n) { return n > most; });
    if (counts.empty()) counts.push_back(std::max(most, 1U));
    return counts;
}

std::string describe_worker_counts(const std::vector<unsigned>& counts) {
    const bool consecutive = counts.size() > 2 && counts.back() - counts.front() + 1 == counts.size();
    if (consecutive) return fmt::format("{}..{}", counts.front(), counts.back());
    return fmt::format("{}", fmt::join(counts, ","));
}

}  // namespace concur
