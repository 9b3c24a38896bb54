// Tests for prime_method: names and methods map both ways, and every method gives the same answers.
#include "concur/core/fixtures.hpp"
#include "concur/core/prime_method.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using concur::prime_method;

TEST(prime_method_test, names_round_trip_and_the_default_comes_first) {
    const auto methods = concur::prime_methods();
    ASSERT_EQ(methods.size(), 3U);
    EXPECT_EQ(methods.front().method, prime_method::trial);
    for (const auto& info : methods) {
        EXPECT_EQ(concur::find_prime_method(info.name), info.method);
        EXPECT_EQ(concur::describe(info.method).name, info.name);
        EXPECT_NE(std::string{concur::prime_method_names()}.find(info.name), std::string::npos) << info.name;
    }
    EXPECT_EQ(concur::find_prime_method("trial-simple"), prime_method::trial_simple);
    EXPECT_EQ(concur::find_prime_method("miller-rabin"), prime_method::miller_rabin);
    EXPECT_FALSE(concur::find_prime_method("Trial").has_value());
    EXPECT_FALSE(concur::find_prime_method("").has_value());
}

TEST(prime_method_test, every_method_answers_the_seed_list) {
    concur::check_control never_stopped;
    for (const auto& info : concur::prime_methods()) {
        for (const auto& known : concur::seed_numbers()) {
            EXPECT_EQ(info.check(known.value, never_stopped), concur::verdict_of(known.prime))
                << info.name << " " << known.value;
        }
    }
}

TEST(prime_method_test, fast_methods_answer_the_book_fixture) {
    // trial-simple (the seed's loop) is checked on the book fixture by is_prime_test.
    concur::check_control never_stopped;
    for (const prime_method method : {prime_method::trial, prime_method::miller_rabin}) {
        const auto& info = concur::describe(method);
        for (const auto& known : concur::book_numbers()) {
            EXPECT_EQ(info.check(known.value, never_stopped), concur::verdict_of(known.prime))
                << info.name << " " << known.value;
        }
    }
}

TEST(prime_method_test, estimates_rank_the_methods_by_cost) {
    constexpr std::uint64_t big = 9999999999999917;
    const auto cost = [](prime_method method) { return concur::describe(method).estimate(big); };
    EXPECT_LT(cost(prime_method::miller_rabin), cost(prime_method::trial));
    EXPECT_LT(cost(prime_method::trial), cost(prime_method::trial_simple));
}

}  // namespace
