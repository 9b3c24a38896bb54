// parse_model_list: bench's --models, a comma-separated list of execution models.
#pragma once

#include "concur/core/execution_model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// The models named in `text` ("thread,process"), in the order given, each once. Throws
/// usage_error for a name that is not a model, in concur's shape (refuse_value) and without
/// the option's name, which the caller adds:
/// "'bogus' is not a model (in 'thread,bogus'); allowed: a comma-separated list of ...".
/// A model that needs a launcher (mpi: model_needs_launcher) is refused the same way: bench
/// runs every model from its own process.
[[nodiscard]] std::vector<execution_model> parse_model_list(std::string_view text);

/// What is allowed, as the errors say it: "a comma-separated list of sequential, thread, ...",
/// the models needing no launcher.
[[nodiscard]] std::string model_list_allowed();

}  // namespace concur
