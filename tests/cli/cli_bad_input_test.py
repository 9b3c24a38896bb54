"""Bad input corpus for every command: each case exits 2 with exactly one line on stderr.

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
import re
import subprocess
import sys
import tempfile
import unittest

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from processes import session_processes

CONCUR = os.environ.get("CONCUR", "concur")
NOT_A_NUMBER = "is not a number concur can check; allowed: decimal digits only, from 0 to 18446744073709551615"
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
    (["primes", "\u0663"], "'\u0663' " + NOT_A_NUMBER),  # ARABIC-INDIC DIGIT THREE: printable, shown as it is
    (["primes", "\uff17"], "'\uff17'"),                 # FULLWIDTH DIGIT SEVEN
    (["primes", "\ufeff7"], "'\\xef\\xbb\\xbf7'"),       # a byte-order mark is invisible: its bytes are shown
    (["primes", "7\u200b"], "'7\\xe2\\x80\\x8b'"),       # so is a zero-width space
    (["primes", "\u009b2J"], "'\\xc2\\x9b2J'"),          # U+009B is CSI, a C1 control
    (["primes", "\udc9b2J"], "'\\x9b2J'"),               # a lone byte 0x9b (not UTF-8): CSI to some terminals
    (["spin", "--model=th\u00e9read"], "--model: 'th\u00e9read' is not a spinner model"),
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
    (["primes", "--procs="], "--procs: '' is not a worker count; allowed: a whole number from 1 to 512"),
    (["primes", "--procs"], "--procs: no value given; allowed: a whole number from 1 to 512"),
    (["primes", "--procs=1", "--procs=2"], "--procs: '2' is not the only value given (also '1'); allowed: one --procs"),
    # A flag given twice is refused like an option given twice.
    (["primes", "--json", "--json"], "--json: '--json' is not repeatable; allowed: one --json"),
    (["primes", "--json", "7", "--json"], "--json: '--json' is not repeatable; allowed: one --json"),
    (["spin", "--stats", "--json", "--stats"], "--stats: '--stats' is not repeatable; allowed: one --stats"),
    (["spin", "--json", "--json"], "--json: '--json' is not repeatable"),
    (["cost", "--json", "--json"], "--json: '--json' is not repeatable; allowed: one --json"),
    (["primes", "--numbers=foo"], "foo"),
    (["primes", "--numbers="], "--numbers"),
    (["primes", "--numbers=a\nb"], "a\\x0ab"),
    (["primes", "--numbers=book", "5"], "--numbers"),
    (["primes", "--bogus"], "--bogus"),
    (["primes", "-p", "2"], "-p"),
    ([], "no command given; allowed: primes, spin, bench, cost, race"),
    (["frobnicate"], "'frobnicate' is not a command"),
    (["PRIMES"], "'PRIMES' is not a command"),
    (["prime"], "'prime' is not a command"),
    (["frob\nnicate"], "'frob\\x0anicate'"),
    (["x" * 100_000], "(100000 bytes)"),
    # Every command, every option: one shape, the value quoted, what is allowed named.
    (["primes", "--model=fiber"], "--model: 'fiber' is not a model; allowed: sequential, thread, process, coroutine"),
    (["spin", "--model=fiber"], "--model: 'fiber' is not a spinner model; allowed: thread, process, coroutine"),
    (["spin", "--model"], "--model: no value given; allowed: thread, process, coroutine"),
    (["spin", "--work=nap"], "--work: 'nap' is not a kind of work; allowed: sleep, block, prime"),
    (["primes", "--method=fermat"], "--method: 'fermat' is not a method; allowed: trial, trial-simple, miller-rabin"),
    (["bench", "--method=fermat"], "--method: 'fermat' is not a method; allowed: trial, trial-simple, miller-rabin"),
    (["primes", "--numbers=all"], "--numbers: 'all' is not a built-in list; allowed: seed, book"),
    (["primes", "--progress=sometimes"], "--progress: 'sometimes' is not a progress mode; allowed: auto, always, never"),
    (["bench", "--numbers=all"], "--numbers: 'all' is not a list of numbers; allowed: seed, book, -"),
    (["primes", "--json=banana"], "--json: 'banana' is not a value --json takes; allowed: --json alone"),
    (["primes", "--json=true"], "--json: 'true' is not a value --json takes; allowed: --json alone"),
    (["spin", "--stats=1"], "--stats: '1' is not a value --stats takes; allowed: --stats alone"),
    (["cost", "--json="], "--json: '' is not a value --json takes; allowed: --json alone"),
    (["spin", "extra"], "spin: 'extra' is not an option, and spin takes no arguments; allowed: --help, --model, "),
    (["cost", "extra"],
     "cost: 'extra' is not an option, and cost takes no arguments; allowed: --help, --count, --json"),
    (["bench", "extra"], "bench: 'extra' is not an option, and bench takes no arguments; allowed: --help, --models"),
    (["bench", "--bogus"], "bench: '--bogus' is not an option; allowed: --help, --models, "),
    (["primes", "--bogus"], "primes: '--bogus' is not an option; allowed: --help, --model, --procs, "),
    (["spin", "--bo\ngus"], "spin: '--bo\\x0agus' is not an option"),
    (["--bogus"], "'--bogus' is not an option; allowed: --help, --version, or a command first: primes, spin, bench"),
    (["--bogus", "primes"], "'--bogus' is not an option; allowed: --help, --version, or a command first"),
    (["--version", "extra"], "--version: 'extra' is not expected with --version; allowed: --version alone"),
    (["--version", "primes"], "--version: 'primes' is not expected with --version; allowed: --version alone"),
    (["frobnicate"], "'frobnicate' is not a command; allowed: primes, spin, bench, cost, race"),
    (["spin", "--message=a\tb"],
     "--message: 'a\\x09b' is not a spinner message; allowed: 1 to 200 bytes of text without control characters"),
    (["spin", "--message=\x1b[2J"], "--message: '\\x1b[2J' is not a spinner message"),
    (["spin", "--message=" + "x" * 201], "(201 bytes)' is not a spinner message; allowed: 1 to 200 bytes"),
    (["spin", "--message="], "--message: '' is not a spinner message; allowed: 1 to 200 bytes"),
    (["spin", "--message=", "--json"], "--message: '' is not a spinner message"),  # not a message "--json"
    (["spin", "--seconds=1e-1"],
     "--seconds: '1e-1' is not a number of seconds; allowed: a decimal from 0 to 3600 like 2, 0.5 or .25"),
    (["spin", "--seconds=-1"], "--seconds: '-1' is not a number of seconds; allowed: a decimal from 0 to 3600"),
    (["spin", "--seconds=3600.5"], "--seconds: '3600.5' is not a number of seconds; allowed: a decimal from 0 to 3600"),
    (["spin", "--seconds=0.1234567891"], "'0.1234567891' is not a number of seconds; allowed: a decimal from 0 to "
                                         "3600 like 2, 0.5 or .25: digits and one point, at most 9 digits after it"),
    (["spin", "--seconds=."], "--seconds: '.' is not a number of seconds"),
    (["spin", "--seconds="], "--seconds: '' is not a number of seconds"),
    (["spin", "--work=prime", "--seconds=1"],
     "--seconds: '1' is not used by --work=prime (it checks --number); allowed: --seconds with --work=sleep or "
     "--work=block"),
    (["spin", "--number=7"], "--number: '7' is not used by --work=sleep; allowed: --number with --work=prime"),
    (["spin", "--work=prime", "--number=-5"], "--number: '-5' " + NOT_A_NUMBER),
    (["spin", "--model=coroutine", "--work=prime", "--nap=0"],
     "--nap: '0' is not a nap interval; allowed: a whole number from 1 to 1000000000"),
    (["spin", "--work=block", "--nap=5"],
     "--nap: '5' is not used by --model=thread --work=block; allowed: --nap with --model=coroutine --work=prime"),
    (["primes", "--joblog="], "--joblog: '' is not a job log file; allowed: a file path other than -"),
    (["primes", "--joblog=-"], "--joblog: '-' is not a job log file; allowed: a file path other than - (the results "
                               "already go to standard output)"),
    (["primes", "--numbers=book", "5"],
     "--numbers: 'book' is not usable with NUMBER arguments; allowed: a built-in list (--numbers) or NUMBERs"),
    (["primes", "1", "-"], "NUMBER: '-' is not usable with other NUMBERs; allowed: a lone - (standard input) or "
                           "numbers, not both"),
    (["bench", "--procs=0"], "--procs: '0' is not a set of worker counts; allowed: a range like 1..8 or a list like "
                             "1,2,4 of whole numbers from 1 to 512"),
    (["bench", "--procs=1,0"], "--procs: '1,0' is not a set of worker counts ('0' is not a whole number from 1 to "
                               "512); allowed: a range like 1..8"),
    (["bench", "--procs=8..1"], "--procs: '8..1' is not a set of worker counts (an empty range"),
    (["bench", "--procs"], "--procs: no value given; allowed: a range like 1..8 or a list like 1,2,4"),
    (["bench", "--models=thread,bogus"], "--models: 'bogus' is not a model (in 'thread,bogus'); allowed: a "
                                         "comma-separated list of sequential, thread, process, coroutine"),
    (["bench", "--runs=0"], "--runs: '0' is not a run count; allowed: a whole number from 1 to 1000"),
    (["bench", "--warmup=101"], "--warmup: '101' is not a warm-up run count; allowed: a whole number from 0 to 100"),
    (["bench", "--runs=1", "--runs=2"], "--runs: '2' is not the only value given (also '1'); allowed: one --runs"),
    (["bench", "--export-json=-"], "--export-json: '-' is not an export file; allowed: a file path other than -"),
    (["bench", "--export-svg="], "--export-svg: '' is not an export file"),
    (["bench", "--numbers=-"], "--numbers: '-' is not a list of numbers here: standard input held none; allowed: "
                               "seed, book, or - with at least one number on standard input"),
    (["cost", "--count=5"], "--count: '5' is not a repetition count; allowed: a whole number from 10 to 100000"),
    (["cost", "--count=0x10"], "--count: '0x10' is not a repetition count"),
    (["race", "--count=10000000001"],
     "--count: '10000000001' is not a count of increments; allowed: a whole number from 1 to 10000000000"),
    (["race", "--count=-1"], "--count: '-1' is not a count of increments"),
    (["race", "--threads=0"], "--threads: '0' is not a thread count; allowed: a whole number from 1 to 512"),
    (["race", "--sync=none,lock"], "--sync: 'none,lock' is not a list of ways to synchronise ('lock' is not one)"),
    (["race", "--model=process", "--sync=mutex"], "--sync: 'mutex' is not a way to synchronise processes"),
    (["race", "--json", "--json"], "--json: '--json' is not repeatable; allowed: one --json"),
]

# Every usage error about the arguments has one shape: where, the value quoted (or that none
# was given), what it is not, what is allowed, and which help to read.
ARGUMENT_ERROR_SHAPE = re.compile(r"^concur: (?:[^ ]+: )?(?:'.*' is not .+|no (?:value|command) given); "
                                  r"allowed: .+ \(see 'concur (?:[a-z]+ )?--help'\)\n$")
# About standard input: the line instead of the option, and the same help to read.
STDIN_ERROR_SHAPE = re.compile(r"^concur: standard input line \d+: '.*' is not .+; allowed: .+ "
                               r"\(see 'concur primes --help'\)\n$")

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
    ("\u0663\n", "'\u0663'"),
    ("7\xa0\n", "line 1: '7\xa0'"),                             # NO-BREAK SPACE is not a separator
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


class BadInput(unittest.TestCase):
    def setUp(self):
        # concur runs in an empty folder, which must stay empty: a bad --joblog or --export-*
        # once created a file (named "-", or after the next argument) before being refused.
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = folder.name

    def check(self, args, named, stdin=None, env=None):
        stdin_bytes = stdin.encode("utf-8", "surrogateescape") if isinstance(stdin, str) else stdin
        proc = subprocess.Popen([CONCUR, *args], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                cwd=self.folder, env=env)
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
        self.assertEqual(os.listdir(self.folder), [], "a file was created")
        self.last_error = text
        return out

    def test_argument_corpus(self):
        for args, named in ARGUMENT_CASES:
            with self.subTest(args=[a if len(a) < 50 else a[:20] + "..." for a in args][:6]):
                out = self.check(args, named)
                self.assertEqual(out, b"")  # bad arguments: nothing started, nothing printed
                self.assertRegex(self.last_error, ARGUMENT_ERROR_SHAPE)

    def test_stdin_corpus(self):
        for stdin, named in STDIN_CASES:
            with self.subTest(stdin=stdin[:30] + ("..." if len(stdin) > 30 else "")):
                self.check(["primes", "--procs=2", "-"], named, stdin)
                self.assertRegex(self.last_error, STDIN_ERROR_SHAPE)

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

    def test_bench_refuses_standard_input_without_numbers(self):
        # Timing nothing measured only starting and stopping workers, and printed 0.01x "speedups".
        for stdin in ("", "\n", "  \n\t\n"):
            with self.subTest(stdin=stdin):
                out = self.check(["bench", "--numbers=-", "--runs=1", "--warmup=0"],
                                 "--numbers: '-' is not a list of numbers here: standard input held none", stdin)
                self.assertEqual(out, b"")

    def test_two_exports_into_one_file_are_refused(self):
        # Both were written, one over the other: only the last survived, silently.
        # concur runs in self.folder: "out" there is also "./out" and the folder's path + "/out".
        for args in (["--export-json=out", "--export-csv=out"], ["--export-svg=out", "--export-markdown=./out"],
                     [f"--export-json={self.folder}/out", "--export-svg=out"]):
            with self.subTest(args=args):
                out = self.check(["bench", "--runs=1", *args], "a different file for each export")
                self.assertEqual(out, b"")
                for arg in args:  # both options named
                    self.assertIn(arg.split("=")[0], self.last_error)

    def test_a_kernel_variable_naming_no_kernel_is_refused(self):
        # CONCUR_KERNEL forces a kernel for tests and benchmarks; a typo was silently ignored.
        for command in (["primes", "7"], ["bench", "--runs=1"]):
            for value in ("avx1024-magic", ""):
                with self.subTest(command=command, value=value):
                    out = self.check(command, f"CONCUR_KERNEL: '{value}' is not a kernel this CPU runs; allowed: ",
                                     env=dict(os.environ, CONCUR_KERNEL=value))
                    self.assertEqual(out, b"")
                    self.assertIn("sse2-division", self.last_error)  # every x86-64 CPU runs it
            # The error sends the reader to help, which says what the variable does.
            self.assertIn("CONCUR_KERNEL=NAME forces --method=trial's vector kernel", " ".join(help_of(command[0]).split()))

    def test_an_empty_value_never_takes_the_next_argument(self):
        # CLI11 read `--joblog= --numbers=seed` as --joblog "--numbers=seed" and wrote that file.
        with tempfile.TemporaryDirectory() as folder:
            for args in (["primes", "--joblog=", "--numbers=seed"], ["primes", "--joblog=", "7"],
                         ["primes", "--joblog=-", "7"], ["bench", "--export-csv=", "--runs=1"]):
                with self.subTest(args=args):
                    done = subprocess.run([CONCUR, *args], cwd=folder, capture_output=True, timeout=60)
                    self.assertEqual(done.returncode, 2, done.stderr)
                    self.assertEqual(done.stdout, b"")
                    self.assertEqual(os.listdir(folder), [])

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


def help_of(*command):
    done = subprocess.run([CONCUR, *command, "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def error_of(*args):
    with tempfile.TemporaryDirectory() as folder:  # where a regression's stray job log would land
        done = subprocess.run([CONCUR, *args], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
                              cwd=folder)
    assert done.returncode == 2, (args, done.returncode, done.stderr)
    return done.stderr


class HelpSaysWhatTheErrorsEnforce(unittest.TestCase):
    # (command, option, a bad value): a choice, whose values help shows as {a,b,c}.
    CHOICES = [("primes", "--model", "fiber"), ("primes", "--numbers", "all"), ("primes", "--method", "x"),
               ("primes", "--progress", "x"), ("spin", "--model", "fiber"), ("spin", "--work", "nap"), ("bench", "--method", "x"),
               ("bench", "--numbers", "all"), ("race", "--model", "fiber")]
    # (arguments, what help must say): limits checked beyond a value's own form.
    LIMITS = [
        (["spin", "--number=7"], ("spin", "--number N", "The number --work=prime checks, and only it")),
        (["spin", "--work=prime", "--seconds=1"], ("spin", "--seconds S", "Not with --work=prime")),
        (["spin", "--nap=5"], ("spin", "--nap K", "With --model=coroutine --work=prime only")),
        (["spin", "--message=" + "x" * 201], ("spin", "--message TEXT", "1 to 200 bytes, no control characters")),
        (["spin", "--seconds=1e-1"], ("spin", "--seconds S", "a decimal from 0 to 3600 like 2, 0.5")),
        (["primes", "--joblog=-"], ("primes", "--joblog FILE", "FILE may not be -")),
        (["bench", "--export-json=-"], ("bench", "exports", "each to a FILE, not -")),
        (["bench", "--export-json=out", "--export-svg=out"], ("bench", "exports", "two exports never share a file")),
        (["bench", "--numbers=-"], ("bench", "--numbers", "from standard input (at least one)")),
        (["primes", "1", "-"], ("primes", "NUMBER", "a lone - reads")),
        (["primes", "--json=1"], ("", "--version", "A flag (--json, --stats) takes no value")),
        (["primes", "--json", "--json"], ("", "--version", "a flag or an option is given at most once")),
        (["race", "--model=process", "--sync=mutex"], ("race", "--model", "with --sync=none and atomic only")),
    ]
    # (arguments): a whole number out of range; help must give the same range.
    RANGES = [["primes", "--procs=0"], ["primes", "--retries=11"], ["spin", "--model=coroutine", "--work=prime",
              "--nap=0"], ["bench", "--runs=0"], ["bench", "--warmup=101"], ["cost", "--count=5"],
              ["spin", "--seconds=3601"], ["bench", "--procs=513"], ["primes", "-5"], ["race", "--threads=0"],
              ["race", "--count=0"]]

    def test_every_choice_lists_its_values_as_a_set_in_help_and_in_errors_alike(self):
        for command, option, bad in self.CHOICES:
            with self.subTest(command=command, option=option):
                error = error_of(command, f"{option}={bad}")
                allowed = re.search(r"; allowed: (.+) \(see ", error).group(1).split(", ")
                self.assertIn(f"\n  {option} {{{','.join(allowed)}}}\n", help_of(command))
        for command in ("primes", "spin", "bench"):
            text = help_of(command)
            self.assertNotIn("TEXT:{", text)
            self.assertNotIn("MODEL", text)

    def test_limits_that_make_errors_are_in_help(self):
        for args, (command, option, said) in self.LIMITS:
            with self.subTest(args=args[:3]):
                error_of(*args)  # a usage error (exit 2) today...
                text = help_of(command) if command else help_of()
                self.assertIn(option, text)
                self.assertIn(said, " ".join(text.split()))  # ...said in help, wherever the lines wrap

    def test_ranges_in_errors_are_the_ranges_in_help(self):
        for args in self.RANGES:
            with self.subTest(args=args):
                low, high = re.search(r"; allowed: .*?(\d+) to (\d+)", error_of(*args)).groups()
                self.assertIn(f"{low} to {high}", " ".join(help_of(args[0]).split()))  # wherever the lines wrap

    def test_each_command_lists_only_its_own_exit_statuses(self):
        def statuses(command):
            """{status: its line's words} from the "Exit status:" table of the command's help."""
            table = help_of(command).split("\nExit status:\n")[1]
            rows = {}
            for line in table.splitlines():
                row = re.match(r"^  (\d+(?:/\d+)?) +(.+)$", line)
                if row:
                    status = row.group(1)
                    rows[status] = row.group(2)
                elif line.startswith("    "):  # a wrapped row goes on
                    rows[status] += " " + line.strip()
            return rows
        for command in ("primes", "spin", "bench", "cost", "race"):
            with self.subTest(command=command):
                rows = statuses(command)
                self.assertEqual(rows["0"], "done")
                self.assertTrue(rows["2"].startswith("usage error"), rows)
                self.assertEqual(rows["141"], "standard output was closed by its reader")
                self.assertTrue(rows["130/143"].startswith("interrupted by SIGINT/SIGTERM"), rows)
        self.assertEqual(statuses("primes")["3"], "a worker was lost: the numbers it did not answer are listed")
        self.assertEqual(statuses("spin")["3"], "a worker was lost: the spinner's process (--model=process)")
        self.assertEqual(statuses("bench")["3"], "a worker was lost: while measuring; nothing exported")
        self.assertEqual(statuses("race")["3"], "a worker was lost: a counting process died (--model=process); no "
                                                "table")
        self.assertNotIn("3", statuses("cost"))  # cost has no workers to lose
        self.assertEqual(list(statuses("cost")), ["0", "1", "2", "130/143", "141"])

    def test_version_stands_alone(self):
        done = subprocess.run([CONCUR, "--version"], capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 0)
        self.assertRegex(done.stdout, r"^concur \d+\.\d+\.\d+\n$")
        for extra in ("extra", "primes", "--help"):
            with self.subTest(extra=extra):
                self.assertIn(f"--version: '{extra}' is not expected with --version", error_of("--version", extra))


if __name__ == "__main__":
    unittest.main()
