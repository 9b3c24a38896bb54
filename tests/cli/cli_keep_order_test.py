"""End-to-end tests of `concur primes --keep-order`: results in input order, in every model.

Run by ctest with CONCUR set to the binary's path.
"""
import json
import os
import signal
import subprocess
import sys
import time
import unittest

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR, run
from primes_expected import RESULT_LINE

MODELS = ("sequential", "thread", "process", "coroutine")
# A prime that takes a few hundred milliseconds to check with the default method (it travels
# alone), against microseconds for each of the small numbers after it: with two workers, the
# other worker checks all of them while the first is still on it.
SLOW_PRIME = 999999999999999989
NUMBERS = [SLOW_PRIME] + list(range(2, 400))
# The largest 64-bit prime: a few tenths of a second to check (seconds with the book's loop),
# so a run can be watched while it is on it.
SLOWER_PRIME = 18446744073709551557


def result_numbers(lines):
    """The numbers of result lines, in the order printed."""
    numbers = []
    for line in lines:
        match = RESULT_LINE.match(line)
        assert match, f"not a result line: {line!r}"
        numbers.append(int(match.group(1)))
    return numbers


def printed_numbers(stdout):
    """The numbers of a whole run's result lines (the header and the summary left out)."""
    return result_numbers(stdout.splitlines()[1:-1])


class KeepOrder(unittest.TestCase):
    def test_every_model_prints_in_input_order_behind_a_slow_first_number(self):
        for model in MODELS:
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=2", "--keep-order", *map(str, NUMBERS))
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(printed_numbers(done.stdout), NUMBERS)

    def test_json_keeps_the_input_order_in_every_model(self):
        for model in MODELS:
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=2", "--keep-order", "--json", *map(str, NUMBERS))
                self.assertEqual(done.returncode, 0, done.stderr)
                document = json.loads(done.stdout)
                self.assertEqual([r["number"] for r in document["results"]], NUMBERS)
                self.assertEqual(document["ending"], "complete")

    def test_standard_input_keeps_its_order(self):
        text = "\n".join(map(str, NUMBERS)) + "\n"
        for model in ("thread", "process"):
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=2", "--keep-order", "-", stdin=text)
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(printed_numbers(done.stdout), NUMBERS)

    def test_without_it_a_pool_prints_the_slow_number_last(self):
        # What the tests above would show by luck if --keep-order did nothing: they do not.
        for model in ("thread", "process"):
            with self.subTest(model=model):
                done = run("primes", f"--model={model}", "--procs=2", *map(str, NUMBERS))
                self.assertEqual(done.returncode, 0, done.stderr)
                printed = printed_numbers(done.stdout)
                self.assertEqual(sorted(printed), sorted(NUMBERS))
                self.assertEqual(printed[-1], SLOW_PRIME)

    def start(self, model, numbers, *options):
        return subprocess.Popen([CONCUR, "primes", f"--model={model}", "--procs=2", "--keep-order", *options,
                                 *map(str, numbers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def read_result_lines(self, proc, count):
        proc.stdout.readline()  # the header
        return result_numbers([proc.stdout.readline().rstrip("\n") for _ in range(count)])

    def test_results_before_a_slow_number_are_printed_while_it_is_checked(self):
        # Streamed, not sorted at the end: 2, 3 and 4 wait for nobody.
        for model in ("thread", "process"):
            with self.subTest(model=model):
                start = time.monotonic()
                proc = self.start(model, [2, 3, 4, SLOWER_PRIME, 5, 6])
                self.assertEqual(self.read_result_lines(proc, 3), [2, 3, 4])
                printed = time.monotonic()
                rest, err = proc.communicate(timeout=60)
                ended = time.monotonic()
                self.assertEqual(proc.returncode, 0, err)
                lines = rest.splitlines()[:-1]
                self.assertEqual(result_numbers(lines), [SLOWER_PRIME, 5, 6])
                # The first lines came while the slow number was being checked, not at the end.
                slow_check = float(RESULT_LINE.match(lines[0]).group(3))
                self.assertGreater(ended - printed, slow_check / 2,
                                   f"first lines after {printed - start:.2f}s, the slow check took {slow_check}s")

    def test_an_interrupt_prints_what_waited_behind_the_unfinished_number_in_order(self):
        for model in ("thread", "process"):
            with self.subTest(model=model):
                # The book's loop: seconds on the slow prime, where the default method takes
                # about 0.3 s, as long as the wait below.
                proc = self.start(model, [2, 3, SLOWER_PRIME, 5, 6, 7], "--method=trial-simple")
                self.assertEqual(self.read_result_lines(proc, 2), [2, 3])
                time.sleep(0.3)  # 5, 6 and 7 are answered meanwhile, and wait for the slow one
                proc.send_signal(signal.SIGINT)
                rest, err = proc.communicate(timeout=10)
                self.assertEqual(proc.returncode, 130, err)
                self.assertEqual(result_numbers(rest.splitlines()), [5, 6, 7])  # no summary line

    def test_help_states_the_bound_on_results_held(self):
        done = run("primes", "--help")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("--keep-order", done.stdout)
        self.assertIn("65536 finished results", " ".join(done.stdout.split()))


if __name__ == "__main__":
    unittest.main()
