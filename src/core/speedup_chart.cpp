// speedup_chart: `concur bench --export-svg`, speedup against workers, one line per model.
#include "concur/core/speedup_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>

namespace concur {
namespace {

constexpr double width = 700;
constexpr double height = 420;
constexpr double left = 60;     // room for the y labels
constexpr double right = 200;   // room for the legend
constexpr double top = 50;
constexpr double bottom = 55;
constexpr std::array<const char*, 4> colours{"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

std::string escape_xml(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string speedup_chart_svg(const bench_summary& summary) {
    unsigned most_workers = 2;
    double highest = 1;
    std::map<std::string, std::vector<std::pair<unsigned, double>>> lines;  // model -> (workers, speedup)
    std::vector<std::string> order;
    std::optional<double> sequential;
    for (const bench_row& row : summary.rows) {
        const double speedup = row.speedup.value_or(row.wall.median > 0 ? 1 / row.wall.median : 0);
        if (row.model == "sequential") {
            sequential = speedup;
            continue;
        }
        if (!lines.contains(row.model)) order.push_back(row.model);
        lines[row.model].emplace_back(row.workers, speedup);
        most_workers = std::max(most_workers, row.workers);
        highest = std::max(highest, speedup);
    }
    const double y_top = std::ceil(std::max(highest, static_cast<double>(most_workers)) * 1.1);
    const double plot_w = width - left - right;
    const double plot_h = height - top - bottom;
    const auto x = [&](double workers) { return left + workers / most_workers * plot_w; };
    const auto y = [&](double speedup) { return top + plot_h - speedup / y_top * plot_h; };

    std::string svg = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
        "font-family=\"sans-serif\" font-size=\"12\">\n"
        "  <rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n"
        "  <text x=\"{2}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Speedup: {3} numbers ({4}{5}), "
        "median of {6} runs</text>\n",
        width, height, left, summary.count, escape_xml(summary.numbers),
        summary.method_description.empty() ? "" : ", " + escape_xml(summary.method_description), summary.runs);
    // Axes, grid and tick labels.
    const double y_step = y_top <= 5 ? 0.5 : std::ceil(y_top / 10);
    for (double s = 0; s <= y_top + 1e-9; s += y_step) {
        fmt::format_to(std::back_inserter(svg),
                       "  <line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#e5e5e5\"/>\n"
                       "  <text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5:g}</text>\n",
                       left, y(s), left + plot_w, left - 6, y(s) + 4, s);
    }
    for (unsigned w = 1; w <= most_workers; ++w) {
        fmt::format_to(std::back_inserter(svg), "  <text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                       x(w), top + plot_h + 18, w);
    }
    fmt::format_to(std::back_inserter(svg),
                   "  <line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n"
                   "  <line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n"
                   "  <text x=\"{4:.1f}\" y=\"{5}\" text-anchor=\"middle\">workers</text>\n"
                   "  <text x=\"16\" y=\"{6:.1f}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {6:.1f})\">"
                   "speedup over sequential (median)</text>\n",
                   left, top, top + plot_h, left + plot_w, left + plot_w / 2, height - 12, top + plot_h / 2);
    // The ideal: n workers, n times faster.
    fmt::format_to(std::back_inserter(svg),
                   "  <line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#888\" "
                   "stroke-dasharray=\"6 4\"/>\n",
                   x(1), y(1), x(most_workers), y(most_workers));
    double legend_y = top + 10;
    const double legend_x = left + plot_w + 20;
    const auto legend = [&](const std::string& colour, const std::string& dash, const std::string& label) {
        fmt::format_to(std::back_inserter(svg),
                       "  <line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
                       "stroke-width=\"2\"{4}/>\n  <text x=\"{5:.1f}\" y=\"{6:.1f}\">{7}</text>\n",
                       legend_x, legend_y, legend_x + 24, colour, dash, legend_x + 30, legend_y + 4,
                       escape_xml(label));
        legend_y += 20;
    };
    legend("#888", " stroke-dasharray=\"6 4\"", "ideal (speedup = workers)");
    if (sequential) {
        fmt::format_to(std::back_inserter(svg),
                       "  <line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#444\" "
                       "stroke-dasharray=\"2 3\"/>\n",
                       left, y(*sequential), left + plot_w);
        legend("#444", " stroke-dasharray=\"2 3\"", "sequential (baseline)");
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        const std::string colour = colours[i % colours.size()];
        std::string points;
        for (const auto& [workers, speedup] : lines[order[i]]) {
            fmt::format_to(std::back_inserter(points), "{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(workers),
                           y(speedup));
        }
        fmt::format_to(std::back_inserter(svg),
                       "  <polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", points,
                       colour);
        for (const auto& [workers, speedup] : lines[order[i]]) {
            fmt::format_to(std::back_inserter(svg),
                           "  <circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\"><title>{} x{}: {:.2f}</title>"
                           "</circle>\n",
                           x(workers), y(speedup), colour, escape_xml(order[i]), workers, speedup);
        }
        legend(colour, "", order[i]);
    }
    svg += "</svg>\n";
    return svg;
}

}  // namespace concur
