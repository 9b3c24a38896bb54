"""`concur primes` and its live status block, on a pseudo-terminal.

- The block appears below the results in every model, the result lines stay whole, the block
  is gone at the end and the cursor is shown again.
- Ctrl-C: exit 130, the block erased before the message, the cursor shown.
- Ctrl-Z: while stopped, the block erased and the cursor shown; continued, the run completes.
- A narrow terminal: every status line cut to the width. A short one: the summary line alone.
- Standard output a pipe: the terminal gets nothing, the pipe the same bytes as without a
  display. --progress=always into a pipe: plain lines, no escape sequence.

Run by ctest with CONCUR set to the binary's path. Every run is bounded: a hang is a failure.
"""
import os
import re
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR, run
from leftovers import LEAK_CHECK_OFF as ENVIRONMENT, become_subreaper, collect_leftovers
from processes import children_of, state, wait_until
from pty_run import ESCAPE, HIDE_CURSOR, TERMINAL, PtyRun, cursor_restored, drawn_widths, screen_rows

BOUND = 60.0  # seconds: far beyond any run here, even sanitized on a busy machine
# Numbers of the book's fixture the seed's loop takes a tenth of a second or more each on,
# even on a fast machine: the block shows meanwhile (its first frame comes after 0.1 s).
SLOW_PRIMES = ("9999999999999917", "7777777777777753", "6666666666666719", "5555555555555503",
               "7777777536340681", "6666667141414921", "4444444444444423", "3333333333333301")
# A prime the seed's loop takes many seconds on: a run that is stopped, never finished.
VERY_SLOW_PRIME = "18446744073709551557"
RESULT_LINE = re.compile(r"^ *\d+  [P ]  \d+\.\d{6}s$")
BLOCK_LINE = re.compile(r"^  (worker +\d+  |\d+ (of \d+ )?checked|\d+ workers: )")


def primes(model, *numbers, extra=()):
    return [CONCUR, "primes", f"--model={model}", "--procs=2", "--method=trial-simple", *extra, *numbers]


