"""Bad input corpus for `concur primes`: each case exits 2 with exactly one line on stderr.

Malformed argument lists and standard-input texts (signs, spaces, NUL bytes, huge tokens,
escape sequences, a million good tokens around one bad one...). Every case must end with
status 2, print exactly one printable line on stderr that starts with "concur: " and names
the bad value, never crash, and leave no process behind: concur runs as the leader of a new
session, and once it has exited no process of that session may remain (its workers included).

Run by ctest (label `fault`) with CONCUR set to the binary's path.
"""
import json
import os
import random
import subprocess
import unittest

CONCUR = os.environ.get("CONCUR", "concur")
NOT_A_NUMBER = "is not a decimal number from 0 to 18446744073709551615"
MILLION_GOOD = "7\n" * 1_000_000

# (arguments after `concur`, a fragment the message must contain)
ARGUMENT_CASES = [
    (["primes", "-5"], "'-5' " + NOT_A_NUMBER),
    (["primes", "+5"], "'+5'"),
    (["primes", "-0"], "'-0'"),
    (["primes", "1e9"], "'1e9'"),
    (["primes", "0x11"], "'0x11'"),
    (["primes", "0b101"], "'0b101'"),
    (["primes", "3.0"], "'3.0'"),
    (["primes", "1,000"], "'1,000'"),
    (["primes", "1_000"], "'1_000'"),
    (["primes", "18446744073709551616"], "'18446744073709551616'"),
    (["primes", "99999999999999999999999"], "'99999999999999999999999'"),
    (["primes", "7x"], "'7x'"),
    (["primes", ""], "''"),
    (["primes", " 7"], "' 7'"),
    (["primes", "7 "], "'7 '"),
    (["primes", "1 2"], "'1 2'"),
    (["primes", "\t7"], "'\\x097'"),
    (["primes", "7\n"], "'7\\x0a'"),
    (["primes", "\u0663"], "'\\xd9\\xa3'"),            # ARABIC-INDIC DIGIT THREE
    (["primes", "\uff17"], "'\\xef\\xbc\\x97'"),       # FULLWIDTH DIGIT SEVEN
    (["primes", "\x1b[2J7"], "'\\x1b[2J7'"),           # an escape sequence is shown, not obeyed
    (["primes", "7" * 100_000], "(100000 bytes)"),
    (["primes", *(["97"] * 50_000), "x97", "2"], "'x97'"),
    (["primes", "1", "-"], "'-'"),
    (["primes", "-", "-"], "'-'"),
    (["primes", "--procs=0"], "'0'"),
    (["primes", "--procs=513"], "'513'"),
    (["primes", "--procs=-1"], "'-1'"),
    (["primes", "--procs=0x10"], "'0x10'"),
    (["primes", "--procs=2.5"], "'2.5'"),
    (["primes", "--procs= 2"], "' 2'"),
    (["primes", "--procs=two"], "'two'"),
    (["primes", "--procs=1\n2"], "'1\\x0a2'"),
    (["primes", "--procs=" + "9" * 100_000], "(100000 bytes)"),
    (["primes", "--procs=18446744073709551617"], "'18446744073709551617'"),
    (["primes", "--procs="], "--procs: a value is required"),
    (["primes", "--procs"], "--procs: a value is required"),
    (["primes", "--procs=1", "--procs=2"], "--procs: given more than once"),
    (["primes", "--numbers=foo"], "foo"),
    (["primes", "--numbers="], "--numbers"),
    (["primes", "--numbers=a\nb"], "a\\x0ab"),
    (["primes", "--numbers=book", "5"], "--numbers"),
    (["primes", "--bogus"], "--bogus"),
    (["primes", "-p", "2"], "-p"),
    ([], "a command is required"),
    (["frobnicate"], "'frobnicate' is not a command"),
    (["PRIMES"], "'PRIMES' is not a command"),
    (["prime"], "'prime' is not a command"),
    (["frob\nnicate"], "'frob\\x0anicate'"),
    (["x" * 100_000], "(100000 bytes)"),
]

# (standard input, a fragment the message must contain)
STDIN_CASES = [
    ("-5\n", "standard input line 1: '-5' " + NOT_A_NUMBER),
    ("+7\n", "line 1: '+7'"),
    ("1 2 x\n", "line 1: 'x'"),
    ("1\n\n\n\n0x1\n", "line 5: '0x1'"),
    ("\0\n", "line 1: '\\x00'"),
    ("1\x002\n", "line 1: '1\\x002'"),
    ("18446744073709551616\n", "'18446744073709551616'"),
    ("1e3", "'1e3'"),
    ("1,2,3\n", "'1,2,3'"),
    ("1;2\n", "'1;2'"),
    ("3.5\n", "'3.5'"),
    ("\u0663\n", "'\\xd9\\xa3'"),
    ("\ufeff7\n", "'\\xef\\xbb\\xbf7'"),               # a UTF-8 byte-order mark
    ("\x1b[31m7\n", "'\\x1b[31m7'"),
    ("7\r\n-\r\n", "line 2: '-'"),
    ("- \n", "line 1: '-'"),
    ("1 2 3 " + "9" * 1_000_000, "(at least 41 bytes)"),       # not read to its end
    ("0" * 100 + "x\n", "(at least 101 bytes)"),             # bad only at the x
    (MILLION_GOOD + "bad\n", "line 1000001: 'bad'"),
    (MILLION_GOOD[: len(MILLION_GOOD) // 2] + "-1\n" + MILLION_GOOD[len(MILLION_GOOD) // 2:], "line 500001: '-1'"),
    ("bad\n" + MILLION_GOOD, "line 1: 'bad'"),
]


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, int(n ** 0.5) + 1))


