"""End-to-end tests of the model comparison: `primes --model`, `--joblog`, `bench` and `cost`.

Run by ctest with CONCUR set to the binary's path.
"""
import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ElementTree

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR, run
from processes import catches, wait_until

MODELS = ("sequential", "thread", "process", "coroutine")
# The book fixture's slowest numbers: each takes tens of milliseconds to check.
BIG_NUMBERS = [3333333333333301, 4444444444444423, 5555555555555503, 6666666666666719, 7777777777777753,
               9999999999999917]


def verdicts(document):
    return {r["number"]: r["prime"] for r in document["results"]}


class PrimesModels(unittest.TestCase):
    def test_every_model_agrees_with_sequential_on_10000_numbers(self):
        rng = random.Random(4)
        numbers = [0, 1, 2] + [rng.randrange(10**12) for _ in range(9997)]
        text = "\n".join(map(str, numbers)) + "\n"
        answers = {}
        for model in MODELS:
            done = run("primes", f"--model={model}", "--procs=3", "--json", "-", stdin=text)
            self.assertEqual(done.returncode, 0, done.stderr)
            document = json.loads(done.stdout)
            self.assertEqual(document["model"], model)
            self.assertEqual(document["checked"], len(numbers))
            self.assertEqual(len(document["results"]), len(numbers))
            answers[model] = verdicts(document)
        self.assertEqual(answers["thread"], answers["sequential"])
        self.assertEqual(answers["process"], answers["sequential"])
        self.assertEqual(answers["coroutine"], answers["sequential"])

    def test_header_names_the_model_as_the_book_does(self):
        expected = {
            "process": "Checking 20 numbers with 2 processes:",
            "thread": "Checking 20 numbers with 2 threads:",
            "sequential": "Checking 20 numbers sequentially:",
            "coroutine": "Checking 20 numbers with coroutines, one at a time on one thread:",
        }
        for model, header in expected.items():
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=2", "--numbers=book")
                self.assertEqual(done.returncode, 0, done.stderr)
                lines = done.stdout.splitlines()
                self.assertEqual(lines[0], header)
                self.assertEqual(len(lines), 22)
                self.assertRegex(lines[-1], r"^20 checks in ")
        done = run("primes", "--model=thread", "--procs=1", "-", stdin="7\n")
        self.assertEqual(done.stdout.splitlines()[0], "Checking numbers from standard input with 1 thread:")

    def test_sequential_and_coroutine_accept_and_ignore_procs(self):
        for model in ("sequential", "coroutine"):
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=7", "--json", "--numbers=book")
                self.assertEqual(done.returncode, 0, done.stderr)
                document = json.loads(done.stdout)
                self.assertEqual(document["workers"], 1)
                self.assertEqual({r["worker"] for r in document["results"]}, {1})

    def test_json_has_each_workers_busy_time(self):
        for model in MODELS:
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=2", "--json", "--numbers=book")
                document = json.loads(done.stdout)
                loads = document["worker_load"]
                self.assertEqual(len(loads), document["workers"])
                self.assertEqual(sum(l["checks"] for l in loads), 20)
                busy = sum(l["busy"] for l in loads)
                self.assertAlmostEqual(busy, sum(r["elapsed"] for r in document["results"]), places=5)
                self.assertGreaterEqual(document["imbalance"], 1.0)
                id_name = "pid" if model == "process" else "tid"
                self.assertTrue(all(l[id_name] > 0 for l in loads), loads)

    def test_joblog_has_one_line_per_number(self):
        for model in MODELS:
            with self.subTest(model=model), tempfile.TemporaryDirectory() as tmp:
                log = os.path.join(tmp, "jobs.tsv")
                done = run("primes", f"--model={model}", "--procs=2", "--numbers=book", "--json",
                           f"--joblog={log}")
                self.assertEqual(done.returncode, 0, done.stderr)
                document = json.loads(done.stdout)
                with open(log) as f:
                    rows = list(csv.reader(f, delimiter="\t"))
                id_name = "pid" if model == "process" else "tid"
                self.assertEqual(rows[0], ["seq", "worker", id_name, "start", "elapsed", "number", "result"])
                self.assertEqual(len(rows), 21)
                ids = {l["worker"]: l[id_name] for l in document["worker_load"]}
                seen = {}
                for index, row in enumerate(rows[1:], start=1):
                    seq, worker, system_id, start, elapsed, number, result = row
                    self.assertEqual(int(seq), index)
                    self.assertEqual(int(system_id), ids[int(worker)])
                    self.assertGreaterEqual(float(start), 0)
                    self.assertLessEqual(float(start) + float(elapsed), document["elapsed"] + 1e-3)
                    seen[int(number)] = result == "prime"
                self.assertEqual(seen, verdicts(document))

    def test_joblog_that_cannot_be_opened_stops_before_anything_runs(self):
        done = run("primes", "--joblog=/nonexistent/dir/jobs.tsv", "--numbers=book")
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stdout, "")
        self.assertEqual(len(done.stderr.splitlines()), 1, done.stderr)
        self.assertIn("/nonexistent/dir/jobs.tsv", done.stderr)

    def wait_until_catching(self, pid, timeout=10.0):
        """Until the process has handlers for SIGINT and SIGTERM: a signal sent earlier would
        meet the default action, not concur."""
        if not wait_until(lambda: catches(pid, signal.SIGINT, signal.SIGTERM), timeout):
            self.fail("concur never caught SIGINT and SIGTERM")

    def interrupt(self, model, signo, expected, stdin_open):
        # Either busy checking big numbers (the book's, three times over, with the seed's slow
        # loop so the run outlasts the signal), or waiting on an open, silent standard input.
        args = [CONCUR, "primes", f"--model={model}", "--procs=2", "--method=trial-simple"]
        args += ["-"] if stdin_open else [str(n) for n in BIG_NUMBERS * 3]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        try:
            self.wait_until_catching(proc.pid)
            time.sleep(0.05)
            proc.send_signal(signo)
            # Wait with standard input still open: communicate() would close it at once, and a
            # run that had not yet handled the signal (TSan delays delivery) would see the end
            # of its input and finish normally instead. The output is a few lines: no pipe fills.
            proc.wait(timeout=10)
            out, err = proc.communicate(timeout=10)
        finally:
            proc.kill()
            proc.wait()
        self.assertEqual(proc.returncode, expected, err)
        self.assertIn("interrupted by", err)
        self.assertNotIn("checks in", out)
        # Only the thread and process models have workers to stop.
        if model in ("thread", "process"):
            self.assertIn("; workers stopped", err)
        else:
            self.assertNotIn("worker", err)

    def test_sigint_and_sigterm_end_every_model(self):
        for model in MODELS:
            for signo, expected in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
                for stdin_open in (False, True):
                    with self.subTest(model=model, signal=signo, waiting_on_stdin=stdin_open):
                        self.interrupt(model, signo, expected, stdin_open)


