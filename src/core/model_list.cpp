// parse_model_list: bench's --models, a comma-separated list of execution models.
#include "concur/core/model_list.hpp"

#include "concur/core/message_text.hpp"
#include "concur/core/usage_error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace concur {

std::string model_list_allowed() {
    std::string names;
    for (const execution_model model : all_execution_models()) {
        // A model whose workers a launcher starts (mpi) cannot be run from inside one process.
        if (model_needs_launcher(model)) continue;
        names += fmt::format("{}{}", names.empty() ? "" : ", ", model_name(model));
    }
    return "a comma-separated list of " + names;
}

std::vector<execution_model> parse_model_list(std::string_view text) {
    std::vector<execution_model> models;
    std::string_view rest = text;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view name = rest.substr(0, comma);
        const auto model = parse_execution_model(name);
        if (!model) {
            // "thread,bogus" names the bad part and the whole; "bogus" alone needs no "(in ...)".
            const std::string what = name == text ? "a model" : fmt::format("a model (in {})", quote_value(text));
            throw usage_error(refuse_value(name, what, model_list_allowed()));
        }
        if (model_needs_launcher(*model)) {
            throw usage_error(refuse_value(name, "a model bench can run: its ranks are started by mpiexec, as in "
                                                 "'mpiexec -n 3 concur primes --model=mpi'",
                                           model_list_allowed()));
        }
        if (std::find(models.begin(), models.end(), *model) == models.end()) models.push_back(*model);
        if (comma == std::string_view::npos) return models;
        rest.remove_prefix(comma + 1);
    }
}

}  // namespace concur
