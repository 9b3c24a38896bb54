// `concur primes`: the seed's processor pool, checking numbers for primality with any execution model.
#include "concur/demos/primes_pool.hpp"

#include "concur/core/exit_status.hpp"
#include "concur/core/job_log.hpp"
#include "concur/core/message_text.hpp"
#include "concur/core/primes_report.hpp"
#include "concur/core/trial_kernel_choice.hpp"
#include "concur/demos/primes_listeners.hpp"
#include "concur/demos/primes_progress.hpp"
#include "concur/runtime/number_source.hpp"
#include "concur/runtime/run_checks.hpp"
#include "concur/sys/fd_sink.hpp"
#include "concur/sys/signal_pipe.hpp"
#include "concur/sys/unique_fd.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cerrno>
#include <fcntl.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <set>

namespace concur {
namespace {

using clock = std::chrono::steady_clock;

/// What an interrupt did to the workers, as the interrupted line ends.
std::string_view stopped_workers(execution_model model) {
    if (!model_uses_workers(model)) return "";
    // MPI stops the job whole once rank 0 has reported (end_mpi_world).
    return model == execution_model::mpi ? "; the job's worker ranks are stopped with it" : "; workers stopped";
}

std::string list_numbers(const std::vector<std::uint64_t>& numbers, std::size_t shown) {
    std::string text;
    for (std::size_t i = 0; i < numbers.size() && i < shown; ++i) {
        if (i > 0) text += ", ";
        text += fmt::format("{}", numbers[i]);
    }
    if (numbers.size() > shown) text += fmt::format(" and {} more", numbers.size() - shown);
    return text;
}

/// Opens (creates or truncates) the job log before anything starts, so a bad path stops the
/// command before the first check.
sys::unique_fd open_job_log(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw fmt::system_error(errno, "cannot open the job log '{}'", path);
    return sys::unique_fd{fd};
}

/// --input: a file, or a FIFO another program writes (opening one waits for its writer).
sys::unique_fd open_input(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw fmt::system_error(errno, "cannot open the input '{}'", path);
    return sys::unique_fd{fd};
}

/// A run that bad input stopped, reported like any other ending: the results delivered before
/// it stand, and the numbers read but never answered are listed.
pool_report stopped_by(const bad_input& error, std::uint64_t checked) {
    pool_report report;
    report.ending = pool_ending::bad_input;
    report.checked = checked;
    report.unchecked = error.unchecked;
    std::sort(report.unchecked.begin(), report.unchecked.end());
    report.input_left_unread = error.input_left_unread;
    return report;
}

}  // namespace

int run_primes(const primes_options& options, output_sink& out, output_sink& err) {
    std::unique_ptr<number_source> source;
    sys::unique_fd input_file;  // --input: opened here, so that only the process that reads it opens it
    if (!options.input_path.empty()) input_file = open_input(options.input_path);
    if (options.from_stdin) {
        source = std::make_unique<stream_source>(input_file ? input_file.get() : options.stdin_fd);
    } else {
        source = std::make_unique<list_source>(options.numbers);
    }
    const auto count = source->known_count();
    const prime_method_info& method = describe(options.method);

    // Workers in processes of their own have pids (an MPI rank's is on its host); threads, tids.
    const bool processes = options.model == execution_model::process || options.model == execution_model::mpi;
    const std::string_view id_name = processes ? "pid" : "tid";
    const bool on_hosts = !options.worker_hosts.empty();
    sys::unique_fd job_log_fd;
    if (!options.job_log_path.empty()) job_log_fd = open_job_log(options.job_log_path);
    sys::fd_sink job_log{job_log_fd.get(), fmt::format("the job log '{}'", options.job_log_path)};
    if (job_log_fd) job_log.write(job_log_header(id_name, on_hosts));

    std::size_t width = 16;  // the seed's column; wider only when a number needs it
    for (const std::uint64_t n : options.numbers) width = std::max(width, decimal_digits(n));

    if (options.json) {
        std::string hosts;  // MPI: "worker_hosts": ["a", "b"], worker 1 first
        if (on_hosts) {
            hosts = "  \"worker_hosts\": [";
            for (std::size_t i = 0; i < options.worker_hosts.size(); ++i) {
                hosts += fmt::format("{}{}", i == 0 ? "" : ", ", json_string(options.worker_hosts[i]));
            }
            hosts += "],\n";
        }
        out.write(fmt::format("{{\n  \"command\": \"primes\",\n  \"model\": \"{}\",\n  \"method\": \"{}\",\n"
                              "  \"workers\": {},\n{}  \"count\": {},\n  \"results\": [",
                              model_name(options.model), method.name, options.workers, hosts,
                              count ? fmt::format("{}", *count) : "null"));
    } else {
        // The default method keeps the seed's header word for word; another one is named.
        const std::string_view named = options.method == prime_method::trial ? "" : method.description;
        const std::set<std::string> hosts(options.worker_hosts.begin(), options.worker_hosts.end());
        const std::string stream = options.input_path.empty() ? "standard input" : quote_value(options.input_path);
        out.write(format_primes_header(count, options.model, options.workers, named,
                                       static_cast<unsigned>(hosts.size()), stream));
    }
    out.flush();

    text_report text{out, err, width};
    json_report json{out, err};
    pool_listener& listener = options.json ? static_cast<pool_listener&>(json) : text;

    // A number long enough to measure the kernels for is measured for here, before any worker
    // is forked: every worker inherits the one choice instead of each measuring for itself.
    // Numbers from standard input are not known in advance: each worker chooses for itself.
    if (options.method == prime_method::trial && !options.numbers.empty()) {
        const std::uint64_t largest = *std::max_element(options.numbers.begin(), options.numbers.end());
        if (largest >= measure_kernels_from) (void)trial_kernel_for(largest);
    }
    const auto start = clock::now();
    run_observer observer{listener, options.workers, start, job_log_fd ? &job_log : nullptr, options.worker_hosts};
    primes_progress progress{options.progress, {.workers = options.workers, .total = count,
                             .divisor_range = options.method != prime_method::miller_rabin}, observer};
    pool_report report;
    std::string bad_input_message;
    try {
        pool_options pool{options.workers, method.check, {method.estimate}, options.retries};
        pool.keep_order = options.keep_order;
        report = run_checks(options.model, *source, pool, progress.listener());
    } catch (const bad_input& error) {
        // Not rethrown: the output must still end as a document that says how the run ended.
        report = stopped_by(error, observer.checked());
        bad_input_message = error.what();
    }
    progress.finish();  // the status block erased before the last lines and the messages
    const auto elapsed = clock::now() - start;
    observer.flush();

    if (options.json) {
        out.write(json_trailer(report, elapsed));
        // Forked workers that read standard input choose their kernel each for itself.
        const bool workers_choose = options.from_stdin && options.model == execution_model::process;
        out.write(fmt::format("  \"kernel\": {},\n", kernel_json(options.method == prime_method::trial, workers_choose)));
        out.write(fmt::format("  {}\n}}\n", observer.load().json_members(id_name)));
        out.flush();
    } else if (report.ending == pool_ending::complete) {
        out.write(format_primes_summary(report.checked, elapsed));
        out.flush();
    }

    switch (report.ending) {
        case pool_ending::complete:
            return exit_status::success;
        case pool_ending::interrupted:
            err.write(fmt::format("concur: interrupted by {} after {} check{}{}\n",
                                  sys::signal_name(report.interrupt_signal), report.checked,
                                  report.checked == 1 ? "" : "s",
                                  stopped_workers(options.model)));
            return exit_status::interrupted_by(report.interrupt_signal);
        case pool_ending::worker_lost:
            if (!report.unchecked.empty()) {
                err.write(fmt::format("concur: {} number{} not checked because a worker was lost: {}\n",
                                      report.unchecked.size(), report.unchecked.size() == 1 ? " was" : "s were",
                                      list_numbers(report.unchecked, 10)));
            }
            if (report.input_left_unread) err.write("concur: the rest of the input was not read\n");
            return exit_status::worker_lost;
        case pool_ending::bad_input:
            // One line, as for any bad input: the results printed stand, and without the
            // summary line (or, in JSON, with "ending": "bad_input") nothing looks complete.
            // The numbers read before the bad token and never checked are named, as the JSON
            // document's "unchecked" lists them. It ends like every usage error, with the help.
            err.write(fmt::format("concur: {}{} (see 'concur primes --help')\n", bad_input_message,
                                  options.json || report.unchecked.empty()
                                      ? std::string{}
                                      : "; read before it and not checked: " + list_numbers(report.unchecked, 10)));
            return exit_status::usage;
    }
    return exit_status::failure;
}

}  // namespace concur
