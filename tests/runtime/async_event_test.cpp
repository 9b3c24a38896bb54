// Tests for async_event: waiting, waking in order, cancellation, a round trip between two tasks.
#include "concur/runtime/async_event.hpp"

#include "concur/runtime/cancelled.hpp"
#include "support/manual_clock.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace concur;
using concur::testing::manual_clock;

task<void> wait_and_log(async_event& event, std::string name, std::vector<std::string>& log) {
    co_await event.wait();
    log.push_back(name);
}

TEST(async_event_test, a_set_event_does_not_suspend) {
    manual_clock clock;
    event_loop loop{clock};
    async_event event;
    event.set();
    std::vector<std::string> log;
    loop.spawn(wait_and_log(event, "through", log));
    loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"through"}));
}

TEST(async_event_test, set_wakes_every_waiter_in_a_later_turn_in_arrival_order) {
    manual_clock clock;
    event_loop loop{clock};
    async_event event;
    std::vector<std::string> log;
    for (const char* name : {"first", "second", "third"}) loop.spawn(wait_and_log(event, name, log));
    loop.run_one_turn();
    EXPECT_TRUE(log.empty());
    EXPECT_EQ(loop.ready_count(), 0U);
    event.set();  // nobody runs inside set(): the waiters are queued
    EXPECT_TRUE(log.empty());
    EXPECT_EQ(loop.ready_count(), 3U);
    loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"first", "second", "third"}));
    EXPECT_TRUE(clock.sleeps.empty());
}

TEST(async_event_test, clear_makes_later_waits_suspend) {
    manual_clock clock;
    event_loop loop{clock};
    async_event event;
    event.set();
    event.clear();
    EXPECT_FALSE(event.is_set());
    std::vector<std::string> log;
    loop.spawn(wait_and_log(event, "woken", log));
    loop.run_one_turn();
    EXPECT_TRUE(log.empty());
    event.set();
    loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"woken"}));
}

TEST(async_event_test, a_cancelled_waiter_leaves_the_event) {
    manual_clock clock;
    event_loop loop{clock};
    async_event event;
    std::vector<std::string> log;
    auto cancelled_waiter = loop.spawn(wait_and_log(event, "cancelled one", log));
    loop.spawn(wait_and_log(event, "other", log));
    loop.run_one_turn();
    cancelled_waiter.cancel();
    loop.run_one_turn();
    EXPECT_TRUE(cancelled_waiter.was_cancelled());
    event.set();
    loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"other"}));
}

task<void> pinger(async_event& ping, async_event& pong, int rounds, std::vector<std::string>& log) {
    for (int i = 0; i < rounds; ++i) {
        log.push_back("ping");
        ping.set();
        co_await pong.wait();
        pong.clear();
    }
}

task<void> ponger(async_event& ping, async_event& pong, int rounds, std::vector<std::string>& log) {
    for (int i = 0; i < rounds; ++i) {
        co_await ping.wait();
        ping.clear();
        log.push_back("pong");
        pong.set();
    }
}

TEST(async_event_test, two_events_make_a_round_trip_between_two_tasks) {
    manual_clock clock;
    event_loop loop{clock};
    async_event ping;
    async_event pong;
    std::vector<std::string> log;
    auto a = loop.spawn(pinger(ping, pong, 3, log));
    auto b = loop.spawn(ponger(ping, pong, 3, log));
    while (!a.done() || !b.done()) loop.run_one_turn();
    EXPECT_EQ(log, (std::vector<std::string>{"ping", "pong", "ping", "pong", "ping", "pong"}));
    EXPECT_TRUE(clock.sleeps.empty());
}

}  // namespace
