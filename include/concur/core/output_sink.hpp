// output_sink: where a command's text goes, so tests can capture what users would see.
#pragma once

#include <string>
#include <string_view>

namespace concur {

/// Text out. Implementations buffer as they like; flush() makes everything written so far
/// visible. Only the real terminal sinks touch file descriptors.
class output_sink {
public:
    virtual ~output_sink() = default;
    virtual void write(std::string_view text) = 0;
    virtual void flush() {}
};

/// Collects everything in a string: for tests.
class string_sink final : public output_sink {
public:
    void write(std::string_view text) override { text_ += text; }
    [[nodiscard]] const std::string& text() const noexcept { return text_; }

private:
    std::string text_;
};

}  // namespace concur
