// spinner_screen: what spin() draws on: frames to the terminal, counted in spin_stats.
#include "concur/demos/spinner_screen.hpp"

#include "concur/core/spinner_frames.hpp"

#include <cerrno>
#include <unistd.h>

namespace concur {

spinner_screen::spinner_screen(int fd, bool animate, std::string message, spin_stats& stats) noexcept
    : fd_(fd), animate_(animate), message_(std::move(message)), stats_(&stats) {}

void spinner_screen::draw(std::uint64_t tick) {
    stats_->frame(monotonic_now_ns());
    if (animate_) put(spinner_frame(tick, message_));
}

void spinner_screen::clear() {
    if (animate_) put(spinner_blank(message_));
    stats_->stop(monotonic_now_ns());
}

void spinner_screen::put(const std::string& text) const noexcept {
    const char* data = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t sent = ::write(fd_, data, left);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return;
        data += sent;
        left -= static_cast<std::size_t>(sent);
    }
}

}  // namespace concur
