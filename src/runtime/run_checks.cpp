// run_checks: the one entry point that runs the same checks with any execution model.
#include "concur/runtime/run_checks.hpp"

#include "concur/runtime/coroutine_checks.hpp"
#include "concur/runtime/mpi_pool.hpp"
#include "concur/runtime/process_pool.hpp"
#include "concur/runtime/sequential_checks.hpp"
#include "concur/runtime/thread_pool.hpp"

namespace concur {

pool_report run_checks(execution_model model, number_source& source, const pool_options& options,
                       pool_listener& listener) {
    switch (model) {
        case execution_model::sequential: return run_sequential_checks(source, options, listener);
        case execution_model::thread: return run_thread_pool(source, options, listener);
        case execution_model::process: return run_process_pool(source, options, listener);
        case execution_model::coroutine: return run_coroutine_checks(source, options, listener);
        case execution_model::mpi: return run_mpi_pool(source, options, listener);
    }
    return run_sequential_checks(source, options, listener);
}

}  // namespace concur
