// sample_stats: the figures a benchmark reports about repeated timings.
#include "concur/core/sample_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace concur {

sample_stats describe_samples(std::span<const double> samples) {
    sample_stats stats;
    if (samples.empty()) return stats;
    std::vector<double> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    stats.min = sorted.front();
    stats.max = sorted.back();
    stats.median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    stats.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(n);
    if (n > 1) {
        double squares = 0;
        for (const double x : sorted) squares += (x - stats.mean) * (x - stats.mean);
        stats.stddev = std::sqrt(squares / static_cast<double>(n - 1));
    }
    return stats;
}

}  // namespace concur
