// Tests for run_bench: the table, the ceiling and the exports of a short bench, captured in memory.
#include "concur/demos/models_bench.hpp"

#include "concur/core/display_width.hpp"
#include "concur/core/exit_status.hpp"
#include "concur/sys/cpu_count.hpp"
#include "support/has_children.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur;

/// A directory of its own for the exports, removed afterwards.
class export_directory {
public:
    export_directory() : path_(std::filesystem::temp_directory_path() / ("models_bench_test." + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
    }
    ~export_directory() { std::filesystem::remove_all(path_); }
    [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

std::string read_file(const std::string& path) {
    std::ifstream in{path};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bench_options short_bench() {
    bench_options options;
    options.models = {execution_model::sequential, execution_model::thread, execution_model::process,
                      execution_model::coroutine};
    options.worker_counts = {1, 2};
    options.numbers = {1000003, 1000033, 999999999989ULL, 4294967291ULL};
    options.numbers_label = "test";
    options.method = prime_method::trial;
    options.runs = 2;
    options.warmup = 0;
    return options;
}

TEST(models_bench_test, a_short_bench_prints_every_row_the_ceiling_and_the_machine) {
    string_sink out;
    string_sink err;
    const int status = run_bench(short_bench(), out, err);
    ASSERT_EQ(status, exit_status::success) << err.text();
    const std::string& table = out.text();
    EXPECT_EQ(table.substr(0, table.find('\n')), "Checking 4 numbers (test, trial division), 2 runs each, 0 warm-ups:");
    for (const char* row : {"\nsequential        1", "\nthread            1", "\nthread            2",
                            "\nprocess           1", "\nprocess           2", "\ncoroutine         1"}) {
        EXPECT_NE(table.find(row), std::string::npos) << row << "\n" << table;
    }
    EXPECT_NE(table.find("Machine: "), std::string::npos) << table;
    EXPECT_NE(table.find(", kernel "), std::string::npos) << table;  // the trial method runs a vector kernel
    if (sys::usable_cpu_count() >= 2) {
        EXPECT_NE(table.find("Ceiling: 2 one-worker runs side by side"), std::string::npos) << table;
    }
    std::istringstream lines{table};
    for (std::string line; std::getline(lines, line);) EXPECT_LT(display_width(line), 80U) << line;
    EXPECT_EQ(err.text().find('\r'), std::string::npos);  // no progress asked for
    EXPECT_FALSE(concur::testing::has_children());
}

TEST(models_bench_test, exports_hold_every_run_and_say_the_bench_was_complete) {
    export_directory directory;
    bench_options options = short_bench();
    options.models = {execution_model::sequential, execution_model::thread};
    options.export_json = directory.file("bench.json");
    options.export_svg = directory.file("bench.svg");
    string_sink out;
    string_sink err;
    ASSERT_EQ(run_bench(options, out, err), exit_status::success) << err.text();
    const std::string json = read_file(options.export_json);
    EXPECT_NE(json.find("\"complete\": true"), std::string::npos) << json;
    EXPECT_NE(json.find("\"rounds_finished\": 2"), std::string::npos) << json;
    EXPECT_NE(json.find("\"kernel\": \""), std::string::npos) << json;
    const std::string svg = read_file(options.export_svg);
    EXPECT_EQ(svg.rfind("</svg>\n"), svg.size() - 7);
    EXPECT_NE(svg.find("Method: trial division"), std::string::npos);
}

TEST(models_bench_test, an_interrupted_bench_prints_and_exports_the_rounds_it_finished) {
    export_directory directory;
    bench_options options = short_bench();
    options.runs = 1000;  // far more than fit before the signal
    options.export_json = directory.file("bench.json");
    options.export_markdown = directory.file("bench.md");
    string_sink out;
    string_sink err;
    std::atomic<bool> bench_returned{false};
    std::thread interrupter{[&bench_returned] {
        // This thread blocks every signal to its end (never unblocked, so nothing pending can
        // land here as it exits): the kernel hands SIGINT to the bench's thread, as it does a
        // Ctrl-C. A handler running here would race the bench destroying its pipe.
        sigset_t every_signal;
        sigfillset(&every_signal);
        ::pthread_sigmask(SIG_BLOCK, &every_signal, nullptr);
        // Only once bench has taken SIGINT: on a starved machine 500 ms from the thread's start
        // can pass before run_bench gets that far, and the default action would end the test.
        struct sigaction current {};
        while (::sigaction(SIGINT, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
            std::this_thread::sleep_for(std::chrono::milliseconds{1});
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{500});
        ::kill(::getpid(), SIGINT);
        // Alive until bench returns: TSan reports a finished, unjoined thread as leaked when
        // the process forks, and bench forks as it stops.
        while (!bench_returned.load()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }};
    const int status = run_bench(options, out, err);
    bench_returned.store(true);
    interrupter.join();
    EXPECT_EQ(status, exit_status::interrupted_by(SIGINT)) << err.text();
    EXPECT_NE(out.text().find(" of 1000 runs each, 0 warm-ups:\nIncomplete: interrupted by SIGINT after "),
              std::string::npos)
        << out.text();
    EXPECT_NE(err.text().find("concur: bench interrupted by SIGINT after "), std::string::npos) << err.text();
    const std::string json = read_file(options.export_json);
    EXPECT_NE(json.find("\"complete\": false, \"interrupted_by\": \"SIGINT\""), std::string::npos) << json;
    EXPECT_NE(read_file(options.export_markdown).find("*Incomplete: interrupted by SIGINT after "), std::string::npos);
    EXPECT_FALSE(concur::testing::has_children());  // every worker and every side-by-side copy reaped
}

}  // namespace
