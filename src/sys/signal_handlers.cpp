// signal_handlers: installing a program's handlers for a while, and the calls a handler may make.
#include "concur/sys/signal_handlers.hpp"

#include "concur/sys/signal_pipe.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cerrno>
#include <pthread.h>

namespace concur::sys {

signal_handlers::signal_handlers(std::span<const signal_handler_choice> choices) {
    previous_.reserve(choices.size());
    for (const signal_handler_choice& choice : choices) {
        struct sigaction action {};
        action.sa_handler = choice.handler;
        sigfillset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        struct sigaction old {};
        bool installed = ::sigaction(choice.signal, nullptr, &old) == 0;
        if (installed && !(choice.keep_ignored && old.sa_handler == SIG_IGN)) {
            installed = ::sigaction(choice.signal, &action, nullptr) == 0;
        }
        if (!installed) {
            const int error = errno;
            restore();
            throw fmt::system_error(error, "cannot install a handler for {}", signal_name(choice.signal));
        }
        previous_.emplace_back(choice.signal, old);
    }
}

signal_handlers::~signal_handlers() {
    const signal_block blocked;  // no signal sees half the old handlers and half the new
    restore();
}

void signal_handlers::restore() noexcept {
    for (const auto& [signal, old] : previous_) ::sigaction(signal, &old, nullptr);
    previous_.clear();
}

void take_default_action(int signal) noexcept {
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    struct sigaction installed {};
    ::sigaction(signal, &default_action, &installed);
    sigset_t just_this;
    sigemptyset(&just_this);
    sigaddset(&just_this, signal);
    ::pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
    ::raise(signal);  // a stop signal stops the process here; SIGCONT returns from raise
    ::pthread_sigmask(SIG_BLOCK, &just_this, nullptr);
    ::sigaction(signal, &installed, nullptr);
}

void ignore_in_child(std::span<const int> signals) noexcept {
    for (const int signal : signals) ::signal(signal, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace concur::sys
