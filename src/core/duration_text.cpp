// duration_text: a time in the unit that fits it (s, ms, µs, ns), as hyperfine writes it.
#include "concur/core/duration_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace concur {

time_unit unit_for(double seconds) noexcept {
    // The thresholds sit a rounding below each power of 1000: written with one decimal,
    // 999.96 ms would read "1000.0 ms", a second written in the wrong unit.
    const double magnitude = std::fabs(seconds);
    if (magnitude >= 0.99995) return time_unit::second;
    if (magnitude >= 0.99995e-3) return time_unit::millisecond;
    if (magnitude >= 0.9995e-6) return time_unit::microsecond;
    return time_unit::nanosecond;
}

std::string duration_number(double seconds, time_unit unit) {
    switch (unit) {
        case time_unit::second: {
            const double magnitude = std::fabs(seconds);
            return fmt::format("{:.{}f}", seconds, magnitude >= 999.95 ? 1 : magnitude >= 99.995 ? 2 : 3);
        }
        case time_unit::millisecond: return fmt::format("{:.1f}", seconds * 1e3);
        case time_unit::microsecond: return fmt::format("{:.1f}", seconds * 1e6);
        case time_unit::nanosecond: return fmt::format("{:.0f}", seconds * 1e9);
    }
    return fmt::format("{}", seconds);
}

std::string_view unit_symbol(time_unit unit) noexcept {
    switch (unit) {
        case time_unit::second: return "s";
        case time_unit::millisecond: return "ms";
        case time_unit::microsecond: return "µs";
        case time_unit::nanosecond: return "ns";
    }
    return "s";
}

std::string duration_text(double seconds, time_unit unit) {
    return duration_number(seconds, unit) + " " + std::string{unit_symbol(unit)};
}

std::string duration_text(double seconds) { return duration_text(seconds, unit_for(seconds)); }

}  // namespace concur
