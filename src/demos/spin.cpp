// `concur spin`: the seed's spinner, in a thread, a process or a coroutine.
#include "concur/demos/spin.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/demos/spin_console.hpp"
#include "concur/demos/spin_signals.hpp"
#include "concur/demos/spinner_coroutine.hpp"
#include "concur/demos/spinner_process.hpp"
#include "concur/demos/spinner_thread.hpp"
#include "concur/sys/shared_memory.hpp"
#include "concur/sys/signal_pipe.hpp"
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
        case execution_model::mpi: break;         // not a spinner model (the command line refuses it)
    }
    return {};
}

}  // namespace

int run_spin(const spin_options& options, output_sink& out) {
    // The spinner's board (its start gate, its frame counts) is in MAP_SHARED memory for every
    // model: the process model's spinner is a child, with its own copy of ordinary memory.
    const sys::shared_array<spinner_board> board{1};
    const spin_screen_setup screen{STDERR_FILENO, sys::can_animate(STDERR_FILENO),
                                   sys::is_pipe_or_socket(STDOUT_FILENO)};
    spin_console console{out, options, board[0], screen};
    const spin_signals signals{console};  // before the cursor is hidden: no way out leaves it hidden
    const sys::terminal_session terminal{screen.fd, screen.animate};

    const spin_answer answer = spin_with(options, console);
    console.rethrow_output_error();
    const spin_summary summary = console.summary(answer);
    {
        // An interrupt now waits until the report is whole, and then writes none of its own.
        const sys::signal_block held{sys::terminal_signals};
        console.final_report_begun();
        if (options.json) {
            out.write(format_spin_json(summary));
        } else {
            out.write(format_answer(summary.answer));
            if (options.stats) out.write(format_spin_stats(summary));
        }
        out.flush();
    }
    return summary.ending == spin_ending::spinner_lost ? exit_status::worker_lost : exit_status::success;
}

}  // namespace concur
