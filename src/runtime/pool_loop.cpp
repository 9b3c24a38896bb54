// pool_loop: the parent's loop every prime pool runs, whatever carries its records (the book's report()).
#include "concur/runtime/pool_loop.hpp"

#include <csignal>
#include <stdexcept>

namespace concur {
namespace {

/// SIGCHLD only when the workers are child processes: nothing else in a pool raises it, and
/// catching it would change for the run a disposition the caller may rely on (SIG_IGN reaps).
sys::signal_pipe watch_signals(bool workers_are_children) {
    return workers_are_children ? sys::signal_pipe{SIGINT, SIGTERM, SIGCHLD} : sys::signal_pipe{SIGINT, SIGTERM};
}

}  // namespace

pool_loop::pool_loop(pool_transport& transport, number_source& source, const pool_options& options,
                     pool_listener& listener)
    : slots_(options.workers), transport_(transport), listener_(listener),
      ledger_(source, options.planner, static_cast<unsigned>(slots_.size()), listener, report_, options.keep_order,
              options.held_results_bound),
      signals_(watch_signals(transport.workers_are_children())) {
    for (std::size_t index = 0; index < slots_.size(); ++index) slots_[index].number = static_cast<unsigned>(index + 1);
    transport_.prepare(slots_);
}

pool_loop::~pool_loop() { stop_every_worker(); }

pool_report pool_loop::run() {
    std::vector<const worker_activity*> activities;
    for (const worker_slot& slot : slots_) activities.push_back(slot.activity);
    const watched_workers watched{listener_, std::move(activities)};  // a display may read them until run() ends
    // The first jobs go out before any worker starts, so each worker finds work the moment it
    // starts, instead of waiting for the parent to finish starting the others and get a CPU
    // back (on two CPUs, two new workers can keep it from the parent).
    send_jobs();
    for (worker_slot& slot : slots_) start(slot);
    transport_.first_workers_started();
    // The book's report(): `while procs_done < procs`. A lost worker will never say done: it
    // is no longer waited for, and the others' done records end the run.
    while (state_ == run_state::running && workers_done_ + workers_lost_ < slots_.size()) turn();
    return finish();
}

void pool_loop::start(worker_slot& slot) {
    transport_.start_worker(slot);
    slot.state = worker_state::working;
    listener_.on_worker_started(slot.number, slot.system_id);
}

/// One turn of the loop, in this order:
/// 1. take the next job from the ledger, if one is ready;
/// 2. wait, the transport's way, until something can move: a signal, a result, room for the
///    job, or standard input;
/// 3. signals first: an interrupt ends the run; a worker process that ended is judged;
/// 4. results: verdicts go to the listener, done records are counted;
/// 5. jobs, as many as there is room for;
/// 6. input, a chunk, when the ledger asked for it.
void pool_loop::turn() {
    if (!next_job_) next_job_ = ledger_.take_next_record();                                     // 1
    const pool_wakeup woke = transport_.wait({signals_.fd(), ledger_.input_fd(), next_job_.has_value()});  // 2
    if (woke.signal) take_signals();                                                              // 3
    if (state_ != run_state::running) return;
    if (woke.results && receive_results() == receive_outcome::no_more) judge_running_workers();  // 4
    if (woke.room) send_jobs();                                                                   // 5
    if (woke.input) ledger_.read_input();                                                         // 6
}

/// Sends jobs until none is ready or the transport has no room for the next.
void pool_loop::send_jobs() {
    for (;;) {
        if (!next_job_) next_job_ = ledger_.take_next_record();
        if (!next_job_) return;
        switch (transport_.send(*next_job_)) {
            case send_outcome::sent: next_job_.reset(); break;
            case send_outcome::full: return;  // wait for room
            case send_outcome::no_receiver:
                // Every worker is gone: nothing more can be sent. A batch already taken stays
                // in flight, so its numbers are listed unchecked.
                ledger_.stop_sending();
                next_job_.reset();
                return;
        }
    }
}

receive_outcome pool_loop::receive_results() {
    bool delivered = false;
    const receive_outcome outcome = transport_.receive([&](const result_record& record) {
        accept(record);
        delivered = true;
    });
    // After each group of results, before waiting again: a person watching sees each answer.
    if (delivered) listener_.flush();
    return outcome;
}

void pool_loop::accept(const result_record& record) {
    if (record.worker == 0 || record.worker > slots_.size()) {
        throw std::runtime_error("a result came from an unknown worker");
    }
    worker_slot& slot = slots_[record.worker - 1];
    if (record.kind == result_kind::done) {  // the book's `if n == 0: procs_done += 1`
        if (slot.state == worker_state::stopped) return;  // said done just before the stop
        if (slot.state != worker_state::working) throw std::runtime_error("a worker said done twice");
        slot.state = worker_state::said_done;
        ++workers_done_;
        return;
    }
    ledger_.accept(record);
    answered(slot);
}

/// Interrupts first, then exits: a worker that ended in the same instant as a Ctrl-C is then
/// judged knowing the run was interrupted, whatever order the signals came in.
void pool_loop::take_signals() {
    bool child_ended = false;
    while (const auto signal = signals_.take()) {
        if (*signal == SIGCHLD) {
            child_ended = true;
        } else if (state_ == run_state::running) {
            state_ = run_state::interrupted;
            report_.interrupt_signal = *signal;
        }
    }
    if (child_ended) judge_ended_workers();
}

void pool_loop::judge_ended_workers() {
    const auto ended = transport_.take_ended(slots_);
    if (ended.empty()) return;
    // A worker writes its last records, then exits. Everything an ended worker wrote is
    // therefore already on its way: read it before judging, or a worker that said done just
    // before exiting would look like one that died without saying it.
    receive_outcome outcome = receive_outcome::some;
    while (outcome == receive_outcome::some) outcome = receive_results();
    for (const auto& [slot, how] : ended) judge(*slot, how);
    if (outcome == receive_outcome::no_more) judge_running_workers();
}

/// The backstop: no result can come any more (every worker has exited), or every worker has
/// said done. Each worker still running is waited for (it has exited, or is exiting) and judged.
void pool_loop::judge_running_workers() {
    for (worker_slot& slot : slots_) {
        if (slot.running()) judge(slot, transport_.wait_for_end(slot));
    }
}

/// A worker has ended. Said done and ended cleanly: finished. Otherwise it is lost, reported
/// with the number it was checking, and not waited for any more (unless replaced).
void pool_loop::judge(worker_slot& slot, const sys::child_exit& how) {
    const bool said_done = slot.state == worker_state::said_done;
    if (said_done && how.success()) {
        slot.state = worker_state::finished;
        return;
    }
    const lost_worker lost{slot.number, static_cast<pid_t>(slot.system_id), how, slot.activity->checking()};
    report_.lost_workers.push_back(lost);
    if (state_ != run_state::interrupted) listener_.on_worker_lost(lost);
    if (!said_done && state_ == run_state::running && replace_lost_worker(slot, lost.checking)) return;
    slot.state = worker_state::lost;
    if (said_done) return;
    ++workers_lost_;
    // What it held is given up now rather than at the end: with --keep-order, the results
    // after its numbers would otherwise wait for answers that cannot come.
    if (const auto job = transport_.last_job(slot); job && job->kind == job_kind::numbers) ledger_.abandon(job->batch);
}

pool_report pool_loop::finish() {
    if (state_ == run_state::interrupted) {
        report_.ending = pool_ending::interrupted;
        stop_every_worker();
        take_what_stopped_workers_checked();
    } else {
        state_ = run_state::finished;
        judge_running_workers();  // they said done: reaped (joined), each says how it ended
    }
    ledger_.collect_unchecked();
    listener_.flush();  // what collect_unchecked released, with --keep-order
    const bool loss_fails = a_loss_fails_the_run() && !report_.lost_workers.empty();
    if (report_.ending != pool_ending::interrupted &&
        (loss_fails || !report_.unchecked.empty() || report_.input_left_unread)) {
        report_.ending = pool_ending::worker_lost;
    }
    return std::move(report_);
}

/// A check that finished before the stop is an answer, whatever the model: once every worker
/// has ended, the results they sent and nobody read yet, then the verdicts each had made and
/// not sent (its outbox). A check stopped half-way is none: its number stays unchecked.
void pool_loop::take_what_stopped_workers_checked() {
    while (receive_results() == receive_outcome::some) {}
    for (const worker_slot& slot : slots_) {
        if (slot.state != worker_state::stopped) continue;  // one lost earlier is judged as lost
        if (const auto unsent = transport_.unsent_verdicts(slot)) ledger_.accept_unsent(*unsent);
    }
    listener_.flush();
}

void pool_loop::stop_every_worker() noexcept {
    transport_.stop_workers(slots_);
    for (worker_slot& slot : slots_) {
        if (slot.running()) slot.state = worker_state::stopped;
    }
}

pool_report run_pool(pool_transport& transport, number_source& source, const pool_options& options,
                     pool_listener& listener) {
    pool_loop loop{transport, source, options, listener};
    return loop.run();
}

}  // namespace concur
