// cost_report: what `concur cost` measured about each execution model, as a table or JSON.
#include "concur/core/cost_report.hpp"

#include "concur/core/primes_report.hpp"
#include "concur/core/text_table.hpp"
#include "concur/core/text_wrap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace concur {
namespace {

std::string format_ratio(const std::optional<double>& ratio) {
    if (!ratio) return "-";
    if (*ratio >= 100) return fmt::format("{:.0f}x", *ratio);
    if (*ratio >= 10) return fmt::format("{:.1f}x", *ratio);
    return fmt::format("{:.2f}x", *ratio);
}

}  // namespace

void compare_with_coroutines(std::vector<cost_figure>& figures) {
    for (cost_figure& figure : figures) {
        figure.ratio_to_coroutine.reset();
        if (figure.compares_as.empty()) continue;
        for (const cost_figure& coroutine : figures) {
            if (coroutine.model == "coroutine" && coroutine.compares_as == figure.compares_as &&
                coroutine.value * coroutine.to_base > 0) {
                figure.ratio_to_coroutine = figure.value * figure.to_base / (coroutine.value * coroutine.to_base);
                break;
            }
        }
    }
}

std::string format_cost_table(const std::vector<cost_figure>& figures, unsigned count, std::size_t columns) {
    // The last column of a terminal is left empty: some terminals wrap as soon as it is written.
    const std::size_t width = std::max<std::size_t>(columns, 40) - 1;
    std::string text = wrap_text(
        fmt::format("What a unit costs, measured now (--count={}; each figure a median):", count), width, "", 2);
    text_table table{{{"measure", column_align::left, true},
                      {"model"},
                      {"median", column_align::right},
                      {"samples", column_align::right},
                      {"vs coroutine", column_align::right}}};
    for (const cost_figure& figure : figures) {
        table.add_row({figure.description, figure.model,
                       fmt::format("{:.{}f} {}", figure.value, figure.value < 1 ? 3 : figure.value < 10 ? 2 : 1,
                                   figure.unit),
                       fmt::format("{}", figure.samples), format_ratio(figure.ratio_to_coroutine)});
    }
    return text + table.render(width);
}

std::string cost_json(const std::vector<cost_figure>& figures, unsigned count) {
    std::string text = fmt::format("{{\n  \"command\": \"cost\",\n  \"count\": {},\n  \"figures\": [", count);
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const cost_figure& figure = figures[i];
        fmt::format_to(std::back_inserter(text),
                       "{}\n    {{\"model\": {}, \"measure\": {}, \"description\": {}, \"value\": {:.6f}, "
                       "\"unit\": {}, \"samples\": {}, \"ratio_to_coroutine\": {}}}",
                       i == 0 ? "" : ",", json_string(figure.model), json_string(figure.measure),
                       json_string(figure.description), figure.value, json_string(figure.unit), figure.samples,
                       figure.ratio_to_coroutine ? fmt::format("{:.6g}", *figure.ratio_to_coroutine) : "null");
    }
    text += "\n  ]\n}\n";
    return text;
}

}  // namespace concur
