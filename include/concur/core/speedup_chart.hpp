// speedup_chart: `concur bench --export-svg`, speedup against workers, one line per model.
#pragma once

#include "concur/core/bench_report.hpp"

#include <string>

namespace concur {

/// A standalone SVG document (any browser opens it, nothing else needed): speedup over the
/// sequential median against the worker count, a line and dots per model, the sequential
/// baseline at 1, and the ideal (speedup = workers) dashed. Rows without a speedup (no
/// sequential row was measured) are drawn from their median time's reciprocal instead.
[[nodiscard]] std::string speedup_chart_svg(const bench_summary& summary);

}  // namespace concur