class Bench(unittest.TestCase):
    def test_table_and_every_export(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = {kind: os.path.join(tmp, f"bench.{kind}") for kind in ("json", "csv", "md", "svg")}
            done = run("bench", "--numbers=seed", "--runs=2", "--warmup=0", "--procs=1,2",
                       f"--export-json={paths['json']}", f"--export-csv={paths['csv']}",
                       f"--export-markdown={paths['md']}", f"--export-svg={paths['svg']}")
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertNotIn("\r", done.stderr)  # no progress when stderr is not a terminal
            lines = done.stdout.splitlines()
            self.assertEqual(lines[0], "Checking 5 numbers (seed, simple trial division), 2 runs each, 0 warm-ups:")
            self.assertEqual(lines[1].split(),
                             ["model", "workers", "median", "min", "max", "speedup", "ceiling", "efficiency"])
            rows = [l.split() for l in lines[2:8]]
            self.assertEqual([(r[0], r[1]) for r in rows],
                             [("sequential", "1"), ("thread", "1"), ("thread", "2"), ("process", "1"),
                              ("process", "2"), ("coroutine", "1")])
            # Each time with the unit that fits it: "252.7 ms", not "0.253s".
            for row in rows:
                for value, unit in zip(row[2:8:2], row[3:8:2]):
                    self.assertRegex(value, r"^\d+(\.\d+)?$", row)
                    self.assertIn(unit, ("s", "ms", "µs", "ns"), row)
            self.assertEqual(rows[0][8], "1.00x")
            self.assertEqual(rows[0][9], "-")  # one worker has no ceiling
            notes = " ".join(lines[8:])
            if len(os.sched_getaffinity(0)) >= 2:  # two workers: the ceiling measured beside them
                self.assertRegex(rows[2][9], r"^\d+\.\d\dx$")
                self.assertRegex(notes, r"Ceiling: 2 one-worker runs side by side, .* \(median of 2 rounds\)")
            self.assertRegex(notes, r"Floor: the longest single check took \d+(\.\d+)? (s|ms|µs|ns);")
            self.assertIn("Machine: ", notes)
            for line in lines:
                self.assertLess(len(line), 80, line)  # fits an 80-column terminal

            with open(paths["json"]) as f:
                document = json.load(f)
            results = document["results"]
            self.assertEqual(len(results), 6)
            for result in results:
                for field in ("command", "mean", "stddev", "median", "user", "system", "min", "max", "times",
                              "user_times", "system_times", "exit_codes", "parameters", "speedup", "ceiling",
                              "efficiency"):
                    self.assertIn(field, result)
                # Every measured run's own time, as hyperfine exports them.
                for field in ("times", "user_times", "system_times"):
                    self.assertEqual(len(result[field]), 2)
                self.assertEqual(result["min"], min(result["times"]))
                self.assertEqual(result["max"], max(result["times"]))
                self.assertLessEqual(result["min"], result["median"])
                self.assertLessEqual(result["median"], result["max"])
                self.assertTrue(result["command"].startswith("concur primes --model="))
                self.assertIn(" --method=trial-simple", result["command"])
                self.assertEqual(set(result["parameters"]), {"model", "workers"})
            self.assertEqual(results[2]["parameters"], {"model": "thread", "workers": "2"})
            self.assertEqual(results[0]["speedup"], 1.0)
            self.assertGreater(document["concur"]["floor"], 0)
            self.assertEqual(document["concur"]["method"], "trial-simple")
            self.assertIs(document["concur"]["complete"], True)
            self.assertEqual(document["concur"]["rounds_finished"], 2)
            machine = document["concur"]["machine"]
            self.assertIn(machine["vendor"], ("AuthenticAMD", "GenuineIntel", ""))
            self.assertIn("sse2", machine["simd"])
            self.assertIsNone(machine["kernel"])  # the book's loop uses no vector kernel

            with open(paths["csv"]) as f:
                table = list(csv.DictReader(f))
            self.assertEqual(len(table), 6)
            self.assertEqual(list(table[0]), ["command", "model", "workers", "runs", "complete", "mean", "stddev",
                                              "median", "user", "system", "min", "max", "speedup", "ceiling",
                                              "efficiency"])
            self.assertEqual({row["complete"] for row in table}, {"true"})
            self.assertEqual(table[4]["model"], "process")
            self.assertEqual(table[4]["workers"], "2")
            self.assertEqual(table[5]["model"], "coroutine")

            with open(paths["md"]) as f:
                markdown = f.read().splitlines()
            self.assertRegex(markdown[0], r"^\| Model \| Workers \| Median \[(s|ms|µs)\] \| Min \[(s|ms|µs)\] \| "
                                          r"Max \[(s|ms|µs)\] \| Speedup \| Ceiling \| Efficiency \|$")
            self.assertEqual(len(markdown), 8)
            self.assertTrue(markdown[4].startswith("| `thread` | 2 |"), markdown)

            svg = ElementTree.parse(paths["svg"]).getroot()  # raises if not well-formed XML
            self.assertEqual(svg.tag, "{http://www.w3.org/2000/svg}svg")
            lines_drawn = svg.findall("{http://www.w3.org/2000/svg}polyline")
            # thread, process, coroutine's one point, the baseline, the ideal and the ceiling
            self.assertEqual(len(lines_drawn), 6 if len(os.sched_getaffinity(0)) >= 2 else 5)
            texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
            self.assertIn("ideal", texts)
            self.assertIn("simple trial division", texts)

    def test_method_is_chosen_and_recorded(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bench.json")
            done = run("bench", "--numbers=book", "--runs=1", "--warmup=0", "--procs=2", "--method=miller-rabin",
                       "--models=coroutine,thread", f"--export-json={path}")
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("(book, Miller-Rabin)", done.stdout.splitlines()[0])
            with open(path) as f:
                document = json.load(f)
            self.assertEqual(document["concur"]["method"], "miller-rabin")
            self.assertEqual([r["command"] for r in document["results"]],
                             ["concur primes --model=coroutine --method=miller-rabin --numbers=book",
                              "concur primes --model=thread --method=miller-rabin --procs=2 --numbers=book"])

    def test_numbers_from_stdin_and_a_note_past_the_cpus(self):
        cpus = len(os.sched_getaffinity(0))
        done = run("bench", "--numbers=-", "--runs=1", "--warmup=0", "--models=thread",
                   f"--procs={cpus + 1}", stdin="97 98 99\n")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("Checking 3 numbers (standard input, simple trial division)", done.stdout)
        self.assertIn(f"Past {cpus} workers (the CPUs this process may use), workers take turns",
                      " ".join(done.stdout.split()))
        self.assertIn("add sequential to --models", done.stdout)

    def test_an_export_that_cannot_be_written_stops_before_measuring(self):
        done = run("bench", "--export-svg=/nonexistent/dir/chart.svg", timeout=10)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stdout, "")
        self.assertIn("/nonexistent/dir/chart.svg", done.stderr)


class BenchProgress(unittest.TestCase):
    @staticmethod
    def screen_of_bench(term):
        """What a 40-column pseudo-terminal shows of a short bench run, its TERM set to `term`."""
        import fcntl, pty, select, struct, termios
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
        proc = subprocess.Popen([CONCUR, "bench", "--numbers=seed", "--method=trial", "--runs=2", "--warmup=1"],
                                stdin=slave, stdout=subprocess.DEVNULL, stderr=slave, env=dict(os.environ, TERM=term))
        os.close(slave)
        screen = b""
        while select.select([master], [], [], 30)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the last holder of the terminal's other side has gone
                break
            if not chunk:
                break
            screen += chunk
        os.close(master)
        assert proc.wait(timeout=30) == 0, screen
        return screen

    def test_the_progress_line_never_reaches_the_last_column(self):
        # A progress line wider than the terminal wraps, and each \r-redraw then leaves a row
        # behind. Run on a 40-column pseudo-terminal, every update must fit in 39 columns.
        import re
        screen = self.screen_of_bench("xterm")
        updates = [u for u in re.split(rb"\r\x1b\[K", screen) if u.startswith(b"bench: ")]
        self.assertGreater(len(updates), 4, screen)
        for update in updates:
            self.assertLessEqual(len(update.decode()), 39, update)

    def test_a_dumb_terminal_gets_no_progress_line(self):
        # TERM=dumb (Emacs' shell, some CI logs) cannot redraw a line: like spin, no \r frames.
        screen = self.screen_of_bench("dumb")
        self.assertNotIn(b"\r\x1b[K", screen)
        self.assertNotIn(b"bench: ", screen)


class Cost(unittest.TestCase):
    UNITS = {"µs", "B", "KiB", "MiB"}

    def test_tiny_counts_give_positive_figures_with_units(self):
        done = run("cost", "--count=10", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads(done.stdout)
        self.assertEqual(document["count"], 10)
        figures = {(f["model"], f["measure"]): f for f in document["figures"]}
        for key in (("thread", "start_finish"), ("process", "start_finish"), ("thread", "round_trip"),
                    ("process", "round_trip"), ("thread", "reserved_per_unit"), ("thread", "resident_per_1000"),
                    ("process", "resident_per_unit"), ("process", "proportional_per_unit"),
                    ("coroutine", "start_finish"), ("coroutine", "round_trip"), ("coroutine", "frame_bytes"),
                    ("coroutine", "heap_per_unit"), ("coroutine", "resident_per_100000")):
            self.assertIn(key, figures)
        self.assertEqual(figures[("coroutine", "frame_bytes")]["samples"], 1000)  # 100 tasks per --count
        for figure in document["figures"]:
            self.assertGreater(figure["value"], 0, figure)
            self.assertIn(figure["unit"], self.UNITS)
            self.assertGreater(figure["samples"], 0)
            self.assertIn("ratio_to_coroutine", figure)
        # Each ratio is the figure over the coroutine figure of its kind, from the same run.
        for model in ("thread", "process", "coroutine"):
            for measure in ("start_finish", "round_trip"):
                figure = figures[(model, measure)]
                expected = figure["value"] / figures[("coroutine", measure)]["value"]
                self.assertAlmostEqual(figure["ratio_to_coroutine"], expected, delta=expected * 1e-4)
        thread_stack = figures[("thread", "stack_size")]
        self.assertAlmostEqual(thread_stack["ratio_to_coroutine"],
                               thread_stack["value"] * 2**20 / figures[("coroutine", "frame_bytes")]["value"],
                               delta=thread_stack["ratio_to_coroutine"] * 1e-4)
        self.assertIsNone(figures[("coroutine", "heap_per_unit")]["ratio_to_coroutine"])

    def test_table(self):
        done = run("cost", "--count=10")
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        self.assertIn("--count=10", lines[0])
        self.assertEqual(lines[1].split()[-2:], ["vs", "coroutine"])
        for line in lines:
            self.assertLess(len(line), 80, line)  # fits an 80-column terminal
        # A description too long for its column goes on below its row, indented by two.
        rows = [line for line in lines[2:] if not line.startswith("  ")]
        self.assertEqual(len(rows), 15)
        for row in rows:
            *_, model, value, unit, samples, ratio = row.split()
            self.assertGreater(float(value), 0, row)
            self.assertIn(unit, self.UNITS)
            self.assertGreater(int(samples), 0)
            if model == "coroutine":
                self.assertIn(ratio, ("1.00x", "-"), row)
            else:
                self.assertRegex(ratio, r"^\d+(\.\d+)?x$", row)


class UsageErrors(unittest.TestCase):
    CASES = [
        (["primes", "--model=coroutines"], "'coroutines'"),
        (["primes", "--model="], "--model"),
        (["bench", "--models=thread,bogus"], "'bogus'"),
        (["bench", "--models="], "--models"),
        (["bench", "--procs=8..1"], "'8..1'"),
        (["bench", "--procs=0"], "'0'"),
        (["bench", "--procs=1,x"], "'1,x'"),
        (["bench", "--procs=513"], "'513'"),
        (["bench", "--runs=0"], "'0'"),
        (["bench", "--warmup=-1"], "'-1'"),
        (["bench", "--numbers=all"], "all"),
        (["bench", "--method=fermat"], "fermat"),
        (["cost", "--count=5"], "'5'"),
        (["cost", "--count=ten"], "'ten'"),
    ]

    def test_each_bad_input_exits_2_with_one_line(self):
        for args, named in self.CASES:
            with self.subTest(args=args):
                done = run(*args, timeout=10)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stdout, "")
                self.assertEqual(len(done.stderr.splitlines()), 1, done.stderr)
                self.assertIn(named, done.stderr)
                self.assertTrue(done.stderr.startswith("concur: "))

    def test_help_names_the_models_and_what_ignores_procs(self):
        done = run("primes", "--help")
        self.assertIn("--model", done.stdout)
        self.assertIn("sequential and coroutine models accept and ignore it", " ".join(done.stdout.split()))
        for command in ("bench", "cost"):
            done = run(command, "--help")
            self.assertEqual(done.returncode, 0)
            self.assertIn("Exit status", done.stdout)


if __name__ == "__main__":
    unittest.main()
