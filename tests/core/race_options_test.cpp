// Tests for race_options: the names --sync takes, its lists, and the checks that refuse the rest.
#include "concur/core/race_options.hpp"

#include "concur/core/usage_error.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace concur;

std::string refusal(const auto& attempt) {
    try {
        attempt();
    } catch (const usage_error& error) {
        return error.what();
    }
    return "accepted";
}

TEST(race_options_test, every_way_has_a_name_that_parses_back_and_two_models_race) {
    for (const race_sync sync : all_race_syncs) EXPECT_EQ(parse_race_sync(race_sync_name(sync)), sync);
    EXPECT_EQ(race_sync_name(race_sync::false_sharing), "false-sharing");
    EXPECT_FALSE(parse_race_sync("false_sharing"));
    EXPECT_TRUE(race_offers_model(execution_model::thread));
    EXPECT_TRUE(race_offers_model(execution_model::process));
    EXPECT_FALSE(race_offers_model(execution_model::coroutine));  // one thing at a time: no race
    EXPECT_FALSE(race_offers_model(execution_model::sequential));
}

TEST(race_options_test, lists_come_back_in_the_tables_order_without_repeats) {
    EXPECT_EQ(parse_race_syncs("atomic"), (std::vector{race_sync::atomic}));
    EXPECT_EQ(parse_race_syncs("false-sharing,none,atomic,none"),
              (std::vector{race_sync::none, race_sync::atomic, race_sync::false_sharing}));
    EXPECT_EQ(parse_race_syncs("none,mutex,atomic,local,false-sharing").size(), 5U);
}

TEST(race_options_test, a_bad_name_is_refused_in_concurs_shape) {
    const std::string allowed = "; allowed: none, mutex, atomic, local, false-sharing, or several of them separated "
                                "by commas";
    EXPECT_EQ(refusal([] { (void)parse_race_syncs("lock"); }), "'lock' is not a way to synchronise" + allowed);
    EXPECT_EQ(refusal([] { (void)parse_race_syncs("none,lock"); }),
              "'none,lock' is not a list of ways to synchronise ('lock' is not one)" + allowed);
    EXPECT_EQ(refusal([] { (void)parse_race_syncs("none,"); }),
              "'none,' is not a list of ways to synchronise (an empty name)" + allowed);
    EXPECT_EQ(refusal([] { (void)parse_race_syncs(""); }), "'' is not a way to synchronise" + allowed);
    EXPECT_EQ(refusal([] { (void)parse_race_syncs("NONE"); }), "'NONE' is not a way to synchronise" + allowed);
    EXPECT_EQ(refusal([] { (void)parse_race_syncs("a\nb"); }), "'a\\x0ab' is not a way to synchronise" + allowed);
}

TEST(race_options_test, defaults_pass_and_every_field_is_checked_with_its_option_named) {
    EXPECT_EQ(refusal([] { check_race_options({}); }), "accepted");
    race_options options;
    options.threads = 0;
    EXPECT_EQ(refusal([&] { check_race_options(options); }),
              "--threads: '0' is not a thread count; allowed: a whole number from 1 to 512");
    options.threads = 513;
    EXPECT_NE(refusal([&] { check_race_options(options); }).find("'513'"), std::string::npos);
    options.threads = 512;
    options.count = race_max_count;
    EXPECT_EQ(refusal([&] { check_race_options(options); }), "accepted");
    options.count = race_max_count + 1;
    EXPECT_EQ(refusal([&] { check_race_options(options); }),
              "--count: '10000000001' is not a count of increments; allowed: a whole number from 1 to 10000000000");
    options.count = 0;
    EXPECT_NE(refusal([&] { check_race_options(options); }).find("--count: '0'"), std::string::npos);
    options.count = 1;
    options.model = execution_model::coroutine;
    EXPECT_EQ(refusal([&] { check_race_options(options); }),
              "--model: 'coroutine' is not a model concur race offers; allowed: thread, process");
    options.model = execution_model::thread;
    options.syncs.clear();
    EXPECT_NE(refusal([&] { check_race_options(options); }).find("--sync: ''"), std::string::npos);
}

TEST(race_options_test, processes_offer_none_and_atomic_only) {
    race_options options;
    options.model = execution_model::process;
    options.syncs = {race_sync::none, race_sync::atomic};
    EXPECT_EQ(refusal([&] { check_race_options(options); }), "accepted");
    for (const race_sync sync : {race_sync::mutex, race_sync::local, race_sync::false_sharing}) {
        options.syncs = {race_sync::none, sync};
        EXPECT_EQ(refusal([&] { check_race_options(options); }),
                  fmt::format("--sync: '{}' is not a way to synchronise processes; allowed: none, atomic, or both "
                              "separated by a comma (with --model=process)",
                              race_sync_name(sync)));
    }
    EXPECT_EQ(race_syncs_allowed(execution_model::process), "none, atomic, or both separated by a comma");
}

}  // namespace
