// Tests for what `concur spin` prints: answers with thousands separators, the --stats lines, the JSON document.
#include "concur/core/spin_report.hpp"

#include <gtest/gtest.h>

namespace {

using namespace concur;

TEST(spin_report_test, thousands_separators_as_in_the_book) {
    EXPECT_EQ(with_thousands_separators(0), "0");
    EXPECT_EQ(with_thousands_separators(999), "999");
    EXPECT_EQ(with_thousands_separators(1000), "1,000");
    EXPECT_EQ(with_thousands_separators(4'000'000'000'000'000'037ULL), "4,000,000,000,000,000,037");
    EXPECT_EQ(with_thousands_separators(18446744073709551615ULL), "18,446,744,073,709,551,615");
}

TEST(spin_report_test, answer_lines) {
    EXPECT_EQ(format_answer({spin_work::sleep}), "Answer: 42\n");
    EXPECT_EQ(format_answer({spin_work::block}), "Answer: 42\n");
    EXPECT_EQ(format_answer({spin_work::prime, 5'000'011, true}), "5,000,011 is prime\n");
    EXPECT_EQ(format_answer({spin_work::prime, 1'000'001, false}), "1,000,001 is not prime\n");
}

TEST(spin_report_test, stats_lines) {
    spin_summary summary;
    summary.stats.frames = 20;
    summary.stats.longest_gap_ns = 100'400'000;
    summary.work_time = std::chrono::milliseconds{2000};
    summary.cpu_user = std::chrono::milliseconds{1};
    summary.cpu_system = std::chrono::milliseconds{2};
    EXPECT_EQ(format_spin_stats(summary),
              "frames drawn: 20\n"
              "longest gap between frames: 0.100s\n"
              "work wall time: 2.000s (time stopped by Ctrl-Z included)\n"
              "CPU time: 0.003s (user 0.001s, system 0.002s)\n");
}

spin_summary a_complete_sleep() {
    spin_summary summary;
    summary.model = execution_model::process;
    summary.answer = {spin_work::sleep};
    summary.spinner_object = "<child process pid=7 parent=6 (spin)>";
    summary.stats.frames = 20;
    summary.stats.longest_gap_ns = 100'400'000;
    summary.work_time = std::chrono::milliseconds{2000};
    summary.cpu_user = std::chrono::milliseconds{1};
    summary.cpu_system = std::chrono::microseconds{2500};
    return summary;
}

TEST(spin_report_test, the_json_document_of_a_complete_run) {
    EXPECT_EQ(format_spin_json(a_complete_sleep()),
              "{\n"
              "  \"command\": \"spin\",\n"
              "  \"model\": \"process\",\n"
              "  \"work\": \"sleep\",\n"
              "  \"nap\": null,\n"
              "  \"spinner_object\": \"<child process pid=7 parent=6 (spin)>\",\n"
              "  \"answer\": 42,\n"
              "  \"frames\": 20,\n"
              "  \"longest_gap\": 0.100400000,\n"
              "  \"work_elapsed\": 2.000000000,\n"
              "  \"cpu_user\": 0.001000000,\n"
              "  \"cpu_system\": 0.002500000,\n"
              "  \"ending\": \"complete\",\n"
              "  \"lost_spinner\": null\n"
              "}\n");
}

TEST(spin_report_test, a_lost_spinner_child_is_named_in_the_document) {
    spin_summary summary = a_complete_sleep();
    summary.ending = spin_ending::spinner_lost;
    summary.lost = lost_spinner{7, "was killed by SIGKILL"};
    const std::string document = format_spin_json(summary);
    EXPECT_NE(document.find("  \"answer\": 42,\n"), std::string::npos) << document;  // the work was done
    EXPECT_NE(document.find("  \"ending\": \"spinner_lost\",\n"
                            "  \"lost_spinner\": {\"pid\": 7, \"how\": \"was killed by SIGKILL\"}\n"),
              std::string::npos)
        << document;
}

TEST(spin_report_test, an_interrupted_run_has_no_answer_and_says_what_it_had_not_begun) {
    spin_summary summary;
    summary.model = execution_model::coroutine;
    summary.answer = {spin_work::prime, 4'000'000'000'000'000'037ULL, false};
    summary.nap = 1000;
    summary.ending = spin_ending::interrupted;
    const std::string document = format_spin_json(summary);
    for (const char* line : {"  \"nap\": 1000,\n", "  \"spinner_object\": null,\n",
                             "  \"number\": 4000000000000000037,\n", "  \"prime\": null,\n",
                             "  \"work_elapsed\": null,\n", "  \"ending\": \"interrupted\",\n"}) {
        EXPECT_NE(document.find(line), std::string::npos) << line << document;
    }
    summary.answer = {spin_work::block};
    EXPECT_NE(format_spin_json(summary).find("  \"answer\": null,\n"), std::string::npos);
}

TEST(spin_report_test, the_largest_document_fits_its_room) {
    spin_summary summary = a_complete_sleep();
    const std::string object = "<std::thread id=18446744073709551615 (spin)> and far more than concur writes";
    summary.spinner_object = object;
    summary.answer = {spin_work::prime, 18446744073709551615ULL, true};
    summary.nap = 1'000'000'000;
    summary.stats.frames = 18446744073709551615ULL;
    summary.ending = spin_ending::spinner_lost;
    summary.lost = lost_spinner{2147483647, "was killed by SIGKILL, a name longer than any signal has"};
    EXPECT_LT(format_spin_json(summary).size(), spin_json_room / 2);
}

}  // namespace
