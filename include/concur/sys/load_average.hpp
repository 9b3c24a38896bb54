// load_average: how busy the machine already is, from /proc/loadavg.
#pragma once

#include <optional>

namespace concur::sys {

/// The one-minute load average: on average, how many tasks were running or waiting for a
/// CPU. Before a benchmark it says whether others compete for the CPUs being measured.
/// Nothing when /proc/loadavg cannot be read.
[[nodiscard]] std::optional<double> one_minute_load_average();

}  // namespace concur::sys
