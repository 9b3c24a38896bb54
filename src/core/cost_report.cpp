// cost_report: what `concur cost` measured about each execution model, as a table or JSON.
#include "concur/core/cost_report.hpp"

#include "concur/core/primes_report.hpp"

#include <fmt/format.h>

#include <iterator>

namespace concur {

std::string format_cost_table(const std::vector<cost_figure>& figures, unsigned count) {
    std::string text = fmt::format("What a unit costs, measured now (--count={}; each figure a median):\n", count);
    fmt::format_to(std::back_inserter(text), "{:<52}  {:<8}  {:>10}  {:<4}  {:>7}\n", "measure", "model", "median",
                   "unit", "samples");
    for (const cost_figure& figure : figures) {
        fmt::format_to(std::back_inserter(text), "{:<52}  {:<8}  {:>10.{}f}  {:<4}  {:>7}\n", figure.description,
                       figure.model, figure.value, figure.value < 10 ? 2 : 1, figure.unit, figure.samples);
    }
    return text;
}

std::string cost_json(const std::vector<cost_figure>& figures, unsigned count) {
    std::string text = fmt::format("{{\n  \"command\": \"cost\",\n  \"count\": {},\n  \"figures\": [", count);
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const cost_figure& figure = figures[i];
        fmt::format_to(std::back_inserter(text),
                       "{}\n    {{\"model\": {}, \"measure\": {}, \"description\": {}, \"value\": {:.6f}, "
                       "\"unit\": {}, \"samples\": {}}}",
                       i == 0 ? "" : ",", json_string(figure.model), json_string(figure.measure),
                       json_string(figure.description), figure.value, json_string(figure.unit), figure.samples);
    }
    text += "\n  ]\n}\n";
    return text;
}

}  // namespace concur
