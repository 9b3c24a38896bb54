// Tests for pool_loop: when the one pool loop ends, and how it judges a worker that ended.
#include "concur/runtime/pool_loop.hpp"

#include "support/collecting_listener.hpp"

#include <gtest/gtest.h>

#include <poll.h>

#include <csignal>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace {

using namespace concur;

using concur::testing::collecting_listener;
using concur::testing::count_answers;

/// A transport whose workers the test plays, on the test's own thread: no process, no thread,
/// no timing. A job is handed to a worker the moment the loop sends it, and what the worker
/// answers waits in `arrived` until the loop's next receive. If the loop ever waits while
/// nothing is left to come, wait() throws instead of hanging: a loop that ignored done
/// records, and waited for something else to end the run, fails here.
class scripted_transport final : public pool_transport {
public:
    explicit scripted_transport(bool children) : children_(children) {}

    // The script.
    std::function<void(const job_record&)> on_send;  // the workers' side: who takes the job
    std::function<void()> on_wait;                   // runs each time the loop waits
    std::function<bool()> full;                      // no room for a job now (default: always room)

    // What the workers did, as the loop will learn it.
    std::deque<result_record> arrived;               // sent, not yet received
    std::vector<std::pair<unsigned, sys::child_exit>> ended;  // reported at the next SIGCHLD
    bool results_over = false;                       // end-of-file once `arrived` is empty
    std::map<unsigned, sys::child_exit> ends;        // what wait_for_end says (default: exited 0)

    std::map<unsigned, result_record> outboxes;      // verdicts made and not sent, by worker

    // What the loop did.
    std::vector<job_record> sent;
    std::vector<std::pair<unsigned, worker_state>> waited_for;  // worker, and its state then
    bool stopped = false;
    bool read_while_running = false;                 // delivered a result before stop_workers

    void answer(unsigned worker, const job_record& job) {
        result_record record;
        record.kind = result_kind::verdicts;
        record.worker = worker;
        record.batch = job.batch;
        record.count = job.count;
        for (std::uint32_t i = 0; i < job.count; ++i) record.verdicts[i] = verdict{job.numbers[i], 1, 0, 0};
        arrived.push_back(record);
    }
    void say_done(unsigned worker) {
        result_record record;
        record.kind = result_kind::done;
        record.worker = worker;
        arrived.push_back(record);
    }
    void take_and_die(unsigned worker, const job_record& job) { activities_[worker - 1].begin(job.numbers[0]); }

    void prepare(std::span<worker_slot> slots) override {
        slots_ = slots;
        activities_ = std::make_unique<worker_activity[]>(slots.size());
        for (worker_slot& slot : slots) slot.activity = &activities_[slot.number - 1];
    }
    void start_worker(worker_slot& slot) override { slot.system_id = 1000 + slot.number; }
    send_outcome send(const job_record& job) override {
        if (full && full()) return send_outcome::full;
        sent.push_back(job);
        if (on_send) on_send(job);
        return send_outcome::sent;
    }
    receive_outcome receive(const std::function<void(const result_record&)>& deliver) override {
        if (arrived.empty()) return results_over ? receive_outcome::no_more : receive_outcome::nothing;
        while (!arrived.empty()) {
            const result_record record = arrived.front();
            arrived.pop_front();
            read_while_running = read_while_running || !stopped;
            deliver(record);
        }
        return receive_outcome::some;
    }
    pool_wakeup wait(const pool_wait& what) override {
        if (on_wait) on_wait();
        pollfd signal{what.signal_fd, POLLIN, 0};
        const bool signalled = ::poll(&signal, 1, 0) == 1;
        const bool results = !arrived.empty() || results_over;
        if (!signalled && !results && !what.job_waiting) {
            throw std::logic_error("the loop waits, and nothing is left to come");
        }
        return {.signal = signalled, .results = results, .room = what.job_waiting};
    }
    [[nodiscard]] bool workers_are_children() const noexcept override { return children_; }
    std::vector<std::pair<worker_slot*, sys::child_exit>> take_ended(std::span<worker_slot> slots) override {
        std::vector<std::pair<worker_slot*, sys::child_exit>> taken;
        for (const auto& [worker, how] : ended) taken.emplace_back(&slots[worker - 1], how);
        ended.clear();
        return taken;
    }
    sys::child_exit wait_for_end(worker_slot& slot) override {
        waited_for.emplace_back(slot.number, slot.state);
        const auto found = ends.find(slot.number);
        return found != ends.end() ? found->second : sys::child_exit{true, 0};
    }
    void stop_workers(std::span<worker_slot> slots) noexcept override {
        for (const worker_slot& slot : slots) stopped = stopped || slot.running();
    }
    [[nodiscard]] std::optional<result_record> unsent_verdicts(const worker_slot& slot) const override {
        const auto found = outboxes.find(slot.number);
        if (found == outboxes.end()) return std::nullopt;
        return found->second;
    }

private:
    bool children_;
    std::span<worker_slot> slots_;
    std::unique_ptr<worker_activity[]> activities_;
};

