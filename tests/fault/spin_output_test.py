"""Output trouble for `concur spin`, each model, with the spinner drawing on a pseudo-terminal.

Standard output full (/dev/full), closed (no descriptor 1), read by `head -n 1`, or copied
onto the same terminal late by another program (`| cat`); the terminal resized while the
spinner turns; a very long --message on a narrow terminal, and one of wide characters (CJK,
emoji) and combining accents, cut by columns. Each run must end with the documented status,
leave no process behind and the cursor shown, and no line the spinner draws may be as wide as
the terminal (the next character would wrap it).
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import unittest

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import SPIN_MODELS, spin_command as spin
from leftovers import LEAK_CHECK_OFF, become_subreaper, collect_leftovers
from pty_run import ESCAPE, RELAYED, PtyRun, cursor_restored, drawn_widths, screen_rows, set_window

LONG_MESSAGE = "a very long message that goes on " * 6  # 198 characters


class spin_output_test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        become_subreaper()

    def finish(self, run, timeout=60):
        status = run.finish(timeout)
        leftovers = collect_leftovers(grace=1.0)
        run.close()
        screen = run.received()
        self.assertEqual(leftovers, [], "processes left behind")
        self.assertTrue(cursor_restored(screen), screen[-80:])
        return status, screen

    def test_stdout_full_is_a_system_error(self):
        for model in SPIN_MODELS:
            with self.subTest(model=model), open("/dev/full", "w") as full:
                run = PtyRun(spin(model, "--seconds=0.3"), stdout=full, env=LEAK_CHECK_OFF)
                status, screen = self.finish(run)
                self.assertEqual(status, 1)
                self.assertIn(b"concur: cannot write to standard output: No space left on device", screen)

    def test_stdout_closed_is_a_system_error(self):
        for model in SPIN_MODELS:
            with self.subTest(model=model):
                # A shell's `>&-`: descriptor 1 is not open at all.
                run = PtyRun(["sh", "-c", 'exec "$@" >&-', "sh", *spin(model, "--seconds=0.3")],
                             stdout=subprocess.DEVNULL, env=LEAK_CHECK_OFF)
                status, screen = self.finish(run)
                self.assertEqual(status, 1)
                self.assertIn(b"concur: cannot write to standard output: Bad file descriptor", screen)

    def test_head_n_1_ends_it_with_141_and_one_line(self):
        for model in SPIN_MODELS:
            with self.subTest(model=model):
                head = subprocess.Popen(["head", "-n", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                run = PtyRun(spin(model, "--seconds=0.3"), stdout=head.stdin, env=LEAK_CHECK_OFF)
                head.stdin.close()
                first_line = head.stdout.read().decode()
                head.wait(timeout=30)
                status, screen = self.finish(run)
                self.assertEqual(status, 141)  # "Answer: 42" met a pipe nobody reads
                self.assertTrue(first_line.startswith("spinner object: "), first_line)
                self.assertEqual(first_line.count("\n"), 1)
                self.assertNotIn(b"concur:", screen)  # quietly, like any filter

    def test_the_spinner_object_line_never_shares_a_row_with_a_frame_through_a_pipe(self):
        # `concur spin | cat` in a terminal: the line reaches the screen whenever cat writes
        # it, here surely after the first frames (the relay waits 0.25 s). Whenever it comes,
        # it must cover the frame on its row whole, with the default message and a long one.
        for model in SPIN_MODELS:
            for message in ("thinking!", LONG_MESSAGE):
                with self.subTest(model=model, message=message[:12]):
                    run = PtyRun(spin(model, "--seconds=0.6", f"--message={message}"), stdout=RELAYED,
                                 env=LEAK_CHECK_OFF)
                    status, screen = self.finish(run)
                    self.assertEqual(status, 0)
                    rows = screen_rows(screen)
                    object_rows = [row for row in rows if "spinner object: " in row]
                    self.assertEqual(len(object_rows), 1, rows)
                    self.assertTrue(object_rows[0].startswith("spinner object: <"), rows)
                    self.assertTrue(object_rows[0].endswith(">"), rows)  # nothing of a frame after it
                    self.assertIn("Answer: 42", rows)
                    # The frames came first: the relay held the line back while they were drawn.
                    self.assertLess(screen.index(b"thinking!" if message == "thinking!" else b"a very"),
                                    screen.index(b"spinner object: "))

    def test_a_long_message_on_a_narrow_terminal_never_wraps(self):
        for model in SPIN_MODELS:
            for columns in (20, 7, 4):
                with self.subTest(model=model, columns=columns):
                    run = PtyRun(spin(model, "--seconds=0.35", f"--message={LONG_MESSAGE}"),
                                 columns=columns, env=LEAK_CHECK_OFF)
                    status, screen = self.finish(run)
                    self.assertEqual(status, 0)
                    self.assertIn("Answer: 42", run.stdout())
                    self.assertGreaterEqual(screen.count(b"\r"), 4, screen)  # frames were drawn
                    widths = drawn_widths(screen)
                    self.assertLess(max(widths), columns, screen)
                    # The longest start of the message that fits is what is shown.
                    self.assertIn(b"\r| " + LONG_MESSAGE[:columns - 3].encode() + b"\r", screen)

    def test_a_terminal_narrowed_while_spinning_gets_narrower_frames(self):
        for model in SPIN_MODELS:
            # Standard output into a file: into a pipe, frames would be kept within the
            # "spinner object: ..." line's width (see the test above), far below 100 columns.
            with self.subTest(model=model), tempfile.TemporaryFile() as output:
                run = PtyRun(spin(model, "--seconds=1.2", f"--message={LONG_MESSAGE}"), columns=100,
                             stdout=output, env=LEAK_CHECK_OFF)
                deadline = time.monotonic() + 10
                while run.received().count(b"\r") < 3 and time.monotonic() < deadline:
                    time.sleep(0.01)
                before = run.received()
                set_window(run.master, 30)
                for _ in range(3):  # what the kernel sends the terminal's group; more than once
                    os.killpg(run.proc.pid, signal.SIGWINCH)
                # Any frame drawn before the resize has arrived 150 ms later (one every 100 ms).
                time.sleep(0.15)
                mark = len(run.received())
                status, screen = self.finish(run)
                self.assertEqual(status, 0)
                output.seek(0)
                self.assertIn(b"Answer: 42", output.read())
                self.assertEqual(max(drawn_widths(before)), 99, before)  # 100 columns, the last left free
                after = drawn_widths(screen[mark:])
                self.assertGreaterEqual(screen[mark:].count(b"\r"), 4, screen[mark:])
                self.assertLess(max(after), 30, screen[mark:])

    def test_a_wide_message_is_cut_by_columns_and_never_wraps(self):
        # CJK characters and an emoji take 2 columns each, the accent (U+0301) none; the line
        # must be cut by columns, never inside a character or off its accent, whatever LANG says.
        environment = dict(LEAK_CHECK_OFF, LANG="C", LC_ALL="C")
        for model in SPIN_MODELS:
            # 20: a wide one straddles the limit; 14: the accent is the last; 4: nothing fits.
            for columns in (20, 14, 7, 4):
                with self.subTest(model=model, columns=columns):
                    run = PtyRun(spin(model, "--seconds=0.35", f"--message={WIDE_MESSAGE}"),
                                 columns=columns, env=environment)
                    status, screen = self.finish(run)
                    self.assertEqual(status, 0)
                    self.assertIn("Answer: 42", run.stdout())
                    self.assertGreaterEqual(screen.count(b"\r"), 4, screen)  # frames were drawn
                    self.assertLess(max(drawn_columns(screen)), columns, screen)
                    shown = fitted(WIDE_MESSAGE, columns - 3)
                    self.assertIn(b"\r| " + shown.encode() + b"\r", screen)
                    self.assertIn(b"\r" + b" " * (columns_of(shown) + 2) + b"\r", screen)  # the blank


# "考え中 😀 é " eight times, the accent a combining one: 152 bytes, 96 columns.
WIDE_MESSAGE = "\u8003\u3048\u4e2d \U0001f600 e\u0301 " * 8


def columns_of(text):
    """Terminal columns, from Python's own Unicode data: East Asian Wide and Fullwidth take 2,
    combining marks and format characters none."""
    def width(character):
        if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return sum(width(character) for character in text)


def fitted(message, room):
    """The longest start of message at most room columns wide, marks kept with their base."""
    shown = ""
    for character in message:
        if columns_of(shown + character) > room:
            break
        shown += character
    return shown


def drawn_columns(screen):
    """drawn_widths in terminal columns rather than characters."""
    text = ESCAPE.sub(b"", screen)
    return [columns_of(piece.decode("utf-8", errors="replace")) for piece in re.split(rb"[\r\n]", text)]


if __name__ == "__main__":
    unittest.main()
