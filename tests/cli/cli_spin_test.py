"""End-to-end tests of `concur spin`: the real binary, with and without a terminal.

Run by ctest with CONCUR set to the binary's path. Short --seconds keep the suite fast.
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

from concur import CONCUR, SPIN_MODELS as MODELS, run
from processes import alive, catches, children_of, wait_until
from pty_run import HIDE_CURSOR, SHOW_CURSOR, TERMINAL, PtyRun

BLANK = b"\r" + b" " * len("x thinking!") + b"\r"
# A prime whose check takes a few tenths of a second: long enough for several frames.
MEDIUM_PRIME = 100000000000000003


def spin(*args, timeout=60, **kwargs):
    return run("spin", *args, timeout=timeout, **kwargs)


def stats_of(stdout):
    found = {}
    for key, pattern in (("frames", r"frames drawn: (\d+)"),
                         ("gap", r"longest gap between frames: (\d+\.\d+)s"),
                         ("work", r"work wall time: (\d+\.\d+)s"),
                         ("cpu", r"CPU time: (\d+\.\d+)s")):
        match = re.search(pattern, stdout)
        assert match, f"no {key} in {stdout!r}"
        found[key] = float(match.group(1))
    return found


class on_a_terminal(PtyRun):
    """`concur spin ARGS` with stderr on a pseudo-terminal (stdout a pipe, or `stdout`)."""

    def __init__(self, *args, term="xterm", stdout=subprocess.PIPE):
        super().__init__([CONCUR, "spin", *args], term=term, stdout=stdout)

    def read_until(self, predicate, timeout=10.0):
        return wait_until(lambda: predicate(self.received()), timeout)

    def finish(self, timeout=60):
        """(exit status, stdout), once concur has ended; the terminal is closed."""
        status = super().finish(timeout)
        self.close()
        return status, self.stdout()


class SpinWithoutTerminal(unittest.TestCase):
    def test_every_model_answers_42_with_no_frames(self):
        for model in MODELS:
            with self.subTest(model=model):
                done = spin(f"--model={model}", "--seconds=0.3")
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(done.stderr, "")  # no \r frames, no cursor codes
                lines = done.stdout.splitlines()
                self.assertEqual(len(lines), 2, lines)
                self.assertTrue(lines[0].startswith("spinner object: <"), lines[0])
                self.assertEqual(lines[1], "Answer: 42")
                self.assertNotIn("\r", done.stdout)

    def test_the_spinner_object_names_the_execution_unit(self):
        self.assertRegex(spin("--model=thread", "--seconds=0").stdout, r"<std::thread id=\d+ \(spin\)>")
        self.assertRegex(spin("--model=process", "--seconds=0").stdout,
                         r"<child process pid=\d+ parent=\d+ \(spin\)>")
        self.assertRegex(spin("--model=coroutine", "--seconds=0").stdout,
                         r"<task #2 \(spin\) on concur's event loop>")

    def test_frames_are_counted_even_when_not_shown(self):
        for model in MODELS:
            with self.subTest(model=model):
                done = spin(f"--model={model}", "--seconds=0.5", "--stats")
                self.assertEqual(done.returncode, 0, done.stderr)
                stats = stats_of(done.stdout)
                self.assertGreaterEqual(stats["frames"], 2)  # the spinner turned during the sleep
                self.assertGreaterEqual(stats["work"], 0.5)

    def test_block_and_prime_freeze_only_the_coroutine(self):
        done = spin("--model=coroutine", "--work=block", "--seconds=0.5", "--stats")
        self.assertEqual(done.returncode, 0, done.stderr)
        stats = stats_of(done.stdout)
        # None at all, as in the book's spinner_async_experiment.py: the supervisor blocks
        # before its first await and then cancels the spinner, which never got a first step.
        self.assertEqual(stats["frames"], 0)
        self.assertGreaterEqual(stats["gap"], 0.5)  # the whole work, without a frame
        for model in ("thread", "process"):
            with self.subTest(model=model):
                done = spin(f"--model={model}", "--work=block", "--seconds=0.5", "--stats")
                self.assertGreaterEqual(stats_of(done.stdout)["frames"], 2)

    def test_prime_with_naps_lets_the_coroutine_spinner_turn(self):
        frozen = spin("--model=coroutine", "--work=prime", f"--number={MEDIUM_PRIME}", "--stats")
        self.assertEqual(frozen.returncode, 0, frozen.stderr)
        self.assertIn("100,000,000,000,000,003 is prime", frozen.stdout)
        self.assertEqual(stats_of(frozen.stdout)["frames"], 0)
        napping = spin("--model=coroutine", "--work=prime", f"--number={MEDIUM_PRIME}", "--nap=1000", "--stats")
        self.assertEqual(napping.returncode, 0, napping.stderr)
        self.assertIn("100,000,000,000,000,003 is prime", napping.stdout)
        stats = stats_of(napping.stdout)
        if stats["work"] >= 0.3:  # enough time for a second frame even on a fast machine
            self.assertGreaterEqual(stats["frames"], 2)

    def test_prime_answers_with_thousands_separators(self):
        for model in MODELS:
            with self.subTest(model=model):
                self.assertIn("1,000,003 is prime",
                              spin(f"--model={model}", "--work=prime", "--number=1000003").stdout)
                self.assertIn("1,000,001 is not prime",
                              spin(f"--model={model}", "--work=prime", "--number=1000001").stdout)

    def test_json(self):
        done = spin("--model=coroutine", "--work=prime", "--number=1000003", "--nap=10", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads(done.stdout)
        self.assertEqual(document["command"], "spin")
        self.assertEqual(document["model"], "coroutine")
        self.assertEqual(document["work"], "prime")
        self.assertEqual(document["nap"], 10)
        self.assertEqual(document["number"], 1000003)
        self.assertIs(document["prime"], True)
        self.assertGreaterEqual(document["frames"], 1)
        for key in ("longest_gap", "work_elapsed", "cpu_user", "cpu_system"):
            self.assertIsInstance(document[key], (int, float))
        self.assertEqual(document["ending"], "complete")
        self.assertIsNone(document["lost_spinner"])
        sleep = json.loads(spin("--seconds=0", "--json").stdout)
        self.assertEqual(sleep["answer"], 42)
        self.assertIsNone(sleep["nap"])

    def interrupted_json(self, model, sent, *work):
        """`spin --json` of `model` stopped by `sent` half a second into its work: (status,
        the document, stderr)."""
        proc = subprocess.Popen([CONCUR, "spin", f"--model={model}", "--json", *work], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            self.assertTrue(wait_until(lambda: catches(proc.pid, signal.SIGINT, signal.SIGTERM)))
            time.sleep(0.5)
            proc.send_signal(sent)
            stdout, stderr = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        return proc.returncode, json.loads(stdout), stderr

    def test_json_closes_its_document_when_interrupted(self):
        for model in MODELS:
            for sent, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
                with self.subTest(model=model, signal=sent.name):
                    returned, document, stderr = self.interrupted_json(model, sent, "--seconds=30")
                    self.assertEqual(returned, status, stderr)
                    self.assertEqual(stderr, f"concur: interrupted by {sent.name}\n")
                    self.assertEqual(document["ending"], "interrupted")
                    self.assertIsNone(document["answer"])  # the work never gave one
                    self.assertIsNone(document["lost_spinner"])
                    self.assertEqual(document["model"], model)
                    self.assertTrue(document["spinner_object"].startswith("<"), document)
                    self.assertGreaterEqual(document["frames"], 3)  # about 5 in half a second
                    self.assertGreaterEqual(document["work_elapsed"], 0.4)
                    self.assertLess(document["work_elapsed"], 29)
                    for key in ("longest_gap", "cpu_user", "cpu_system"):
                        self.assertIsInstance(document[key], (int, float))

    def test_an_interrupted_prime_check_has_no_verdict(self):
        returned, document, _ = self.interrupted_json("coroutine", signal.SIGINT, "--work=prime")
        self.assertEqual(returned, 130)
        self.assertEqual(document["number"], 4000000000000000037)
        self.assertIsNone(document["prime"])
        self.assertEqual(document["frames"], 0)  # frozen, as the work never awaits
        self.assertEqual(document["ending"], "interrupted")

    def test_bad_values_are_usage_errors(self):
        cases = {
            ("--model=fiber",): "--model",
            ("--work=nap",): "--work",
            ("--seconds=-1",): "--seconds: '-1'",
            ("--seconds=1e3",): "--seconds: '1e3'",
            ("--seconds=nan",): "--seconds: 'nan'",
            ("--seconds=3601",): "--seconds: '3601'",
            ("--seconds=",): "--seconds",
            ("--model=coroutine", "--work=prime", "--nap=0"): "--nap: '0'",
            ("--model=thread", "--work=prime", "--nap=10"):
                "--nap: '10' is not used by --model=thread --work=prime; allowed: --nap with --model=coroutine "
                "--work=prime",
            ("--model=coroutine", "--nap=10"):
                "--nap: '10' is not used by --model=coroutine --work=sleep; allowed: --nap with --model=coroutine "
                "--work=prime",
            ("--work=prime", "--number=-5"): "--number",
            ("--number=7",): "--number: '7' is not used by --work=sleep; allowed: --number with --work=prime",
            ("--work=prime", "--seconds=1"):
                "--seconds: '1' is not used by --work=prime (it checks --number); allowed: --seconds with "
                "--work=sleep or --work=block",
            ("--message=a\tb",): "--message",
            ("--message=a\u009bb",): "--message: 'a\\xc2\\x9bb'",  # U+009B, CSI in UTF-8
            ("--message=a\udc9b2J",): "--message: 'a\\x9b2J'",  # a lone byte 0x9b (surrogateescape)
            ("--message=" + "x" * 201,): "(201 bytes)' is not a spinner message; allowed: 1 to 200 bytes",
        }
        for args, message in cases.items():
            with self.subTest(args=args):
                done = spin(*args)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stdout, "")
                self.assertEqual(len(done.stderr.splitlines()), 1, done.stderr)
                self.assertTrue(done.stderr.startswith("concur: "), done.stderr)
                self.assertIn(message, done.stderr)

    def test_seconds_take_any_plain_decimal(self):
        # ".1" is a number: accepted, as "0.1" and "1." are; the work lasts at least that long.
        for text, seconds in ((".1", 0.1), ("0.1", 0.1), ("0.", 0.0), ("000.05", 0.05), ("0.000000001", 1e-9)):
            with self.subTest(seconds=text):
                done = spin(f"--seconds={text}", "--json")
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertGreaterEqual(json.loads(done.stdout)["work_elapsed"], seconds)

    def test_help_names_the_default_number(self):
        done = subprocess.run([CONCUR, "spin", "--help"], capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 0)
        self.assertIn("4000000000000000037", done.stdout)

    def test_a_closed_stdout_ends_quietly_with_141_and_a_full_one_with_1(self):
        for model in MODELS:
            with self.subTest(model=model):
                proc = subprocess.Popen([CONCUR, "spin", f"--model={model}", "--seconds=0.2"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                proc.stdout.close()  # the reader is gone before the first line
                _, stderr = proc.communicate(timeout=30)
                self.assertEqual(proc.returncode, 141)
                self.assertEqual(stderr, b"")
                with open("/dev/full", "w") as full:
                    done = subprocess.run([CONCUR, "spin", f"--model={model}", "--seconds=0.2"],
                                          stdout=full, stderr=subprocess.PIPE, text=True, timeout=30)
                self.assertEqual(done.returncode, 1)
                self.assertEqual(done.stderr,
                                 "concur: cannot write to standard output: No space left on device\n")

    def test_process_child_dies_with_a_sigkilled_parent(self):
        proc = subprocess.Popen([CONCUR, "spin", "--model=process", "--seconds=30"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            self.assertTrue(wait_until(lambda: children_of(proc.pid)), "no child started")
            child = children_of(proc.pid)[0]
            proc.kill()
            proc.wait(timeout=10)
            self.assertTrue(wait_until(lambda: not alive(child)), f"child {child} outlived its parent")
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()

    def test_sigterm_without_a_terminal_exits_143_and_reaps_the_child(self):
        proc = subprocess.Popen([CONCUR, "spin", "--model=process", "--seconds=30"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertTrue(wait_until(lambda: children_of(proc.pid)), "no child started")
        child = children_of(proc.pid)[0]
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=10)
        self.assertEqual(proc.returncode, 143)
        self.assertEqual(stderr.decode(), "concur: interrupted by SIGTERM\n")
        self.assertFalse(alive(child))


class SpinOnATerminal(unittest.TestCase):
    def test_frames_are_drawn_the_line_cleared_and_the_cursor_restored(self):
        for model in MODELS:
            with self.subTest(model=model):
                term = on_a_terminal(f"--model={model}", "--seconds=0.5")
                status, stdout = term.finish()
                self.assertEqual(status, 0)
                self.assertEqual(stdout.splitlines()[-1], "Answer: 42")
                screen = term.received()
                self.assertTrue(screen.startswith(HIDE_CURSOR), screen)
                self.assertIn(b"\r\\ thinking!", screen)
                self.assertIn(b"\r| thinking!", screen)
                self.assertIn(b"\r/ thinking!", screen)
                self.assertTrue(screen.endswith(BLANK + SHOW_CURSOR), screen[-40:])

    def test_the_frozen_coroutine_draws_no_frame_as_in_the_book(self):
        term = on_a_terminal("--model=coroutine", "--work=block", "--seconds=0.3")
        status, _ = term.finish()
        self.assertEqual(status, 0)
        self.assertEqual(term.received(), HIDE_CURSOR + SHOW_CURSOR)

    def test_a_dumb_terminal_gets_no_frames(self):
        term = on_a_terminal("--seconds=0.3", term="dumb")
        status, stdout = term.finish()
        self.assertEqual(status, 0)
        self.assertEqual(term.received(), b"")
        self.assertIn("Answer: 42", stdout)

    def test_ctrl_c_restores_the_cursor_and_exits_130(self):
        cases = [(model, "--work=sleep") for model in MODELS] + [("coroutine", "--work=block")]
        for model, work in cases:
            with self.subTest(model=model, work=work):
                term = on_a_terminal(f"--model={model}", work, "--seconds=30")
                if work == "--work=block":
                    # The frozen loop draws nothing; the spinner object line is printed just
                    # before the blocking sleep begins.
                    self.assertTrue(wait_until(lambda: "spinner object: " in term.stdout()), term.stdout())
                else:
                    self.assertTrue(term.read_until(lambda s: b"| thinking!" in s), term.received())
                children = children_of(term.proc.pid)
                os.killpg(term.proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole group
                status, _ = term.finish(timeout=10)
                self.assertEqual(status, 130)
                self.assertTrue(term.received().endswith(SHOW_CURSOR + b"concur: interrupted by SIGINT\r\n"),
                                term.received()[-60:])
                for child in children:
                    self.assertFalse(alive(child), f"child {child} left running")

    def test_sigterm_restores_the_cursor_and_exits_143(self):
        term = on_a_terminal("--model=thread", "--seconds=30")
        self.assertTrue(term.read_until(lambda s: b"| thinking!" in s))
        term.proc.send_signal(signal.SIGTERM)
        status, _ = term.finish(timeout=10)
        self.assertEqual(status, 143)
        self.assertIn(SHOW_CURSOR, term.received()[term.received().rfind(b"thinking!"):])


if __name__ == "__main__":
    unittest.main()
