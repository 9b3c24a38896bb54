// Tests for run_primes: what `concur primes` writes and returns, captured in memory.
#include "concur/demos/primes_pool.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/sys/io.hpp"
#include "concur/sys/pipe.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace {

using namespace concur;

struct captured {
    int status = -1;
    string_sink out;
    string_sink err;
};

captured run(const primes_options& options) {
    captured run;
    run.status = run_primes(options, run.out, run.err);
    return run;
}

primes_options checking(execution_model model, unsigned workers, std::vector<std::uint64_t> numbers) {
    primes_options options;
    options.model = model;
    options.workers = workers;
    options.numbers = std::move(numbers);
    return options;
}

/// The seed's line for one result: the number right-aligned in 16 columns, P if prime.
std::string result_line(std::uint64_t number, bool prime) {
    std::string line = std::to_string(number);
    line.insert(0, 16 - line.size(), ' ');
    return line + (prime ? "  P  " : "     ");
}

TEST(primes_pool_test, prints_the_header_every_result_and_the_summary) {
    for (const execution_model model : {execution_model::process, execution_model::thread}) {
        const captured done = run(checking(model, 2, {7, 8, 9}));
        const std::string unit = model == execution_model::process ? "processes" : "threads";
        EXPECT_EQ(done.status, exit_status::success);
        EXPECT_EQ(done.out.text().rfind("Checking 3 numbers with 2 " + unit + ":\n", 0), 0U) << done.out.text();
        for (const auto& [n, prime] : {std::pair{7, true}, std::pair{8, false}, std::pair{9, false}}) {
            EXPECT_NE(done.out.text().find(result_line(static_cast<std::uint64_t>(n), prime)), std::string::npos) << n;
        }
        EXPECT_TRUE(std::regex_search(done.out.text(), std::regex{"\n3 checks in [0-9]+\\.[0-9]{2}s\n$"}))
            << done.out.text();
        EXPECT_EQ(done.err.text(), "");
    }
}

TEST(primes_pool_test, takes_the_worker_count_it_is_given) {
    const captured done = run([] {
        auto options = checking(execution_model::thread, 3, {2, 3, 5, 7});
        options.json = true;
        return options;
    }());
    EXPECT_EQ(done.status, exit_status::success);
    EXPECT_NE(done.out.text().find("\"workers\": 3,"), std::string::npos) << done.out.text();
    // One busy-time entry per worker: the pool started exactly as many as it was given.
    EXPECT_NE(done.out.text().find("{\"worker\": 3,"), std::string::npos);
    EXPECT_EQ(done.out.text().find("{\"worker\": 4,"), std::string::npos);
}

TEST(primes_pool_test, a_json_document_is_whole_and_names_its_ending) {
    auto options = checking(execution_model::process, 2, {0, 1, 2});
    options.json = true;
    const captured done = run(options);
    EXPECT_EQ(done.status, exit_status::success);
    EXPECT_EQ(done.out.text().rfind("{\n  \"command\": \"primes\",\n  \"model\": \"process\",", 0), 0U);
    EXPECT_NE(done.out.text().find("\"checked\": 3,"), std::string::npos);
    EXPECT_NE(done.out.text().find("\"ending\": \"complete\","), std::string::npos);
    EXPECT_EQ(done.out.text().substr(done.out.text().size() - 2), "}\n");
}

TEST(primes_pool_test, bad_input_on_the_stream_is_one_line_and_a_usage_status) {
    for (const bool json : {false, true}) {
        auto input = sys::make_pipe();
        sys::write_all(input.write_end.get(), "7\n11\nx\n13\n");
        input.write_end.reset();
        primes_options options = checking(execution_model::process, 2, {});
        options.from_stdin = true;
        options.stdin_fd = input.read_end.get();
        options.json = json;
        const captured done = run(options);

        EXPECT_EQ(done.status, exit_status::usage);
        // 7 and 11 came in the same read as the bad token: read, never checked, and named (by
        // the document's "unchecked" with --json, on the error line without).
        EXPECT_EQ(done.err.text(),
                  fmt::format("concur: standard input line 3: 'x' is not a number concur can check; allowed: decimal "
                              "digits only, from 0 to 18446744073709551615{} (see 'concur primes --help')\n",
                              json ? "" : "; read before it and not checked: 7, 11"));
        EXPECT_EQ(done.out.text().find(" checks in "), std::string::npos);  // nothing looks complete
        if (json) {
            EXPECT_NE(done.out.text().find("\"ending\": \"bad_input\","), std::string::npos);
            EXPECT_NE(done.out.text().find("\"unchecked\": [7, 11],"), std::string::npos);
            EXPECT_NE(done.out.text().find("\"imbalance\": null"), std::string::npos);
        }
    }
}

}  // namespace
