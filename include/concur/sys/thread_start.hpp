// start_thread: a std::thread whose refusal says what ran out.
#pragma once

#include <system_error>
#include <thread>
#include <utility>

namespace concur::sys {

namespace detail {
[[noreturn]] void throw_cannot_start_thread(const std::system_error& error);
}  // namespace detail

/// std::thread{body}, or std::jthread{body} with Thread = std::jthread. When the system
/// refuses, throws a std::system_error that says why: "cannot start a thread (a limit is
/// reached: ulimit -u, ...): Resource temporarily unavailable", where std::thread says only
/// "Resource temporarily unavailable". The caller must still join a std::thread it started
/// before an exception unwinds past it: one destroyed while joinable calls std::terminate.
template <typename Thread = std::thread, typename Body>
[[nodiscard]] Thread start_thread(Body&& body) {
    try {
        return Thread{std::forward<Body>(body)};
    } catch (const std::system_error& error) {
        detail::throw_cannot_start_thread(error);
    }
}

}  // namespace concur::sys
