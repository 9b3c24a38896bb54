// spinner_screen: what spin() draws on: frames to the terminal, counted on the spinner's board.
#include "concur/demos/spinner_screen.hpp"

#include "concur/core/spinner_frames.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/terminal.hpp"

#include <algorithm>
#include <climits>

namespace concur {

spinner_screen::spinner_screen(int fd, bool animate, std::string message, spinner_board& board) noexcept
    : fd_(fd), animate_(animate), message_(std::move(message)), drawn_(message_.size()), board_(&board) {}

void spinner_screen::draw(std::uint64_t tick) {
    board_->announced.wait();  // waits before the first frame only: once set, it stays set
    const sys::screen_turn turn;
    if (!turn.taken()) return;  // a handler has the terminal: put back (Ctrl-C) or paused (Ctrl-Z)
    board_->stats.frame(monotonic_now_ns());
    if (!animate_) return;
    const std::string_view shown = fit_message(message_, room());
    drawn_ = shown.size();
    std::string frame = spinner_frame(tick, shown);
    if (board_->cover_width > 0) frame += '\r';  // see spinner_board::cover_width
    sys::write_ignoring_errors(fd_, frame);
}

void spinner_screen::clear() {
    const sys::screen_turn turn;
    if (!turn.taken()) return;
    if (animate_) {
        // Blank what was drawn, cut again in case the terminal has narrowed since.
        const std::string_view drawn = std::string_view{message_}.substr(0, drawn_);
        sys::write_ignoring_errors(fd_, spinner_blank(fit_message(drawn, room())));
    }
    board_->stats.stop(monotonic_now_ns());
}

unsigned spinner_screen::room() const {
    // fit_message leaves the last column free: a frame in `columns` is at most columns - 1 wide.
    unsigned columns = sys::terminal_columns(fd_).value_or(UINT_MAX);
    if (board_->cover_width > 0) columns = static_cast<unsigned>(std::min<std::size_t>(columns, board_->cover_width + 1));
    return columns;
}

}  // namespace concur