class primes_progress_test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        become_subreaper()

    def finish(self, run):
        status = run.finish(BOUND)
        leftovers = collect_leftovers(grace=1.0)
        run.close()
        self.assertIsNotNone(status, f"no end within {BOUND}s: {run.received()[-200:]!r}")
        self.assertEqual(leftovers, [], "processes left behind")
        return status, run.received()

    def shown(self, run, text=b"  worker 1  "):
        """Waits for the block to be drawn."""
        if not wait_until(lambda: text in run.received(), timeout=BOUND):
            os.killpg(run.proc.pid, signal.SIGKILL)
            self.finish(run)
            self.fail(f"no status block: {run.received()[-200:]!r}")

    def test_the_block_appears_below_whole_result_lines_and_is_gone_at_the_end(self):
        for model in ("sequential", "coroutine", "thread", "process"):
            with self.subTest(model=model):
                run = PtyRun(primes(model, *SLOW_PRIMES), stdout=TERMINAL, env=ENVIRONMENT, columns=100)
                status, screen = self.finish(run)
                self.assertEqual(status, 0, screen[-300:])
                self.assertIn(b"  worker 1  ", screen)
                self.assertIn(b"% of divisors", screen)
                self.assertIn(HIDE_CURSOR, screen)
                self.assertTrue(cursor_restored(screen))
                rows = [row for row in screen_rows(screen, columns=100) if row]
                self.assertTrue(rows[0].startswith(f"Checking {len(SLOW_PRIMES)} numbers"), rows)
                self.assertTrue(rows[-1].startswith(f"{len(SLOW_PRIMES)} checks in "), rows)
                results = rows[1:-1]
                self.assertEqual(len(results), len(SLOW_PRIMES), rows)
                for line in results:
                    self.assertRegex(line, RESULT_LINE)
                self.assertEqual(sorted(line.split()[0] for line in results), sorted(SLOW_PRIMES))

    def test_results_arriving_under_the_block_push_it_down(self):
        # The sequential model prints each result as it comes, with the block on screen.
        run = PtyRun(primes("sequential", *SLOW_PRIMES), stdout=TERMINAL, env=ENVIRONMENT, columns=100)
        some_checked = re.compile(rf"  [1-9] of {len(SLOW_PRIMES)} checked".encode())
        if not wait_until(lambda: some_checked.search(run.received()), timeout=BOUND):
            os.killpg(run.proc.pid, signal.SIGKILL)
            self.finish(run)
            self.fail(f"no block after a result: {run.received()[-200:]!r}")
        middle = [row for row in screen_rows(run.received(), columns=100) if row]
        status, screen = self.finish(run)
        self.assertEqual(status, 0)
        self.assertTrue(middle[0].startswith(f"Checking {len(SLOW_PRIMES)} numbers"), middle)
        self.assertRegex(middle[1], RESULT_LINE)
        # Below the results, the block: every row either a whole result line or a status line.
        block = [row for row in middle[1:] if not RESULT_LINE.match(row)]
        self.assertGreater(len(block), 0, middle)
        for row in block:
            self.assertRegex(row, BLOCK_LINE)
        first_status = next(i for i, row in enumerate(middle) if BLOCK_LINE.match(row))
        self.assertTrue(all(BLOCK_LINE.match(row) for row in middle[first_status:]), middle)

    def test_ctrl_c_erases_the_block_and_exits_130(self):
        for model in ("sequential", "thread", "process"):
            with self.subTest(model=model):
                run = PtyRun(primes(model, VERY_SLOW_PRIME, VERY_SLOW_PRIME), stdout=TERMINAL, env=ENVIRONMENT)
                self.shown(run)
                os.killpg(run.proc.pid, signal.SIGINT)
                status, screen = self.finish(run)
                self.assertEqual(status, 130, screen[-300:])
                self.assertTrue(cursor_restored(screen))
                rows = [row for row in screen_rows(screen) if row]
                self.assertEqual(len(rows), 2, rows)
                self.assertTrue(rows[-1].startswith("concur: interrupted by SIGINT after 0 checks"), rows)

    def test_ctrl_z_erases_the_block_while_stopped_and_the_run_goes_on(self):
        for model in ("thread", "process"):
            with self.subTest(model=model):
                # A group of its own in this session: SIGTSTP stops it, as in a shell.
                run = PtyRun(primes(model, *SLOW_PRIMES), stdout=TERMINAL, env=ENVIRONMENT, new_session=False)
                self.shown(run)
                units = [run.proc.pid, *children_of(run.proc.pid)]
                os.killpg(run.proc.pid, signal.SIGTSTP)  # Ctrl-Z
                stopped = wait_until(lambda: all(state(pid) == "T" for pid in units), timeout=10)
                time.sleep(0.3)  # three frames' time: nothing may be drawn while stopped
                while_stopped = run.received()
                time.sleep(0.2)
                self.assertEqual(run.received(), while_stopped, "drawn while stopped")
                os.killpg(run.proc.pid, signal.SIGCONT)  # fg
                status, screen = self.finish(run)
                self.assertTrue(stopped, "not every process stopped by SIGTSTP")
                self.assertEqual(status, 0, screen[-300:])
                self.assertTrue(cursor_restored(while_stopped))
                self.assertFalse([row for row in screen_rows(while_stopped) if BLOCK_LINE.match(row)])
                self.assertTrue(cursor_restored(screen))

    def test_a_narrow_terminal_cuts_every_status_line(self):
        # --progress=always: the block is drawn though the results go to a pipe, alone on the screen.
        run = PtyRun(primes("sequential", *SLOW_PRIMES[:4], extra=["--progress=always"]), env=ENVIRONMENT, columns=30)
        status, screen = self.finish(run)
        self.assertEqual(status, 0)
        self.assertIn(b"  worker 1  ", screen)
        self.assertLessEqual(max(drawn_widths(screen)), 29, screen)

    def test_a_short_terminal_gets_the_summary_line_alone(self):
        run = PtyRun(primes("thread", VERY_SLOW_PRIME, VERY_SLOW_PRIME), stdout=TERMINAL, env=ENVIRONMENT, rows=8)
        self.shown(run, b"2 workers: 2 busy, 0 idle; 0 of 2 checked")
        os.killpg(run.proc.pid, signal.SIGINT)
        status, screen = self.finish(run)
        self.assertEqual(status, 130)
        self.assertNotIn(b"  worker 1  ", screen)

    def test_a_pipe_gets_the_bytes_of_a_run_without_a_display(self):
        # The same bytes but the timings; one check at a time, so the same order too.
        timings = re.compile(r"\d+\.\d+s")
        for model in ("sequential", "coroutine"):
            with self.subTest(model=model):
                never = run("primes", f"--model={model}", "--numbers=book", "--progress=never")
                piped = PtyRun([CONCUR, "primes", f"--model={model}", "--numbers=book"], env=ENVIRONMENT)
                status, screen = self.finish(piped)
                self.assertEqual((never.returncode, status), (0, 0))
                self.assertEqual(screen, b"", "drawn on the terminal while standard output is a pipe")
                self.assertEqual(timings.sub("T", piped.stdout()), timings.sub("T", never.stdout))
                self.assertEqual(never.stderr, "")

    def test_always_into_a_pipe_writes_plain_lines(self):
        proc = subprocess.Popen(primes("sequential", VERY_SLOW_PRIME, extra=["--progress=always"]),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENVIRONMENT)
        os.set_blocking(proc.stderr.fileno(), False)
        seen = bytearray()

        def report_arrived():
            seen.extend(proc.stderr.read() or b"")
            return b"0 of 1 checked" in seen

        arrived = wait_until(report_arrived, timeout=BOUND)
        proc.send_signal(signal.SIGINT)
        out, rest = proc.communicate(timeout=BOUND)
        seen.extend(rest or b"")
        self.assertTrue(arrived, bytes(seen))
        self.assertEqual(proc.returncode, 130)
        self.assertIn(b"  worker 1  18446744073709551557  ", seen)
        self.assertIsNone(ESCAPE.search(bytes(seen)), bytes(seen))


if __name__ == "__main__":
    unittest.main()
