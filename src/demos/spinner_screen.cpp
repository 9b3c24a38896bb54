// spinner_screen: what spin() draws on: frames to the terminal, counted in spin_stats.
#include "concur/demos/spinner_screen.hpp"

#include "concur/core/spinner_frames.hpp"
#include "concur/sys/terminal.hpp"

namespace concur {

spinner_screen::spinner_screen(int fd, bool animate, std::string message, spin_stats& stats,
                               const process_event& announced) noexcept
    : fd_(fd),
      animate_(animate),
      message_(std::move(message)),
      drawn_(message_.size()),
      stats_(&stats),
      announced_(&announced) {}

void spinner_screen::draw(std::uint64_t tick) {
    announced_->wait();  // waits before the first frame only: once set, it stays set
    stats_->frame(monotonic_now_ns());
    if (!animate_) return;
    const auto columns = sys::terminal_columns(fd_);
    const std::string_view shown = columns ? fit_message(message_, *columns) : std::string_view{message_};
    drawn_ = shown.size();
    put(spinner_frame(tick, shown));
}

void spinner_screen::clear() {
    if (animate_) {
        // Blank what was drawn, cut again in case the terminal has narrowed since.
        const auto columns = sys::terminal_columns(fd_);
        const std::string_view drawn = std::string_view{message_}.substr(0, drawn_);
        put(spinner_blank(columns ? fit_message(drawn, *columns) : drawn));
    }
    stats_->stop(monotonic_now_ns());
}

void spinner_screen::put(const std::string& text) const noexcept {
    (void)sys::draw_on_terminal(fd_, text.data(), text.size());
}

}  // namespace concur
