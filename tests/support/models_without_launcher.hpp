// models_without_launcher: the execution models one test process can run by itself.
#pragma once

#include "concur/core/execution_model.hpp"

#include <vector>

namespace concur::testing {

/// Every model but those whose workers a launcher starts (mpi: mpiexec starts its ranks before
/// concur runs; tests/mpi runs it under mpiexec). For the suites that run "every model".
inline std::vector<execution_model> models_without_launcher() {
    std::vector<execution_model> models;
    for (const execution_model model : all_execution_models()) {
        if (!model_needs_launcher(model)) models.push_back(model);
    }
    return models;
}

}  // namespace concur::testing