def session_processes(sid):
    """Pids of every process (zombies included) whose session is `sid`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(") ", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[3]) == sid:  # after "pid (comm) ": state ppid pgrp session
            found.append(int(entry))
    return found


class BadInput(unittest.TestCase):
    def check(self, args, named, stdin=None):
        stdin_bytes = stdin.encode("utf-8", "surrogateescape") if isinstance(stdin, str) else stdin
        proc = subprocess.Popen([CONCUR, *args], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(stdin_bytes, timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            self.fail("concur hung")
        leftovers = session_processes(proc.pid)
        text = err.decode("utf-8", "replace")
        self.assertEqual(proc.returncode, 2, text[:500])
        self.assertEqual(err.count(b"\n"), 1, text[:500])
        self.assertTrue(err.endswith(b"\n"), text[:500])
        self.assertTrue(text.startswith("concur: "), text[:500])
        self.assertLess(len(err), 700, text[:500])
        self.assertFalse(any(b < 0x20 for b in err[:-1]), text[:500])  # nothing but one printable line
        self.assertIn(named, text)
        self.assertEqual(leftovers, [], "processes left behind")
        self.assertNotIn(b"checks in", out)  # never looks complete
        return out

    def test_argument_corpus(self):
        for args, named in ARGUMENT_CASES:
            with self.subTest(args=[a if len(a) < 50 else a[:20] + "..." for a in args][:6]):
                out = self.check(args, named)
                self.assertEqual(out, b"")  # bad arguments: nothing started, nothing printed

    def test_stdin_corpus(self):
        for stdin, named in STDIN_CASES:
            with self.subTest(stdin=stdin[:30] + ("..." if len(stdin) > 30 else "")):
                self.check(["primes", "--procs=2", "-"], named, stdin)

    def test_stdin_random_garbage(self):
        # Seeded, so a failure can be replayed: random bytes always hold a non-digit, non-space
        # byte somewhere, so every one is bad input.
        rng = random.Random(6)
        for trial in range(10):
            garbage = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 5000)))
            if all(chr(b) in "0123456789 \n\t\r\v\f" for b in garbage):
                continue
            with self.subTest(trial=trial):
                self.check(["primes", "-"], "standard input line", garbage)

    def test_stdin_endless_token_is_rejected_at_once(self):
        # A token that never ends was read forever: NUL bytes, or digits past 64 bits.
        with open("/dev/zero", "rb") as zeros:
            proc = subprocess.run([CONCUR, "primes", "-"], stdin=zeros, capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 2, proc.stderr[:500])
        self.assertIn(b"line 1: '\\x00\\x00", proc.stderr)
        self.assertIn(b"(at least 41 bytes)", proc.stderr)
        digits = subprocess.run(f"tr '\\0' 9 < /dev/zero | {CONCUR} primes -", shell=True, capture_output=True,
                                timeout=60)
        self.assertEqual(digits.returncode, 2, digits.stderr[:500])
        self.assertIn(b"'9999999999", digits.stderr)
        self.assertIn(b"(at least 41 bytes)", digits.stderr)

    def test_stdin_bad_token_with_json(self):
        self.check(["primes", "--json", "-"], "line 2: '-5'", "1\n-5\n")

    def test_stdin_bad_token_with_json_still_ends_a_valid_document(self):
        # It ended at '"results": [', cut short. Now: a whole document that says the run
        # stopped at bad input, with the results printed so far and what was read unanswered.
        numbers = list(range(1, 20001))
        text = "".join(f"{n}\n" for n in numbers) + "x\n7\n"
        for model in ("process", "thread", "sequential", "coroutine"):
            with self.subTest(model=model):
                out = self.check(["primes", f"--model={model}", "--json", "-"], "line 20001: 'x'", text)
                document = json.loads(out)
                self.assertEqual(document["ending"], "bad_input")
                self.assertEqual(document["checked"], len(document["results"]))
                self.assertTrue(document["input_left_unread"])
                for result in document["results"]:
                    self.assertEqual(result["prime"], is_prime(result["number"]), result)
                answered = [r["number"] for r in document["results"]]
                self.assertEqual(sorted(answered + document["unchecked"]), numbers)

    def test_corpus_is_large_enough(self):
        # Issue 6 asks for at least 50 malformed argument lists and stdin inputs.
        self.assertGreaterEqual(len(ARGUMENT_CASES) + len(STDIN_CASES), 50)


if __name__ == "__main__":
    unittest.main()
