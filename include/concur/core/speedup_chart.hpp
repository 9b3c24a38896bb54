// speedup_chart: `concur bench --export-svg`, speedup against workers, one line per model.
#pragma once

#include "concur/core/bench_report.hpp"
#include "concur/core/text_extent.hpp"

#include <string>
#include <vector>

namespace concur {

/// What a piece of the chart's text is, so that a test can ask where each kind belongs.
enum class chart_text_role {
    title,    // the line at the top
    axis,     // an axis's name or a tick's number
    marker,   // a label inside the plot ("2 CPUs")
    legend,   // beside the plot, one per line drawn
    caption,  // under the plot: the machine, the CPUs, the method
};

enum class text_anchor { start, middle, end };

/// One line of text as the chart draws it, with its width as the chart estimated it
/// (estimated_text_width): the layout keeps every such box inside the canvas.
struct chart_text {
    chart_text_role role;
    std::string text;
    double x = 0;          // where the anchor is
    double y = 0;          // the baseline
    double size = 12;      // font size in pixels
    font_weight weight = font_weight::normal;
    text_anchor anchor = text_anchor::start;
    bool vertical = false; // turned 90° counter-clockwise about (x, y): the y axis's name
    [[nodiscard]] double width() const noexcept { return estimated_text_width(text, size, weight); }
    [[nodiscard]] double left() const noexcept;   // the box's extent along the text's direction,
    [[nodiscard]] double right() const noexcept;  // in canvas coordinates when not vertical
};

/// The chart laid out: the canvas, the plot area, every text, and the SVG drawn from them.
struct speedup_chart {
    double width = 0;
    double height = 0;
    double plot_left = 0, plot_right = 0, plot_top = 0, plot_bottom = 0;
    std::vector<chart_text> texts;
    std::string svg;
};

/// The chart for a slide: speedup over the sequential median against the worker count, a line
/// per model through each median with a whisker from the slowest run to the fastest, the ideal
/// (speedup = workers, up to the CPUs this process may use) dashed, the machine's ceiling
/// (ceiling_row) dotted, the sequential baseline at 1, a mark at the CPU count when the sweep
/// goes past it, a legend beside the plot and a caption under it (machine, CPUs, method,
/// runs, load). Without a sequential row, each point is its median's reciprocal (runs per
/// second) instead, and the axis says so.
[[nodiscard]] speedup_chart lay_out_speedup_chart(const bench_summary& summary);

/// lay_out_speedup_chart(summary).svg: a standalone SVG document any browser opens.
[[nodiscard]] std::string speedup_chart_svg(const bench_summary& summary);

}  // namespace concur
