// signal_handlers: installing a program's handlers for a while, and the calls a handler may make.
#pragma once

#include <csignal>
#include <initializer_list>
#include <span>
#include <utility>
#include <vector>

namespace concur::sys {

/// One signal and the handler signal_handlers installs for it.
struct signal_handler_choice {
    int signal;
    void (*handler)(int);
    bool keep_ignored;  // true: a disposition ignored on entry stays ignored (`nohup` for SIGHUP)
};

/// While alive, each chosen handler is installed, running with every signal blocked (a second
/// signal waits until the first handler is done) and with SA_RESTART (a handler that returns
/// lets the interrupted read or write go on). The previous dispositions come back on
/// destruction, with every signal held back meanwhile. Throws fmt::system_error if one cannot
/// be installed; those installed already are put back first.
/// This installs what the program decides; it decides nothing itself.
class signal_handlers {
public:
    explicit signal_handlers(std::span<const signal_handler_choice> choices);
    signal_handlers(std::initializer_list<signal_handler_choice> choices)
        : signal_handlers(std::span{choices.begin(), choices.size()}) {}
    ~signal_handlers();
    signal_handlers(const signal_handlers&) = delete;
    signal_handlers& operator=(const signal_handlers&) = delete;

private:
    void restore() noexcept;
    std::vector<std::pair<int, struct sigaction>> previous_;
};

/// For a handler: lets `signal`'s default action happen now, as if there were no handler: the
/// disposition SIG_DFL, the signal unblocked on this thread (a handler runs with it blocked),
/// raised. For a signal whose default ends the process (SIGQUIT, SIGHUP) it never returns.
/// For a stop signal (SIGTSTP) the process stops inside this call; once continued (SIGCONT)
/// the handler that was installed is put back, the signal blocked again until the handler
/// returns (another Ctrl-Z waits for this one), and the call returns. Async-signal-safe.
void take_default_action(int signal) noexcept;

/// For a forked child, first thing: each of `signals` ignored, and the signal mask emptied
/// (fork is done inside a signal_block, whose mask the child inherits). Async-signal-safe.
void ignore_in_child(std::span<const int> signals) noexcept;

}  // namespace concur::sys
