// number_source: where a pool's numbers come from, a fixed list or a stream read as it arrives.
#include "concur/runtime/number_source.hpp"

#include "concur/sys/io.hpp"

#include <algorithm>
#include <array>

namespace concur {

bool list_source::read_more(std::deque<std::uint64_t>& out) {
    constexpr std::size_t chunk = 4096;
    const std::size_t end = std::min(numbers_.size(), next_ + chunk);
    out.insert(out.end(), numbers_.begin() + static_cast<std::ptrdiff_t>(next_),
               numbers_.begin() + static_cast<std::ptrdiff_t>(end));
    next_ = end;
    return next_ < numbers_.size();
}

bool stream_source::read_more(std::deque<std::uint64_t>& out) {
    if (ended_) return false;
    std::array<char, 65536> chunk;
    const long got = sys::read_some(fd_, std::as_writable_bytes(std::span{chunk}), "standard input");
    if (got < 0) return true;  // nothing yet on a non-blocking descriptor
    parsed_.clear();
    std::optional<bad_token> bad;
    if (got == 0) {
        ended_ = true;
        bad = tokenizer_.finish(parsed_);
    } else {
        bad = tokenizer_.feed(std::string_view{chunk.data(), static_cast<std::size_t>(got)}, parsed_);
    }
    if (bad) {
        bad_input error{bad->message};
        error.unchecked = parsed_;  // the numbers before it in this chunk: read, never checked
        error.input_left_unread = !ended_;
        throw error;
    }
    out.insert(out.end(), parsed_.begin(), parsed_.end());
    return !ended_;
}

}  // namespace concur
