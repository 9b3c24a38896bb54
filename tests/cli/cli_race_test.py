"""End-to-end tests of `concur race`: usage errors, exact totals in JSON, lost updates, signals.

Run by ctest with CONCUR set to the binary's path (and CONCUR_SANITIZED=1 in the sanitizer
builds). Small --count values keep the suite fast; no test asserts which way is cheaper (the
ordering of costs is printed by bench/race.sh, not asserted).
"""
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import unittest

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR, run
from processes import catches, children_of, session_processes, wait_until

SYNCS = ["none", "mutex", "atomic", "local", "false-sharing"]
SYNCHRONISED = {"mutex", "atomic", "local", "false-sharing"}
USABLE_CPUS = len(os.sched_getaffinity(0))
# Ctrl-C must end a run within 100 ms: each thread looks at the stop flag every 4096
# increments, a few milliseconds at most. Under a sanitizer every step is several times
# slower, and the runtime has its own work at exit: there only a bound against hangs.
SANITIZED = os.environ.get("CONCUR_SANITIZED") == "1"
STOP_BOUND = 2.0 if SANITIZED else 0.1
# The most a usage error may take: far less than any run that started counting (10^10
# increments per thread take minutes at the very least).
USAGE_BOUND = 30
HUGE = ["--count=10000000000"]

# (arguments after `concur race`, what the one line must contain)
USAGE_CASES = [
    (["--threads=0", *HUGE], "--threads: '0' is not a thread count; allowed: a whole number from 1 to 512"),
    (["--threads=513", *HUGE], "--threads: '513' is not a thread count"),
    (["--threads=two", *HUGE], "--threads: 'two' is not a thread count"),
    (["--threads=-1", *HUGE], "--threads: '-1' is not a thread count"),
    (["--count=0"], "--count: '0' is not a count of increments; allowed: a whole number from 1 to 10000000000"),
    (["--count=10000000001"], "--count: '10000000001' is not a count of increments"),
    (["--count=18446744073709551617"], "--count: '18446744073709551617' is not a count of increments"),
    (["--count=1e9"], "--count: '1e9' is not a count of increments"),
    (["--count="], "--count: '' is not a count of increments"),
    (["--sync=lock", *HUGE], "--sync: 'lock' is not a way to synchronise; allowed: none, mutex, atomic, local, "
                             "false-sharing, or several of them separated by commas"),
    (["--sync=none,lock", *HUGE], "--sync: 'none,lock' is not a list of ways to synchronise ('lock' is not one)"),
    (["--sync=None", *HUGE], "--sync: 'None' is not a way to synchronise"),
    (["--sync=", *HUGE], "--sync: '' is not a way to synchronise"),
    (["--threads=2", "--threads=3", *HUGE], "--threads: '3' is not the only value given (also '2'); "
                                            "allowed: one --threads"),
    (["--sync=none", "--sync=atomic", *HUGE], "--sync: 'atomic' is not the only value given (also 'none')"),
    (["--count=5", "--count=5"], "--count: '5' is not the only value given (also '5')"),
    (["--json", "--json", *HUGE], "--json: '--json' is not repeatable; allowed: one --json"),
    (["--model=process", "--sync=mutex", *HUGE],
     "--sync: 'mutex' is not a way to synchronise processes; allowed: none, atomic, or both separated by a comma "
     "(with --model=process)"),
    (["--model=process", "--sync=none,false-sharing", *HUGE], "--sync: 'false-sharing' is not a way to synchronise "
                                                              "processes"),
    (["--model=process", "--sync=local", *HUGE], "--sync: 'local' is not a way to synchronise processes"),
    (["--model=coroutine", *HUGE], "--model: 'coroutine' is not a model concur race offers; allowed: thread, "
                                   "process"),
    (["extra", *HUGE], "race: 'extra' is not an option, and race takes no arguments; allowed: --help, --model, "),
]

# The shape of every usage error (as in cli_bad_input_test).
USAGE_SHAPE = re.compile(r"^concur: (?:[^ ]+: )?'.*' is not .+; allowed: .+ \(see 'concur race --help'\)\n$")


