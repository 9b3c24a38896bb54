// Tests for run_race: the table and JSON a user sees, the refusals, Ctrl-C and a lost process.
#include "concur/demos/race.hpp"

#include "concur/core/usage_error.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "support/has_children.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <csignal>
#include <dirent.h>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace {

using namespace concur;

race_options small_run(execution_model model = execution_model::thread) {
    race_options options;
    options.model = model;
    options.threads = 3;
    options.count = 20'000;
    if (model == execution_model::process) options.syncs = {race_sync::none, race_sync::atomic};
    return options;
}

TEST(race_test, the_table_has_a_row_per_way_and_every_synchronised_row_is_exact) {
    string_sink out;
    string_sink err;
    ASSERT_EQ(run_race(small_run(), out, err), 0) << err.text();
    EXPECT_EQ(err.text(), "");
    EXPECT_NE(out.text().find("race: 3 threads each add 1 to one count M times"), std::string::npos) << out.text();
    EXPECT_NE(out.text().find("M: 20000 (--count)\n"), std::string::npos);
    for (const char* sync : {"mutex", "atomic", "local", "false-sharing"}) {
        // sync, expected 60000, total 60000, lost 0, 0.0%
        EXPECT_NE(out.text().find(fmt::format("{:<13}{:>14}{:>14}{:>14}{:>8}", sync, 60000, 60000, 0, "0.0%")),
                  std::string::npos)
            << sync << "\n"
            << out.text();
    }
    EXPECT_NE(out.text().find("\nnone  "), std::string::npos);
}

TEST(race_test, json_gives_every_row_with_its_totals) {
    for (const execution_model model : {execution_model::thread, execution_model::process}) {
        race_options options = small_run(model);
        options.json = true;
        string_sink out;
        string_sink err;
        ASSERT_EQ(run_race(options, out, err), 0) << err.text();
        const std::string& json = out.text();
        EXPECT_NE(json.find(fmt::format("\"model\": \"{}\",\n  \"units\": 3,", model_name(model))),
                  std::string::npos)
            << json;
        EXPECT_NE(json.find("\"calibrated\": false"), std::string::npos);
        EXPECT_NE(json.find("{\"sync\": \"none\", \"count_per_unit\": 20000, \"expected\": 60000, \"total\": "),
                  std::string::npos);
        EXPECT_NE(json.find("{\"sync\": \"atomic\", \"count_per_unit\": 20000, \"expected\": 60000, \"total\": "
                            "60000, \"lost\": 0,"),
                  std::string::npos)
            << json;
        if (model == execution_model::process) {
            EXPECT_EQ(json.find("mutex"), std::string::npos);  // only the ways asked for
        }
        EXPECT_EQ(json.back(), '\n');
    }
    EXPECT_FALSE(concur::testing::has_children());
}

TEST(race_test, refused_options_start_nothing_and_print_nothing) {
    race_options options = small_run(execution_model::process);
    options.syncs = {race_sync::atomic, race_sync::local};
    string_sink out;
    string_sink err;
    EXPECT_THROW((void)run_race(options, out, err), usage_error);
    options = small_run();
    options.threads = 513;
    EXPECT_THROW((void)run_race(options, out, err), usage_error);
    EXPECT_EQ(out.text() + err.text(), "");
}

/// Sends `signal` to this process once run_race's handler is in place (never to a process
/// that would die of it), after `delay`. The sender blocks every signal, so the handler runs
/// on the thread that installed it, as in concur, where the units block them too.
std::thread send_when_handled(int signal, std::chrono::milliseconds delay) {
    return std::thread{[signal, delay] {
        const sys::signal_block blocked;
        struct sigaction current {};
        do {
            std::this_thread::sleep_for(std::chrono::milliseconds{1});
            ::sigaction(signal, nullptr, &current);
        } while (current.sa_handler == SIG_DFL);
        std::this_thread::sleep_for(delay);
        ::kill(::getpid(), signal);
    }};
}

TEST(race_test, ctrl_c_ends_the_run_with_130_and_one_line_and_no_table) {
    for (const execution_model model : {execution_model::thread, execution_model::process}) {
        race_options options = small_run(model);
        options.count = race_max_count;  // ends only because the units look at the stop flag
        string_sink out;
        string_sink err;
        std::thread sender = send_when_handled(SIGINT, std::chrono::milliseconds{100});
        const int status = run_race(options, out, err);
        sender.join();
        EXPECT_EQ(status, 130);
        EXPECT_EQ(out.text(), "");
        EXPECT_EQ(err.text(), "concur: race interrupted by SIGINT while measuring none; no table printed\n");
    }
    EXPECT_FALSE(concur::testing::has_children());
}

TEST(race_test, sigterm_during_a_calibrated_run_ends_with_143) {
    race_options options = small_run();
    options.count.reset();
    options.syncs = {race_sync::atomic};
    string_sink out;
    string_sink err;
    std::thread sender = send_when_handled(SIGTERM, std::chrono::milliseconds{0});
    EXPECT_EQ(run_race(options, out, err), 143);
    sender.join();
    EXPECT_EQ(err.text(), "concur: race interrupted by SIGTERM while measuring atomic; no table printed\n");
}

/// The children of this process's main thread, from /proc (the ones run_race forks).
std::vector<pid_t> children_of_this_process() {
    std::ifstream list{fmt::format("/proc/self/task/{}/children", ::getpid())};
    std::vector<pid_t> pids;
    for (pid_t pid = 0; list >> pid;) pids.push_back(pid);
    return pids;
}

TEST(race_test, a_counting_process_killed_from_outside_is_named_and_ends_with_3) {
    race_options options = small_run(execution_model::process);
    options.count = race_max_count;
    string_sink out;
    string_sink err;
    std::thread killer{[] {
        for (int tries = 0; tries < 10'000; ++tries) {
            if (const auto pids = children_of_this_process(); pids.size() == 3) {
                std::this_thread::sleep_for(std::chrono::milliseconds{50});
                ::kill(pids[1], SIGKILL);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{1});
        }
    }};
    const int status = run_race(options, out, err);
    killer.join();
    EXPECT_EQ(status, 3);
    EXPECT_EQ(out.text(), "");
    EXPECT_NE(err.text().find("concur: race: counting process "), std::string::npos) << err.text();
    EXPECT_NE(err.text().find(" was killed by SIGKILL while measuring none; no table printed\n"), std::string::npos)
        << err.text();
    EXPECT_FALSE(concur::testing::has_children());
}

}  // namespace
