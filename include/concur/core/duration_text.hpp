// duration_text: a time in the unit that fits it (s, ms, µs, ns), as hyperfine writes it.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// The units a duration is written in, from seconds down.
enum class time_unit {
    second,       // "1.203 s"
    millisecond,  // "752.1 ms"
    microsecond,  // "38.4 µs"
    nanosecond,   // "412 ns": shorter than anything a whole run takes, but a value can be
};

/// The unit hyperfine would pick for `seconds`: seconds from 1 s on, milliseconds from 1 ms,
/// microseconds from 1 µs, else nanoseconds. A value that would round up to the next unit's
/// 1000 (0.99996 s is "1000.0 ms") takes the larger unit instead.
[[nodiscard]] time_unit unit_for(double seconds) noexcept;

/// `seconds` written in `unit`: "1.203 s" (3 decimals; 2 from 100 s on, 1 from 1000 s), "752.1 ms",
/// "38.4 µs" (1 decimal), "412 ns". Several figures of one row share the unit of the one that
/// matters (the median), as hyperfine writes min and max in the mean's unit.
[[nodiscard]] std::string duration_text(double seconds, time_unit unit);

/// The number alone, as duration_text writes it ("752.1" for 0.7521 s in milliseconds), and the
/// unit's symbol ("ms"): for a table whose header names the unit once ("Median [ms]").
[[nodiscard]] std::string duration_number(double seconds, time_unit unit);
[[nodiscard]] std::string_view unit_symbol(time_unit unit) noexcept;

/// The same in the unit that fits the value itself.
[[nodiscard]] std::string duration_text(double seconds);

}  // namespace concur