/// Every number travels alone, so each job is one number and the script can tell them apart.
std::uint64_t one_budget(std::uint64_t /*n*/) noexcept { return std::uint64_t{1} << 19; }
const pool_options two_workers{2, trial_simple_check, batch_planner{one_budget}};

const sys::child_exit killed{false, SIGKILL};

struct run_outcome {
    pool_report report;
    collecting_listener listener;
};

/// Runs the pool on 11, 12 and 13 with two workers played by `transport`'s script.
run_outcome run_on(scripted_transport& transport) {
    list_source source{{11, 12, 13}};
    run_outcome run;
    EXPECT_NO_THROW(run.report = run_pool(transport, source, two_workers, run.listener));
    return run;
}

/// The usual script: worker 1 takes the first job, worker 2 every other; each pill is one
/// worker's, which answers done. With `worker_1_dies_on_its_job`, worker 1 takes its job and
/// dies holding it: it answers nothing, not even its pill.
void play_workers(scripted_transport& transport, bool worker_1_dies_on_its_job = false) {
    transport.on_send = [&transport, worker_1_dies_on_its_job, jobs = 0U, pills = 0U](const job_record& job) mutable {
        if (job.kind == job_kind::poison_pill) {
            const unsigned worker = ++pills;
            if (worker == 1 && worker_1_dies_on_its_job) return;  // a dead worker takes no pill
            if (worker <= 2) transport.say_done(worker);
            return;
        }
        const unsigned worker = ++jobs == 1 ? 1 : 2;
        if (worker == 1 && worker_1_dies_on_its_job) {
            transport.take_and_die(1, job);
        } else {
            transport.answer(worker, job);
        }
    };
}

TEST(pool_loop_test, ends_on_the_last_done_record_without_waiting_for_anything_else) {
    scripted_transport transport{false};
    play_workers(transport);
    const auto [report, listener] = run_on(transport);

    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{11, 1}, {12, 1}, {13, 1}}));
    EXPECT_TRUE(report.lost_workers.empty());
    // Each worker is waited for (reaped, joined) only once it has said done.
    EXPECT_EQ(transport.waited_for, (std::vector<std::pair<unsigned, worker_state>>{
                                        {1, worker_state::said_done}, {2, worker_state::said_done}}));
}

TEST(pool_loop_test, a_worker_whose_exit_is_seen_before_its_done_record_is_read_is_not_lost) {
    // Both workers said done and exited; SIGCHLD is taken before the results are read (signals
    // come first in a turn). A loop that judged them before reading what they sent, or that
    // did not count done records, would report both lost.
    scripted_transport transport{true};
    play_workers(transport);
    transport.on_wait = [&transport] {
        if (transport.arrived.empty()) return;
        transport.ended = {{1, {true, 0}}, {2, {true, 0}}};
        ::raise(SIGCHLD);
    };
    const auto [report, listener] = run_on(transport);

    EXPECT_EQ(report.ending, pool_ending::complete);
    EXPECT_TRUE(report.lost_workers.empty());
    EXPECT_TRUE(listener.lost_workers.empty());
    EXPECT_EQ(listener.results.size(), 3U);
    EXPECT_TRUE(transport.waited_for.empty());  // both were reaped already
}

TEST(pool_loop_test, a_worker_that_ends_without_done_is_lost_and_no_longer_waited_for) {
    scripted_transport transport{true};
    play_workers(transport, true);
    transport.on_wait = [&transport, reported = false]() mutable {
        if (reported) return;
        reported = true;
        transport.ended = {{1, killed}};
        ::raise(SIGCHLD);
    };
    const auto [report, listener] = run_on(transport);

    EXPECT_EQ(report.ending, pool_ending::worker_lost);
    ASSERT_EQ(report.lost_workers.size(), 1U);
    const lost_worker& lost = report.lost_workers.front();
    EXPECT_EQ(lost.worker, 1U);
    EXPECT_EQ(lost.pid, 1001);
    EXPECT_EQ(lost.how.describe(), "was killed by SIGKILL");
    EXPECT_EQ(lost.checking, std::optional<std::uint64_t>{11});
    EXPECT_EQ(listener.lost_workers.size(), 1U);
    EXPECT_EQ(report.unchecked, std::vector<std::uint64_t>{11});
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{12, 1}, {13, 1}}));
}

