// sample_stats: the figures a benchmark reports about repeated timings.
#pragma once

#include <span>

namespace concur {

struct sample_stats {
    double mean = 0;
    double stddev = 0;  // sample standard deviation (n - 1), 0 for one sample
    double median = 0;  // what tables compare: one slow run (a noisy neighbour) does not move it
    double min = 0;
    double max = 0;
};

/// The statistics of `samples` (all zero when empty).
[[nodiscard]] sample_stats describe_samples(std::span<const double> samples);

}  // namespace concur
