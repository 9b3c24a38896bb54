// parse_worker_counts: bench's --procs, a range "1..8", a list "1,2,4" or one count "4".
#include "concur/core/worker_counts.hpp"

#include "concur/core/number_parsing.hpp"
#include "concur/core/usage_error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {
namespace {

[[noreturn]] void reject(std::string_view text, unsigned most, std::string_view why) {
    throw usage_error(fmt::format("--procs: '{}' {}; give a range like 1..{} or a list like 1,2,4 "
                                  "of counts from 1 to {}", text, why, std::min(most, 8U), most));
}

unsigned parse_one(std::string_view whole, std::string_view part, unsigned most) {
    const auto value = parse_decimal_u64(part);
    if (!value) reject(whole, most, fmt::format("has '{}', which is not a whole number", part));
    if (*value < 1 || *value > most) reject(whole, most, fmt::format("has {}, out of range", part));
    return static_cast<unsigned>(*value);
}

}  // namespace

std::vector<unsigned> parse_worker_counts(std::string_view text, unsigned most) {
    std::vector<unsigned> counts;
    if (const auto dots = text.find(".."); dots != std::string_view::npos) {
        const unsigned first = parse_one(text, text.substr(0, dots), most);
        const unsigned last = parse_one(text, text.substr(dots + 2), most);
        if (first > last) reject(text, most, "is an empty range (the first count is larger than the last)");
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

}  // namespace concur