TEST(pool_loop_test, end_of_file_on_the_results_stops_the_wait_for_workers_that_never_said_done) {
    // No SIGCHLD here (threads, or a transport that cannot tell): end-of-file says every
    // worker has exited, and the silent one is then reaped and judged.
    scripted_transport transport{false};
    play_workers(transport, true);
    transport.ends[1] = killed;
    transport.on_wait = [&transport] { transport.results_over = true; };
    const auto [report, listener] = run_on(transport);

    EXPECT_EQ(report.ending, pool_ending::worker_lost);
    ASSERT_EQ(report.lost_workers.size(), 1U);
    EXPECT_EQ(report.lost_workers.front().worker, 1U);
    EXPECT_EQ(report.lost_workers.front().checking, std::optional<std::uint64_t>{11});
    EXPECT_EQ(report.unchecked, std::vector<std::uint64_t>{11});
    ASSERT_FALSE(transport.waited_for.empty());
    EXPECT_EQ(transport.waited_for.front(), std::make_pair(1U, worker_state::working));
}

TEST(pool_loop_test, an_interrupt_stops_the_workers_then_takes_every_check_they_finished) {
    // One batch of 11, 12 and 13 for worker 1. It has sent 11's verdict, made 12's (its outbox
    // still holds 11 and 12: it was stopped before emptying it) and was checking 13. A check
    // that finished is an answer, sent or not, and never twice; a stopped one is none.
    scripted_transport transport{true};
    transport.on_send = [&transport](const job_record& job) {
        if (job.kind != job_kind::numbers) return;  // the workers are stopped before any pill
        result_record sent;
        sent.kind = result_kind::verdicts;
        sent.worker = 1;
        sent.batch = job.batch;
        sent.count = 1;
        sent.verdicts[0] = verdict{11, 1, 1, 0};
        transport.arrived.push_back(sent);
        result_record outbox = sent;
        outbox.count = 2;
        outbox.verdicts[1] = verdict{12, 1, 0, 0};
        transport.outboxes[1] = outbox;
        transport.take_and_die(1, job);  // busy with a number
    };
    transport.on_wait = [] { ::raise(SIGINT); };
    list_source source{{11, 12, 13}};
    collecting_listener listener;
    const pool_report report = run_pool(transport, source, {2, trial_simple_check, {}}, listener);

    EXPECT_EQ(report.ending, pool_ending::interrupted);
    EXPECT_EQ(report.interrupt_signal, SIGINT);
    EXPECT_TRUE(transport.stopped);
    EXPECT_FALSE(transport.read_while_running);  // read only once every worker is stopped
    EXPECT_TRUE(report.lost_workers.empty());
    EXPECT_EQ(count_answers(listener.results), (std::map<std::uint64_t, int>{{11, 1}, {12, 1}}));
    EXPECT_EQ(report.checked, 2U);
    EXPECT_EQ(report.unchecked, std::vector<std::uint64_t>{13});
}

TEST(pool_loop_test, with_keep_order_a_slow_first_number_stops_new_jobs_at_the_bound_and_then_they_resume) {
    // Worker 1 takes the first number and answers it only when the loop has nothing else to
    // wait for; worker 2 answers every other number at once. The channel holds one answer
    // unread at a time, so the loop reads results between jobs, as a real pipe makes it do.
    scripted_transport transport{false};
    std::optional<job_record> slow;
    transport.on_send = [&transport, &slow, pills = 0U](const job_record& job) mutable {
        if (job.kind == job_kind::poison_pill) {
            transport.say_done(++pills);
        } else if (!slow) {
            slow = job;
        } else {
            transport.answer(2, job);
        }
    };
    transport.full = [&transport] { return !transport.arrived.empty(); };
    std::size_t sent_while_stalled = 0;
    bool slow_answered = false;
    transport.on_wait = [&] {
        if (slow_answered || !transport.arrived.empty()) return;
        sent_while_stalled = transport.sent.size();
        transport.answer(1, *slow);
        slow_answered = true;
    };
    std::vector<std::uint64_t> numbers(20);
    std::iota(numbers.begin(), numbers.end(), 100);
    list_source source{numbers};
    collecting_listener listener;
    pool_options options = two_workers;
    options.keep_order = true;
    options.held_results_bound = 2;
    const pool_report report = run_pool(transport, source, options, listener);

    EXPECT_EQ(report.ending, pool_ending::complete);
    // Out before the slow one came in: itself, the two held for it, and the one the loop had
    // already taken and was waiting for room to send when the bound filled. The other 16
    // waited.
    EXPECT_EQ(sent_while_stalled, 4U);
    std::vector<std::uint64_t> printed;
    for (const auto& result : listener.results) printed.push_back(result.number);
    EXPECT_EQ(printed, numbers);
}

}  // namespace
