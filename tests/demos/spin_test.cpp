// Tests for `concur spin` without the CLI: run_spin into a string, and what its console reports.
#include "concur/demos/spin.hpp"

#include "concur/core/output_sink.hpp"
#include "concur/demos/spin_console.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"
#include "concur/sys/shared_memory.hpp"
#include "support/has_children.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <regex>
#include <string>

namespace {

using namespace concur;
using namespace std::chrono_literals;

constexpr std::array spin_models{execution_model::thread, execution_model::process, execution_model::coroutine};

spin_options quick(execution_model model) {
    spin_options options;
    options.model = model;
    options.duration = 0ms;
    return options;
}

/// The document's value for `key` (the text after `"key": ` up to the end of its line).
std::string json_value(const std::string& document, const std::string& key) {
    std::smatch found;
    if (!std::regex_search(document, found, std::regex{"\n  \"" + key + "\": ([^\n]*?),?\n"})) return "<missing>";
    return found[1];
}

TEST(spin_test, each_model_prints_its_spinner_object_then_the_answer) {
    const std::array<std::regex, 3> objects{std::regex{"<std::thread id=\\d+ \\(spin\\)>"},
                                            std::regex{"<child process pid=\\d+ parent=\\d+ \\(spin\\)>"},
                                            std::regex{"<task #2 \\(spin\\) on concur's event loop>"}};
    for (std::size_t i = 0; i < spin_models.size(); ++i) {
        string_sink out;
        EXPECT_EQ(run_spin(quick(spin_models[i]), out), 0);
        std::smatch line;
        const std::string& text = out.text();
        ASSERT_TRUE(std::regex_match(text, line, std::regex{"spinner object: (<.*>)\nAnswer: 42\n"})) << text;
        const std::string object = line[1];
        EXPECT_TRUE(std::regex_match(object, objects[i])) << object;
    }
    EXPECT_FALSE(concur::testing::has_children());  // the process model's child was reaped
}

TEST(spin_test, stats_follow_the_answer_and_count_the_stop_in_the_wall_time) {
    spin_options options = quick(execution_model::thread);
    options.duration = 250ms;
    options.stats = true;
    string_sink out;
    EXPECT_EQ(run_spin(options, out), 0);
    std::smatch found;
    ASSERT_TRUE(std::regex_search(out.text(), found,
                                  std::regex{"Answer: 42\nframes drawn: (\\d+)\nlongest gap between frames: "
                                             "\\d+\\.\\d{3}s\nwork wall time: (\\d+\\.\\d{3})s \\(time stopped by "
                                             "Ctrl-Z included\\)\nCPU time: .*\n$"}))
        << out.text();
    EXPECT_GE(std::stoi(found[1]), 2);  // at 0 s and 0.1 s at least, counted without a terminal
    EXPECT_GE(std::stod(found[2]), 0.25);
}

TEST(spin_test, a_prime_check_answers_in_the_book_s_words) {
    for (const execution_model model : spin_models) {
        spin_options options = quick(model);
        options.work = spin_work::prime;
        options.number = 1'000'003;
        string_sink out;
        EXPECT_EQ(run_spin(options, out), 0);
        EXPECT_NE(out.text().find("\n1,000,003 is prime\n"), std::string::npos) << out.text();
    }
}

TEST(spin_test, json_is_one_complete_document_and_nothing_else) {
    for (const execution_model model : spin_models) {
        spin_options options = quick(model);
        options.json = true;
        string_sink out;
        EXPECT_EQ(run_spin(options, out), 0);
        const std::string& document = out.text();
        EXPECT_EQ(document.front(), '{');
        EXPECT_EQ(document.substr(document.size() - 2), "}\n");
        EXPECT_EQ(json_value(document, "model"), "\"" + std::string{model_name(model)} + "\"");
        EXPECT_EQ(json_value(document, "answer"), "42");
        EXPECT_EQ(json_value(document, "ending"), "\"complete\"");
        EXPECT_EQ(json_value(document, "lost_spinner"), "null");
        EXPECT_EQ(document.find("spinner object:"), std::string::npos);
    }
}

TEST(spin_test, the_blocked_coroutine_draws_no_frame_as_in_the_book) {
    spin_options options = quick(execution_model::coroutine);
    options.work = spin_work::block;
    options.duration = 100ms;
    options.json = true;
    string_sink out;
    EXPECT_EQ(run_spin(options, out), 0);
    EXPECT_EQ(json_value(out.text(), "frames"), "0");
    EXPECT_GE(std::stod(json_value(out.text(), "longest_gap")), 0.1);  // the whole work, frozen
}

/// A console over a board of its own, as run_spin makes one (without signals or a terminal).
struct console_fixture {
    explicit console_fixture(bool json) {
        options.json = json;
        options.model = execution_model::process;
    }
    spin_options options;
    sys::shared_array<spinner_board> board{1};
    string_sink out;
    spin_console console{out, options, board[0], spin_screen_setup{-1, false, false}};
};

TEST(spin_console_test, a_lost_spinner_ends_the_run_as_spinner_lost) {
    console_fixture run{true};
    (void)run.console.screen();
    run.console.announce("<child process pid=5 parent=4 (spin)>");
    run.console.spinner_lost(5, "was killed by SIGKILL");  // also names it on standard error
    const spin_summary summary = run.console.summary({spin_work::sleep});
    EXPECT_EQ(summary.ending, spin_ending::spinner_lost);
    ASSERT_TRUE(summary.lost.has_value());
    EXPECT_EQ(summary.lost->pid, 5);
    EXPECT_EQ(summary.lost->how, "was killed by SIGKILL");
    EXPECT_EQ(run.out.text(), "");  // --json: no object line
}

TEST(spin_console_test, an_interrupted_json_run_is_reported_until_the_final_report_begins) {
    console_fixture run{true};
    sys::pipe_ends pipe = sys::make_pipe();
    run.console.write_interrupted_json(pipe.write_end.get());  // before anything began
    (void)run.console.screen();
    run.console.announce("<child process pid=5 parent=4 (spin)>");
    run.console.work_started();
    run.console.write_interrupted_json(pipe.write_end.get());
    run.console.final_report_begun();
    run.console.write_interrupted_json(pipe.write_end.get());  // too late: writes nothing
    pipe.write_end.reset();
    std::string written;
    std::array<std::byte, 4096> buffer{};
    while (const long got = sys::read_some(pipe.read_end.get(), buffer)) {
        written.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(got));
    }
    const auto second = written.find("}\n{");
    ASSERT_NE(second, std::string::npos) << written;
    const std::string before = written.substr(0, second + 2);
    const std::string after = written.substr(second + 2);
    EXPECT_EQ(json_value(before, "spinner_object"), "null");
    EXPECT_EQ(json_value(before, "work_elapsed"), "null");
    EXPECT_EQ(json_value(after, "spinner_object"), "\"<child process pid=5 parent=4 (spin)>\"");
    EXPECT_NE(json_value(after, "work_elapsed"), "null");
    for (const std::string& document : {before, after}) {
        EXPECT_EQ(json_value(document, "answer"), "null");
        EXPECT_EQ(json_value(document, "ending"), "\"interrupted\"");
    }
    EXPECT_EQ(after.find("}\n{"), std::string::npos);  // two documents, not three
}

TEST(spin_console_test, text_mode_writes_no_interrupted_document) {
    console_fixture run{false};
    sys::pipe_ends pipe = sys::make_pipe();
    run.console.write_interrupted_json(pipe.write_end.get());
    pipe.write_end.reset();
    std::array<std::byte, 16> buffer{};
    EXPECT_EQ(sys::read_some(pipe.read_end.get(), buffer), 0);
}

TEST(spin_console_test, a_piped_object_line_sets_how_wide_the_frames_may_be) {
    for (const bool through_a_pipe : {false, true}) {
        spin_options options;
        sys::shared_array<spinner_board> board{1};
        string_sink out;
        spin_console console{out, options, board[0], spin_screen_setup{-1, false, through_a_pipe}};
        console.announce("<task #2 (spin) on concur's event loop>");
        EXPECT_TRUE(board[0].announced.is_set());
        EXPECT_EQ(board[0].cover_width, through_a_pipe ? out.text().size() - 1 : 0U);  // the line, without '\n'
    }
}

}  // namespace
