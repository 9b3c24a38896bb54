"""End-to-end tests of `concur primes`: the real binary, as a user or a script runs it.

Run by ctest with CONCUR set to the binary's path.
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import unittest

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR, run
from primes_expected import BOOK, RESULT_LINE, SEED
from processes import alive, children_of, wait_for_children


def wait_for_workers(proc, count):
    workers = wait_for_children(proc.pid, count)
    if len(workers) < count:
        raise AssertionError(f"concur did not start {count} workers")
    return workers


def parse_lines(stdout):
    lines = stdout.splitlines()
    results = {}
    for line in lines[1:-1]:
        match = RESULT_LINE.match(line)
        assert match, f"not a result line: {line!r}"
        results[int(match.group(1))] = match.group(2) == "P"
    return lines[0], results, lines[-1]


class PrimesOutput(unittest.TestCase):
    def test_default_is_the_seeds_five_numbers(self):
        done = run("primes", "--procs=2")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stderr, "")
        header, results, summary = parse_lines(done.stdout)
        self.assertEqual(header, "Checking 5 numbers with 2 processes:")
        self.assertEqual(results, SEED)
        self.assertRegex(summary, r"^5 checks in \d+\.\d\ds$")

    def test_book_fixture(self):
        done = run("primes", "--numbers=book", "--procs=2")
        self.assertEqual(done.returncode, 0, done.stderr)
        header, results, summary = parse_lines(done.stdout)
        self.assertEqual(header, "Checking 20 numbers with 2 processes:")
        self.assertEqual(results, BOOK)
        self.assertRegex(summary, r"^20 checks in ")

    def test_zero_is_reported_not_a_poison_pill(self):
        done = run("primes", "0", "1", "2", "--procs=2")
        self.assertEqual(done.returncode, 0, done.stderr)
        _, results, summary = parse_lines(done.stdout)
        self.assertEqual(results, {0: False, 1: False, 2: True})
        self.assertEqual(summary.split()[0], "3")

    def test_column_widens_for_20_digit_numbers(self):
        done = run("primes", "18446744073709551615", "7")
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        self.assertTrue(any(l.startswith("18446744073709551615     ") for l in lines), lines)
        self.assertTrue(any(l.startswith("                   7  P ") for l in lines), lines)

    def test_more_workers_than_numbers(self):
        done = run("primes", "--procs=64", "97")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("Checking 1 number with 64 processes:", done.stdout)

    def test_stdin_million_numbers(self):
        numbers = "\n".join(str(n) for n in range(1, 1_000_001)) + "\n"
        done = run("primes", "--procs=2", "-", stdin=numbers)
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        self.assertEqual(lines[0], "Checking numbers from standard input with 2 processes:")
        self.assertEqual(sum(1 for l in lines if "  P " in l), 78498)
        self.assertRegex(lines[-1], r"^1000000 checks in ")

    def test_empty_stdin(self):
        done = run("primes", "-", stdin="")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout.splitlines()[-1], r"^0 checks in ")

    def test_json(self):
        done = run("primes", "--numbers=book", "--procs=2", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads(done.stdout)
        self.assertEqual(document["workers"], 2)
        self.assertEqual(document["model"], "process")
        self.assertEqual(document["ending"], "complete")
        self.assertEqual(document["checked"], 20)
        self.assertEqual(document["unchecked"], [])
        self.assertEqual({r["number"]: r["prime"] for r in document["results"]}, BOOK)
        for result in document["results"]:
            self.assertIn(result["worker"], (1, 2))
            self.assertGreaterEqual(result["elapsed"], 0)
        self.assertGreater(document["elapsed"], 0)
        tool = subprocess.run(["python3", "-m", "json.tool"], input=done.stdout, capture_output=True, text=True)
        self.assertEqual(tool.returncode, 0)


class UsageErrors(unittest.TestCase):
    CASES = [
        (["primes", "-5"], "'-5'"),
        (["primes", "1e9"], "'1e9'"),
        (["primes", "0x11"], "'0x11'"),
        (["primes", "18446744073709551616"], "'18446744073709551616'"),
        (["primes", "7x"], "'7x'"),
        (["primes", ""], "''"),
        (["primes", "1", "-"], "'-'"),
        (["primes", "--procs=0"], "'0'"),
        (["primes", "--procs=513"], "'513'"),
        (["primes", "--procs=-1"], "'-1'"),
        (["primes", "--procs=0x10"], "'0x10'"),
        (["primes", "--procs="], "--procs"),
        (["primes", "--procs=two"], "'two'"),
        (["primes", "--retries=11"], "--retries: '11' is not a retry count; allowed: a whole number from 0 to 10"),
        (["primes", "--retries=-1"], "'-1'"),
        (["primes", "--retries=1.5"], "'1.5'"),
        (["primes", "--retries=0x2"], "'0x2'"),
        (["primes", "--retries="], "--retries"),
        (["primes", "--numbers=foo"], "foo"),
        (["primes", "--numbers=book", "5"], "--numbers"),
        (["primes", "--bogus"], "--bogus"),
        ([], "command"),
        (["frobnicate"], "frobnicate"),
    ]

    def test_each_bad_input_exits_2_with_one_line(self):
        for args, named in self.CASES:
            with self.subTest(args=args):
                done = run(*args)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stdout, "")
                self.assertEqual(done.stderr.count("\n"), 1, done.stderr)
                self.assertTrue(done.stderr.startswith("concur: "), done.stderr)
                self.assertIn(named, done.stderr)

    def test_bad_token_on_stdin(self):
        # 1 to 4 came in the same read as the bad token: read, never checked, named on the line.
        done = run("primes", "-", stdin="1 2 3\n4 -5 6\n")
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stderr,
                         "concur: standard input line 2: '-5' is not a number concur can check; allowed: decimal "
                         "digits only, from 0 to 18446744073709551615; read before it and not checked: 1, 2, 3, 4 "
                         "(see 'concur primes --help')\n")
        self.assertNotIn("checks in", done.stdout)

    def test_help_and_version(self):
        for args in (["--help"], ["primes", "--help"]):
            done = run(*args)
            self.assertEqual(done.returncode, 0)
            self.assertIn("Usage: concur", done.stdout)
            self.assertIn("Exit status", done.stdout)
        done = run("--version")
        self.assertEqual(done.returncode, 0)
        self.assertRegex(done.stdout, r"^concur \d+\.\d+\.\d+\n$")


class OutputTrouble(unittest.TestCase):
    def test_reader_closes_early(self):
        # `concur primes --numbers=book | head -n 2`: quiet, status 141 like any filter, no worker left.
        # The seed's slow loop (--method=trial-simple): the run must still be going while the test acts.
        proc = subprocess.Popen([CONCUR, "primes", "--numbers=book", "--procs=2", "--method=trial-simple"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        workers = wait_for_workers(proc, 2)
        proc.stdout.readline()
        proc.stdout.readline()
        proc.stdout.close()
        _, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 141)
        self.assertEqual(err, b"")
        self.assertFalse(any(alive(w) for w in workers))

    def test_head_in_a_shell_pipeline(self):
        done = subprocess.run(f"{CONCUR} primes --numbers=book | head -n 2", shell=True,
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0)
        self.assertEqual(len(done.stdout.splitlines()), 2)
        self.assertEqual(done.stderr, "")

    def test_dev_full(self):
        with open("/dev/full", "w") as full:
            done = subprocess.run([CONCUR, "primes"], stdout=full, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertIn("cannot write to standard output", done.stderr)

    def test_stdout_closed(self):
        done = subprocess.run(f"{CONCUR} primes >&-", shell=True, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertIn("cannot write to standard output", done.stderr)


class Processes(unittest.TestCase):
    def start_book(self, procs=2, numbers="book"):
        # The seed's slow loop (--method=trial-simple) keeps the workers busy for most of a
        # second: long enough to inspect, signal or kill them mid-run. The default method
        # finishes the book fixture in a few tens of milliseconds.
        proc = subprocess.Popen([CONCUR, "primes", f"--numbers={numbers}", f"--procs={procs}",
                                 "--method=trial-simple"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return proc, wait_for_workers(proc, procs)

    def test_workers_hold_only_their_pipe_ends(self):
        proc, workers = self.start_book()
        try:
            for worker in workers:
                # A worker closes what it inherited just after fork: it may be seen before it
                # has. Look again until it has (or 5 s), then check what it keeps.
                deadline = time.monotonic() + 5
                fds = sorted(int(fd) for fd in os.listdir(f"/proc/{worker}/fd"))
                while len(fds) > 5 and time.monotonic() < deadline:
                    time.sleep(0.001)
                    fds = sorted(int(fd) for fd in os.listdir(f"/proc/{worker}/fd"))
                self.assertEqual(len(fds), 5, fds)  # stdin, stdout, stderr, job read end, result write end
                self.assertEqual(fds[:3], [0, 1, 2])
        finally:
            proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0)

    def interrupt(self, signo, expected_status):
        proc, workers = self.start_book()
        time.sleep(0.1)
        proc.send_signal(signo)
        out, err = proc.communicate(timeout=10)
        self.assertEqual(proc.returncode, expected_status, err)
        self.assertIn("interrupted by", err)
        self.assertNotIn("checks in", out)
        for line in out.splitlines()[1:]:
            self.assertRegex(line, RESULT_LINE)
        self.assertFalse(any(alive(w) for w in workers))

    def test_sigint_exits_130_and_ends_the_workers(self):
        self.interrupt(signal.SIGINT, 130)

    def test_sigterm_exits_143_and_ends_the_workers(self):
        self.interrupt(signal.SIGTERM, 143)

    def test_sigterm_to_the_whole_group_is_an_interrupt_not_a_lost_worker(self):
        # `timeout`, `kill %1` and `kill -TERM -PGID` signal every process of the group. The
        # workers leave it to the parent; before they did, one could die of it first and be
        # reported lost (3 times in 20 here), or the run could even end with 3.
        for attempt in range(15):
            proc = subprocess.Popen([CONCUR, "primes", "--numbers=book", "--procs=2", "--method=trial-simple"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
            workers = wait_for_workers(proc, 2)
            time.sleep(0.05 + 0.02 * attempt)
            os.killpg(proc.pid, signal.SIGTERM)
            out, err = proc.communicate(timeout=10)
            with self.subTest(attempt=attempt):
                self.assertEqual(proc.returncode, 143, err)
                self.assertEqual(len(err.splitlines()), 1, err)
                self.assertIn("interrupted by SIGTERM", err)
                self.assertNotIn("checks in", out)
                self.assertFalse(any(alive(w) for w in workers))

    def test_a_killed_worker_is_reported_and_the_run_ends_with_3(self):
        proc, workers = self.start_book()
        time.sleep(0.1)
        os.kill(workers[0], signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 3, err)
        self.assertRegex(err, rf"worker \d \(pid {workers[0]}\) was killed by SIGKILL")
        self.assertNotIn("checks in", out)
        _, results, _ = parse_lines(out + "\n")
        reported = set(results)
        unchecked = set()
        match = re.search(r"not checked because a worker was lost: (.*)", err)
        if match:
            unchecked = {int(n) for n in match.group(1).split(", ")}
        self.assertEqual(reported | unchecked, set(BOOK), err)
        self.assertFalse(reported & unchecked)
        self.assertFalse(any(alive(w) for w in workers))

    def test_workers_die_with_a_killed_parent(self):
        proc, workers = self.start_book()
        proc.kill()
        proc.communicate(timeout=10)
        deadline = time.monotonic() + 1.0
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertFalse(any(alive(w) for w in workers))


class Methods(unittest.TestCase):
    def test_every_method_gives_the_book_fixtures_answers(self):
        for method, named in (("trial", ""), ("trial-simple", " (simple trial division)"),
                              ("miller-rabin", " (Miller-Rabin)")):
            with self.subTest(method=method):
                done = run("primes", "--numbers=book", "--procs=2", f"--method={method}")
                self.assertEqual(done.returncode, 0, done.stderr)
                header, results, summary = parse_lines(done.stdout)
                self.assertEqual(header, f"Checking 20 numbers with 2 processes{named}:")
                self.assertEqual(results, BOOK)
                self.assertRegex(summary, r"^20 checks in \d+\.\d\ds$")

    def test_default_method_is_fast_trial_division(self):
        done = run("primes", "--numbers=book", "--procs=2", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout)["method"], "trial")

    def test_json_names_the_method(self):
        for method in ("trial", "trial-simple", "miller-rabin"):
            with self.subTest(method=method):
                done = run("primes", "--json", f"--method={method}", "18446744073709551557", "4294967291",
                           "18446744073709551615")
                self.assertEqual(done.returncode, 0, done.stderr)
                document = json.loads(done.stdout)
                self.assertEqual(document["method"], method)
                if method == "trial":
                    # A number past 2^44: the kernels were measured, once, before the workers forked.
                    kernel = document["kernel"]
                    self.assertRegex(kernel["name"], r"^(sse2|avx2|avx512)-(division|reciprocal)$")
                    self.assertEqual(kernel["simd_level"], kernel["name"].split("-")[0])
                    self.assertEqual(kernel["choice"], "forced" if "CONCUR_KERNEL" in os.environ else "measured")
                else:
                    self.assertIsNone(document["kernel"])  # no vector kernel in these methods
                if method == "miller-rabin":  # the others would take minutes on 2^64 - 59
                    self.assertEqual({r["number"]: r["prime"] for r in document["results"]},
                                     {18446744073709551557: True, 4294967291: True, 18446744073709551615: False})

    def test_json_on_a_stream_says_each_worker_chooses_its_kernel(self):
        # Numbers read as they come are not known before the workers fork: a worker that meets
        # one past 2^44 measures for itself. Small numbers all use the preset kernel.
        done = run("primes", "--json", "--procs=2", "-", stdin="7\n8\n")
        self.assertEqual(done.returncode, 0, done.stderr)
        expected = "forced" if "CONCUR_KERNEL" in os.environ else "per worker"
        self.assertEqual(json.loads(done.stdout)["kernel"]["choice"], expected)

    def test_methods_agree_on_a_stream(self):
        numbers = "\n".join(str(n) for n in range(999_000_000, 999_020_000)) + "\n"
        outputs = {}
        for method in ("trial", "trial-simple", "miller-rabin"):
            done = run("primes", "--procs=2", f"--method={method}", "-", stdin=numbers)
            self.assertEqual(done.returncode, 0, done.stderr)
            _, outputs[method], _ = parse_lines(done.stdout)
            self.assertEqual(len(outputs[method]), 20_000)
        self.assertEqual(outputs["trial"], outputs["trial-simple"])
        self.assertEqual(outputs["miller-rabin"], outputs["trial-simple"])
        self.assertGreater(sum(outputs["trial"].values()), 500)

    def test_bad_method_is_a_usage_error_naming_the_value_and_the_methods(self):
        for value in ("foo", "Trial", "miller_rabin", ""):
            with self.subTest(value=value):
                done = run("primes", f"--method={value}")
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stdout, "")
                self.assertEqual(done.stderr.count("\n"), 1, done.stderr)
                self.assertTrue(done.stderr.startswith("concur: --method"), done.stderr)
                if value:
                    self.assertIn(value, done.stderr)
                    for allowed in ("trial", "trial-simple", "miller-rabin"):
                        self.assertIn(allowed, done.stderr)


class IdleWorkers(unittest.TestCase):
    """Workers killed while they hold no number: the pool waits for standard input."""

    def start_waiting(self, retries):
        proc = subprocess.Popen([CONCUR, "primes", "--procs=2", f"--retries={retries}", "-"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        return proc, wait_for_workers(proc, 2)

    def test_with_retries_idle_workers_are_replaced_and_cost_nothing(self):
        proc, workers = self.start_waiting(retries=2)
        for worker in workers:
            os.kill(worker, signal.SIGKILL)
        # Both places refilled: two live workers that are not the killed ones.
        deadline = time.monotonic() + 30
        fresh = []
        while len(fresh) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
            fresh = [w for w in children_of(proc.pid) if w not in workers and alive(w)]
        self.assertEqual(len(fresh), 2, f"status {proc.poll()}: the killed workers were not replaced")
        out, err = proc.communicate("7 11 12\n", timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        header, results, summary = parse_lines(out)
        self.assertEqual(results, {7: True, 11: True, 12: False})
        self.assertRegex(summary, r"^3 checks in ")
        for worker in workers:
            self.assertRegex(err, rf"worker \d \(pid {worker}\) was killed by SIGKILL\n")
        self.assertFalse(any(alive(w) for w in workers + fresh))

    def test_without_retries_killing_every_idle_worker_ends_the_run_with_3(self):
        proc, workers = self.start_waiting(retries=0)
        for worker in workers:
            os.kill(worker, signal.SIGKILL)
        # Standard input stays open and silent: the run must end anyway, not wait for it.
        proc.wait(timeout=30)
        out, err = proc.communicate()
        self.assertEqual(proc.returncode, 3, err)
        self.assertEqual(out, "Checking numbers from standard input with 2 processes:\n")
        for worker in workers:
            self.assertRegex(err, rf"worker \d \(pid {worker}\) was killed by SIGKILL\n")
        self.assertIn("concur: the rest of the input was not read", err)
        self.assertFalse(any(alive(w) for w in workers))


if __name__ == "__main__":
    unittest.main()