def race_json(*args):
    done = run("race", "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def end_of(proc, timeout):
    """Seconds from now until `proc` has exited, or None if it is still running after `timeout`.
    Waits on a pidfd, which becomes readable the moment the process ends (Popen.wait with a
    timeout polls, and would add its own delay to what is measured)."""
    start = time.monotonic()
    pidfd = os.pidfd_open(proc.pid)
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        if not poller.poll(int(timeout * 1000)):
            return None
        return time.monotonic() - start
    finally:
        os.close(pidfd)


class UsageErrors(unittest.TestCase):
    def test_each_bad_value_is_one_line_exit_2_and_nothing_started(self):
        for args, said in USAGE_CASES:
            with self.subTest(args=args):
                # A new session: once concur has exited, any process left in it is a worker.
                proc = subprocess.Popen([CONCUR, "race", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, start_new_session=True)
                try:
                    out, err = proc.communicate(timeout=USAGE_BOUND)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.communicate()
                    self.fail("still running: the bad value was not refused before counting")
                self.assertEqual(proc.returncode, 2, err)
                self.assertEqual(out, "")
                self.assertIn(said, err)
                self.assertRegex(err, USAGE_SHAPE)
                self.assertEqual(session_processes(proc.pid), [], "processes left behind")

    def test_help_states_every_limit_the_errors_enforce(self):
        text = " ".join(run("race", "--help").stdout.split())
        for said in ("1 to 512", "1 to 10000000000", "--sync {none,mutex,atomic,local,false-sharing},...",
                     "--model {thread,process}", "with --sync=none and atomic only",
                     "Default: all five; with --model=process, none,atomic",
                     f"at least 2, here {max(2, min(USABLE_CPUS, 512))})"):
            self.assertIn(said, text)


class Totals(unittest.TestCase):
    def test_json_has_every_row_and_exact_totals_for_the_synchronised_ones(self):
        document = race_json("--threads=3", "--count=200000")
        self.assertEqual(document["command"], "race")
        self.assertEqual(document["model"], "thread")
        self.assertEqual(document["units"], 3)
        self.assertEqual(document["usable_cpus"], USABLE_CPUS)
        self.assertIs(document["calibrated"], False)
        self.assertEqual([row["sync"] for row in document["rows"]], SYNCS)
        for row in document["rows"]:
            with self.subTest(sync=row["sync"]):
                self.assertEqual(row["count_per_unit"], 200000)
                self.assertEqual(row["expected"], 600000)
                self.assertEqual(row["lost"], row["expected"] - row["total"])
                self.assertEqual(row["one_unit"]["count"], 200000)
                self.assertGreater(row["ns_per_increment"], 0)
                self.assertGreater(row["one_unit"]["ns_per_increment"], 0)
                if row["sync"] in SYNCHRONISED:
                    self.assertEqual(row["total"], 600000)
                    self.assertEqual(row["lost"], 0)
                else:
                    self.assertGreater(row["total"], 0)
                    self.assertLessEqual(row["total"], 600000)

    def test_processes_offer_none_and_atomic_and_atomic_is_exact(self):
        document = race_json("--model=process", "--threads=2", "--count=300000")
        self.assertEqual(document["model"], "process")
        self.assertEqual([row["sync"] for row in document["rows"]], ["none", "atomic"])
        atomic = document["rows"][1]
        self.assertEqual((atomic["expected"], atomic["total"], atomic["lost"]), (600000, 600000, 0))

    def test_sync_lists_come_back_in_the_tables_order_once_each(self):
        document = race_json("--sync=local,none,local", "--count=1000", "--threads=1")
        self.assertEqual([row["sync"] for row in document["rows"]], ["none", "local"])
        # One thread alone: nothing can come between its read and its write.
        self.assertEqual([row["lost"] for row in document["rows"]], [0, 0])
        self.assertRegex(document["note"], r"^One thread counts alone")

    @unittest.skipIf(USABLE_CPUS < 2, "one usable CPU: the threads take turns, and lost updates become rare")
    def test_none_loses_updates_in_at_least_one_of_five_runs(self):
        # Calibrated (about half a second of counting): long enough for the threads to overlap
        # even on a busy machine; one run often suffices.
        for _ in range(5):
            document = race_json("--sync=none", "--threads=2")
            row = document["rows"][0]
            self.assertIs(document["calibrated"], True)
            if row["lost"] > 0:
                return
        self.fail("five runs of two threads without a lock lost no update")

    def test_the_table_fits_80_columns_and_names_each_way(self):
        done = run("race", "--threads=2", "--count=50000")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stderr, "")
        lines = done.stdout.splitlines()
        self.assertEqual(lines[0], f"race: 2 threads each add 1 to one count M times ({USABLE_CPUS} usable "
                                   f"CPU{'s' if USABLE_CPUS != 1 else ''})")
        self.assertEqual(lines[1], "M: 50000 (--count)")
        self.assertEqual(lines[3].split(), ["sync", "expected", "total", "lost", "lost", "%", "ns/inc", "vs", "one"])
        self.assertEqual([line.split()[0] for line in lines[4:9]], SYNCS)
        for line in lines:
            self.assertLessEqual(len(line), 80, line)


class Signals(unittest.TestCase):
    def start(self, *args):
        """`concur race ARGS` in a session of its own, once it catches SIGINT and SIGTERM (a
        signal sent earlier would meet the default action, not concur)."""
        proc = subprocess.Popen([CONCUR, "race", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        self.addCleanup(self.end, proc)
        if not wait_until(lambda: catches(proc.pid, signal.SIGINT, signal.SIGTERM)):
            self.fail("concur never caught SIGINT and SIGTERM")
        return proc

    @staticmethod
    def end(proc):
        """After a failed test: no run left behind."""
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()

    def check_stopped(self, proc, sent, status, took):
        self.assertIsNotNone(took, "still running 30 s after the signal")
        out, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, status, err)
        self.assertLess(took, STOP_BOUND, f"{took * 1000:.0f} ms from the signal to the end")
        self.assertEqual(out, "")  # no table for an interrupted run
        self.assertRegex(err, rf"^concur: race interrupted by {sent.name} while measuring [a-z-]+; "
                              r"no table printed\n$")
        self.assertEqual(session_processes(proc.pid), [], "processes left behind")

    def test_ctrl_c_ends_a_run_at_the_default_thread_count_with_130_within_100_ms(self):
        # While calibrating (soon after the start), and while counting a row.
        for delay in (0.02, 0.3, 0.8):
            with self.subTest(delay=delay):
                proc = self.start()
                time.sleep(delay)
                os.kill(proc.pid, signal.SIGINT)
                self.check_stopped(proc, signal.SIGINT, 130, end_of(proc, 30))

    def test_sigterm_ends_a_run_with_143(self):
        proc = self.start("--sync=mutex,atomic")
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGTERM)
        self.check_stopped(proc, signal.SIGTERM, 143, end_of(proc, 30))

    def test_ctrl_c_leaves_no_counting_process_behind(self):
        proc = self.start("--model=process", "--threads=2")
        # Ctrl-C reaches the whole process group, children included; they leave it to concur.
        self.assertTrue(wait_until(lambda: len(children_of(proc.pid)) == 2), "no counting processes")
        os.killpg(proc.pid, signal.SIGINT)
        self.check_stopped(proc, signal.SIGINT, 130, end_of(proc, 30))


class Output(unittest.TestCase):
    def test_a_closed_stdout_ends_quietly_with_141_and_a_full_one_with_1(self):
        proc = subprocess.Popen([CONCUR, "race", "--count=1000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.close()  # the reader is gone before the table
        _, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 141, err)
        self.assertEqual(err, b"")
        with open("/dev/full", "w") as full:
            done = subprocess.run([CONCUR, "race", "--count=1000"], stdout=full, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, "concur: cannot write to standard output: No space left on device\n")


if __name__ == "__main__":
    unittest.main()
