// collecting_listener: a pool_listener for tests that keeps every event, to be checked after the run.
#pragma once

#include "concur/runtime/pool_types.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace concur::testing {

/// Records what a pool reports, in the order it reports it. The pool calls it from the thread
/// that runs the pool (the parent, for processes), so it needs no lock.
class collecting_listener final : public pool_listener {
public:
    void on_result(const checked_number& result) override { results.push_back(result); }
    void on_worker_lost(const lost_worker& lost) override { lost_workers.push_back(lost); }
    void on_worker_started(unsigned worker, long system_id) override { started[worker] = system_id; }

    std::vector<checked_number> results;   // every answer, in completion order
    std::vector<lost_worker> lost_workers;  // every worker that died without saying done
    std::map<unsigned, long> started;       // worker (from 1) -> its pid or thread id
};

/// How many times each number was answered: a number answered twice, or never, shows here.
inline std::map<std::uint64_t, int> count_answers(const std::vector<checked_number>& results) {
    std::map<std::uint64_t, int> answers;
    for (const auto& result : results) ++answers[result.number];
    return answers;
}

}  // namespace concur::testing
