// `concur spin`: the seed's spinner, in a thread, a process or a coroutine.
#include "concur/demos/spin.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/demos/spin_console.hpp"
#include "concur/demos/spinner_coroutine.hpp"
#include "concur/demos/spinner_process.hpp"
#include "concur/demos/spinner_thread.hpp"
#include "concur/sys/cpu_time.hpp"
#include "concur/sys/terminal.hpp"

#include <unistd.h>

namespace concur {
namespace {

spin_answer spin_with(const spin_options& options, spin_console& console) {
    switch (options.model) {
        case execution_model::thread: return spin_with_thread(options, console);
        case execution_model::process: return spin_with_process(options, console);
        case execution_model::coroutine: return spin_with_coroutine(options, console);
        case execution_model::sequential: break;  // nothing runs beside the work: no spinner to show
    }
    return {};
}

}  // namespace

int run_spin(const spin_options& options, output_sink& out) {
    sys::terminal_session terminal{STDERR_FILENO, sys::can_animate(STDERR_FILENO)};
    spin_console console{out, options.json, terminal, options.message};

    spin_summary summary;
    summary.model = options.model;
    summary.nap = options.nap;
    summary.answer = spin_with(options, console);
    console.rethrow_output_error();
    summary.spinner_object = console.spinner_object();
    summary.stats = console.stats();
    // A spinner that never ran (a task cancelled before its first step) never stopped its
    // clock: the user watched no frame from its start until now.
    if (summary.stats.stopped_ns == 0) summary.stats.stop(monotonic_now_ns());
    summary.work_time = console.work_time();
    const sys::cpu_time cpu = sys::process_cpu_time();  // after the child (if any) was reaped
    summary.cpu_user = cpu.user;
    summary.cpu_system = cpu.system;

    if (options.json) {
        out.write(format_spin_json(summary));
    } else {
        out.write(format_answer(summary.answer));
        if (options.stats) out.write(format_spin_stats(summary));
    }
    out.flush();
    return console.lost_spinner() ? exit_status::worker_lost : exit_status::success;
}

}  // namespace concur
