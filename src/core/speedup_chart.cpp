// speedup_chart: `concur bench --export-svg`, speedup against workers, one line per model.
#include "concur/core/speedup_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace concur {
namespace {

// A 16:9 canvas, as a slide is; it grows wider only when a legend line needs the room.
constexpr double canvas_width = 960;
constexpr double margin = 20;
constexpr double plot_left = 78;        // room for the tick numbers and the y axis's name
constexpr double plot_height = 330;
constexpr double narrowest_plot = 480;
constexpr double legend_gap = 28;       // between the plot and the legend
constexpr double legend_swatch = 30;    // the sample of each line
constexpr double legend_line = 24;
constexpr double title_size = 18;
constexpr double text_size = 13;
constexpr double caption_line = 19;
constexpr std::array<const char*, 6> colours{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
constexpr const char* ideal_colour = "#999999";
constexpr const char* ceiling_colour = "#222222";
constexpr const char* baseline_colour = "#666666";

/// One model's medians, each with the fastest and slowest run as a whisker.
struct point {
    unsigned workers;
    double median, low, high;
};
struct series {
    std::string model;
    std::string colour;
    std::vector<point> points;
};

struct legend_entry {
    std::string label;
    std::string colour;
    std::string dash;  // stroke-dasharray, empty for a solid line
    bool dot;          // a marker in the middle of the swatch
};

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

/// A tick step of 1, 2 or 5 times a power of ten that cuts `span` into at most `most` steps.
double nice_step(double span, double most) {
    const double rough = span / most;
    const double power = std::pow(10, std::floor(std::log10(rough)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= rough) return factor * power;
    }
    return 10 * power;
}

/// `text` broken at spaces into lines no wider than `room` pixels (a word wider stays whole).
std::vector<std::string> wrap_to_pixels(const std::string& text, double room, double size, font_weight weight) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t space = std::min(text.find(' ', start), text.size());
        const std::string word = text.substr(start, space - start);
        const std::string longer = line.empty() ? word : line + " " + word;
        if (!line.empty() && estimated_text_width(longer, size, weight) > room) {
            lines.push_back(line);
            line = word;
        } else {
            line = longer;
        }
        start = space + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

std::string caption_text(const bench_summary& summary, bool has_baseline) {
    std::string text = fmt::format("{}; {} usable CPU{}", describe_machine(summary.machine), summary.usable_cpus,
                                   summary.usable_cpus == 1 ? "" : "s");
    if (summary.cpu_quota) text += fmt::format(" (CPU quota {:.2f})", *summary.cpu_quota);
    text += fmt::format(". Method: {}, {} numbers ({}). Each point: the median of {} run{}{}; its whisker: the "
                        "slowest run to the fastest.",
                        summary.method_description.empty() ? summary.method : summary.method_description,
                        summary.count, summary.numbers, summary.rounds_finished(),
                        summary.rounds_finished() == 1 ? "" : "s",
                        has_baseline ? " (speedup over the sequential median)" : "");
    if (summary.load_before) text += fmt::format(" Load average before the first run: {:.2f}.", *summary.load_before);
    if (!summary.complete()) {
        text += fmt::format(" Incomplete: interrupted by {} after {} of {} rounds.", summary.interrupted_by,
                            summary.rounds_finished(), summary.runs);
    }
    return text;
}

}  // namespace

double chart_text::left() const noexcept {
    const double w = width();
    const double at = vertical ? y : x;
    // Turned counter-clockwise, the text runs up the page: its start is at the bottom.
    switch (anchor) {
        case text_anchor::start: return vertical ? at - w : at;
        case text_anchor::middle: return at - w / 2;
        case text_anchor::end: return vertical ? at : at - w;
    }
    return at;
}

double chart_text::right() const noexcept { return left() + width(); }

speedup_chart lay_out_speedup_chart(const bench_summary& summary) {
    // What to draw: each model's points, with whiskers, on one speedup scale.
    std::optional<double> baseline;
    for (const bench_row& row : summary.rows) {
        if (row.model == "sequential" && !row.times.empty()) baseline = row.wall.median;
    }
    const auto value = [&](double seconds) { return seconds > 0 ? baseline.value_or(1) / seconds : 0; };
    std::vector<series> lines;
    unsigned most = 2;
    double highest = 1;
    for (const bench_row& row : summary.rows) {
        most = std::max(most, row.workers);
        if (row.times.empty() || (baseline && row.model == "sequential")) continue;
        auto found = std::find_if(lines.begin(), lines.end(), [&](const series& s) { return s.model == row.model; });
        if (found == lines.end()) {
            lines.push_back({row.model, colours[lines.size() % colours.size()], {}});
            found = lines.end() - 1;
        }
        found->points.push_back({row.workers, value(row.wall.median), value(row.wall.max), value(row.wall.min)});
        highest = std::max(highest, value(row.wall.min));
    }
    const unsigned cpus = std::max(1U, summary.usable_cpus);
    const double ideal_top = std::min(most, cpus);
    std::vector<std::pair<double, double>> ceiling{{1, 1}};
    for (const ceiling_row& row : summary.ceilings) {
        if (row.copies >= 2 && row.speedup) ceiling.emplace_back(row.copies, *row.speedup);
    }
    if (ceiling.size() > 1 && ceiling.back().first < most) ceiling.emplace_back(most, ceiling.back().second);
    for (const auto& [copies, speedup] : ceiling) highest = std::max(highest, speedup);
    const double y_step = nice_step(std::max(highest, ideal_top) * 1.08, 8);
    const double y_top = std::ceil(std::max(highest, ideal_top) * 1.08 / y_step) * y_step;

    std::vector<legend_entry> legend;
    for (const series& s : lines) legend.push_back({s.model, s.colour, "", true});
    if (baseline) legend.push_back({"sequential (the baseline)", baseline_colour, "", false});
    legend.push_back({fmt::format("ideal: speedup = workers, up to {} CPU{}", cpus, cpus == 1 ? "" : "s"),
                      ideal_colour, "7 5", false});
    if (ceiling.size() > 1) {
        legend.push_back({"machine ceiling: independent runs side by side", ceiling_colour, "0.5 5", false});
    }

    speedup_chart chart;
    double legend_width = 0;
    for (const legend_entry& entry : legend) {
        legend_width = std::max(legend_width, legend_swatch + 8 + estimated_text_width(entry.label, text_size));
    }
    chart.width = std::max(canvas_width, plot_left + narrowest_plot + legend_gap + legend_width + margin);
    chart.plot_left = plot_left;
    chart.plot_right = chart.width - margin - legend_width - legend_gap;

    // The title, wrapped if a long list name needs it; the plot starts under it.
    std::string title = fmt::format("Speedup against workers: {} numbers ({}{}{})", summary.count, summary.numbers,
                                    summary.method_description.empty() ? "" : ", ", summary.method_description);
    if (!summary.complete()) title += " (incomplete)";
    double y_cursor = margin + title_size;
    for (const std::string& line : wrap_to_pixels(title, chart.width - 2 * margin, title_size, font_weight::bold)) {
        chart.texts.push_back({chart_text_role::title, line, margin, y_cursor, title_size, font_weight::bold});
        y_cursor += title_size + 6;
    }
    chart.plot_top = y_cursor + 14;
    chart.plot_bottom = chart.plot_top + plot_height;
    const double plot_width = chart.plot_right - chart.plot_left;
    const double x_end = most + 0.3;
    const auto x = [&](double workers) { return chart.plot_left + workers / x_end * plot_width; };
    const auto y = [&](double speedup) { return chart.plot_bottom - speedup / y_top * plot_height; };

    std::string body;
    const auto out = std::back_inserter(body);
    // Grid and ticks.
    for (double s = 0; s <= y_top + 1e-9; s += y_step) {
        fmt::format_to(out, "  <line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#e8e8e8\"/>\n",
                       chart.plot_left, y(s), chart.plot_right);
        chart.texts.push_back({chart_text_role::axis, fmt::format("{:g}", s), chart.plot_left - 8, y(s) + 4, text_size,
                               font_weight::normal, text_anchor::end});
    }
    const double x_step = nice_step(most, 12) < 1 ? 1 : nice_step(most, 12);
    for (double w = x_step == 1 ? 1 : x_step; w <= most + 1e-9; w += x_step) {
        chart.texts.push_back({chart_text_role::axis, fmt::format("{:g}", w), x(w), chart.plot_bottom + 20, text_size,
                               font_weight::normal, text_anchor::middle});
    }
    chart.texts.push_back({chart_text_role::axis, "workers", (chart.plot_left + chart.plot_right) / 2,
                           chart.plot_bottom + 42, text_size, font_weight::normal, text_anchor::middle});
    chart.texts.push_back({chart_text_role::axis,
                           baseline ? "speedup over sequential" : "runs per second (no sequential run to compare)",
                           24, (chart.plot_top + chart.plot_bottom) / 2, text_size, font_weight::normal,
                           text_anchor::middle, true});
    fmt::format_to(out,
                   "  <line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"black\"/>\n"
                   "  <line x1=\"{0:.1f}\" y1=\"{2:.1f}\" x2=\"{3:.1f}\" y2=\"{2:.1f}\" stroke=\"black\"/>\n",
                   chart.plot_left, chart.plot_top, chart.plot_bottom, chart.plot_right);
    // Where the CPUs run out: past it, workers only take turns.
    if (most > cpus) {
        fmt::format_to(out,
                       "  <line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#bbbbbb\" "
                       "stroke-dasharray=\"3 3\"/>\n",
                       x(cpus), chart.plot_top, chart.plot_bottom);
        chart.texts.push_back({chart_text_role::marker, fmt::format("{} CPU{}", cpus, cpus == 1 ? "" : "s"),
                               x(cpus) + 5, chart.plot_top + 14, text_size});
    }
    const auto polyline = [&](const std::vector<std::pair<double, double>>& points, const std::string& colour,
                              const std::string& dash, double stroke) {
        std::string coordinates;
        for (const auto& [workers, speedup] : points) {
            fmt::format_to(std::back_inserter(coordinates), "{}{:.1f},{:.1f}", coordinates.empty() ? "" : " ",
                           x(workers), y(speedup));
        }
        fmt::format_to(out,
                       "  <polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" "
                       "stroke-linecap=\"round\"{}/>\n",
                       coordinates, colour, stroke, dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"");
    };
    polyline({{1, 1}, {ideal_top, ideal_top}, {most, ideal_top}}, ideal_colour, "7 5", 2);
    if (ceiling.size() > 1) polyline(ceiling, ceiling_colour, "0.5 5", 3);
    if (baseline) polyline({{0, 1}, {x_end, 1}}, baseline_colour, "", 1);
    // Each model's points a few pixels apart, so that whiskers at one worker count do not hide each other.
    const double dodge = 7 / (plot_width / x_end);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const series& s = lines[i];
        const double shift = (static_cast<double>(i) - static_cast<double>(lines.size() - 1) / 2) * dodge;
        std::vector<std::pair<double, double>> medians;
        for (const point& p : s.points) {
            const double at = x(p.workers + shift);
            medians.emplace_back(p.workers + shift, p.median);
            fmt::format_to(out,
                           "  <path d=\"M{0:.1f} {1:.1f}V{2:.1f}M{3:.1f} {1:.1f}H{4:.1f}M{3:.1f} {2:.1f}H{4:.1f}\" "
                           "stroke=\"{5}\" stroke-width=\"1.5\"/>\n",
                           at, y(p.low), y(p.high), at - 4, at + 4, s.colour);
        }
        polyline(medians, s.colour, "", 2.5);
        for (const point& p : s.points) {
            fmt::format_to(out,
                           "  <circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"{}\"><title>{}, {} worker{}: "
                           "{:.2f} ({:.2f} to {:.2f})</title></circle>\n",
                           x(p.workers + shift), y(p.median), s.colour, escape_xml(s.model), p.workers,
                           p.workers == 1 ? "" : "s", p.median, p.low, p.high);
        }
    }
    // The legend, beside the plot.
    const double legend_x = chart.plot_right + legend_gap;
    double legend_y = chart.plot_top + 8;
    for (const legend_entry& entry : legend) {
        fmt::format_to(out,
                       "  <line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
                       "stroke-width=\"2.5\" stroke-linecap=\"round\"{4}/>\n",
                       legend_x, legend_y, legend_x + legend_swatch, entry.colour,
                       entry.dash.empty() ? "" : " stroke-dasharray=\"" + entry.dash + "\"");
        if (entry.dot) {
            fmt::format_to(out, "  <circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"{}\"/>\n",
                           legend_x + legend_swatch / 2, legend_y, entry.colour);
        }
        chart.texts.push_back({chart_text_role::legend, entry.label, legend_x + legend_swatch + 8, legend_y + 4.5,
                               text_size});
        legend_y += legend_line;
    }
    // The caption: what ran, where, and how to read the whiskers.
    y_cursor = chart.plot_bottom + 42 + caption_line + 8;
    for (const std::string& line :
         wrap_to_pixels(caption_text(summary, baseline.has_value()), chart.width - 2 * margin, text_size,
                        font_weight::normal)) {
        chart.texts.push_back({chart_text_role::caption, line, margin, y_cursor, text_size});
        y_cursor += caption_line;
    }
    chart.height = std::max(y_cursor + margin - caption_line + 6, legend_y + margin);

    chart.svg = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} {1:.0f}\" "
        "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"{2}\">\n"
        "  <rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"white\"/>\n",
        chart.width, chart.height, text_size);
    chart.svg += body;
    for (const chart_text& text : chart.texts) {
        const char* anchor = text.anchor == text_anchor::middle ? " text-anchor=\"middle\""
                             : text.anchor == text_anchor::end  ? " text-anchor=\"end\""
                                                                : "";
        fmt::format_to(std::back_inserter(chart.svg), "  <text x=\"{0:.1f}\" y=\"{1:.1f}\"{2}{3}{4}{5}>{6}</text>\n",
                       text.x, text.y, text.size == text_size ? "" : fmt::format(" font-size=\"{}\"", text.size),
                       text.weight == font_weight::bold ? " font-weight=\"bold\"" : "", anchor,
                       text.vertical ? fmt::format(" transform=\"rotate(-90 {:.1f} {:.1f})\"", text.x, text.y) : "",
                       escape_xml(text.text));
    }
    chart.svg += "</svg>\n";
    return chart;
}

std::string speedup_chart_svg(const bench_summary& summary) { return lay_out_speedup_chart(summary).svg; }

}  // namespace concur
