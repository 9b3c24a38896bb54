// spinner_screen: what spin() draws on: frames to the terminal, counted on the spinner's board.
#include "concur/demos/spinner_screen.hpp"

#include "concur/core/spinner_frames.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/terminal.hpp"

namespace concur {

spinner_screen::spinner_screen(int fd, bool animate, std::string message, spinner_board& board) noexcept
    : fd_(fd), animate_(animate), message_(std::move(message)), drawn_(message_.size()), board_(&board) {}

void spinner_screen::draw(std::uint64_t tick) {
    board_->announced.wait();  // waits before the first frame only: once set, it stays set
    const sys::screen_turn turn;
    if (!turn.taken()) return;  // a handler has the terminal: put back (Ctrl-C) or paused (Ctrl-Z)
    board_->stats.frame(monotonic_now_ns());
    if (!animate_) return;
    const auto columns = sys::terminal_columns(fd_);
    const std::string_view shown = columns ? fit_message(message_, *columns) : std::string_view{message_};
    drawn_ = shown.size();
    sys::write_ignoring_errors(fd_, spinner_frame(tick, shown));
}

void spinner_screen::clear() {
    const sys::screen_turn turn;
    if (!turn.taken()) return;
    if (animate_) {
        // Blank what was drawn, cut again in case the terminal has narrowed since.
        const auto columns = sys::terminal_columns(fd_);
        const std::string_view drawn = std::string_view{message_}.substr(0, drawn_);
        sys::write_ignoring_errors(fd_, spinner_blank(columns ? fit_message(drawn, *columns) : drawn));
    }
    board_->stats.stop(monotonic_now_ns());
}

}  // namespace concur
