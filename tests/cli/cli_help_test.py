"""`concur --help`, each command's --help and --version: what they print, and how they fail.

Help is laid out by concur's own formatter, not CLI11's, so it fits an 80-column terminal and
reads the same whatever CLI11 version concur was built with. Its exit-status table is the one
the README shows. Run by ctest with CONCUR set to the binary's path.
"""
import os
import re
import subprocess
import unittest

CONCUR = os.environ.get("CONCUR", "concur")
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMANDS = ("primes", "spin", "bench", "cost", "race")
# Every help page: the app's and each command's, asked for by either name of the flag.
PAGES = [[flag] for flag in ("--help", "-h")] + [[command, flag] for command in COMMANDS for flag in ("--help", "-h")]


def run(*args, **kwargs):
    return subprocess.run([CONCUR, *args], capture_output=True, text=True, timeout=30, **kwargs)


def help_of(*command):
    done = run(*command, "--help")
    assert done.returncode == 0, done.stderr
    return done.stdout


def status_table(text):
    """[(status, meaning)] of the "Exit status:" table in `concur --help`."""
    table = text.split("\nExit status:\n")[1]
    return [row.groups() for row in map(re.compile(r"^  (\d+(?:/\d+)?) +(.+)$").match, table.splitlines()) if row]


def readme_status_tables():
    """{file: [(status, meaning)]} of every Markdown table headed "| status | meaning |" in the
    README and docs/: the statuses as the help writes them ("130 / 143" is "130/143")."""
    files = [os.path.join(SOURCE, "README.md")]
    docs = os.path.join(SOURCE, "docs")
    if os.path.isdir(docs):
        files += [os.path.join(docs, name) for name in sorted(os.listdir(docs)) if name.endswith(".md")]
    tables = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            if re.match(r"^\|\s*status\s*\|\s*meaning\s*\|$", line):
                rows = []
                for row in lines[i + 2:]:
                    if not row.startswith("|"):
                        break
                    status, meaning = (cell.strip() for cell in row.strip("|").split("|", 1))
                    rows.append((status.replace(" / ", "/"), meaning.replace(" / ", "/")))
                tables[os.path.relpath(path, SOURCE)] = rows
    return tables


class HelpLayout(unittest.TestCase):
    def test_every_help_line_fits_80_columns(self):
        for page in PAGES:
            with self.subTest(page=page):
                done = run(*page)
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(done.stderr, "")
                self.assertTrue(done.stdout.endswith("\n"))
                for line in done.stdout.splitlines():
                    self.assertLessEqual(len(line), 80, line)
                    self.assertEqual(line, line.rstrip(), "a trailing space")

    def test_each_option_has_a_line_of_its_own_with_only_what_it_takes(self):
        # CLI11's layout glued labels to the option ("--numbers {seed,book}=seed Excludes: NUMBER"),
        # in a form that changed with its version ("=seed" in 2.1, "[seed]" from 2.2).
        for command in COMMANDS:
            text = help_of(command)
            with self.subTest(command=command):
                headings = re.findall(r"^  (-.*)$", text, re.MULTILINE)
                self.assertIn("-h, --help", headings)
                for heading in headings:
                    self.assertRegex(heading, r"^(-h, --help|--[a-z-]+( [A-Z]+| \{[a-z,-]+\}(,\.\.\.)?)?)$")
                self.assertNotIn("Excludes", text)
                self.assertNotIn("[default", text)

    def test_defaults_are_said_once_below_the_option(self):
        self.assertRegex(help_of("primes"), r"\n  --model \{[a-z,]+\}\n(      .+\n)+      Default: process\n")
        self.assertRegex(help_of("bench"), r"\n  --runs N\n(      .+\n)+      Default: 5\n")
        self.assertRegex(help_of("spin"), r"\n  --message TEXT\n(      .+\n)+      Default: thinking!\n")

    def test_usage_names_the_command_and_its_arguments(self):
        self.assertIn("\nUsage: concur primes [OPTIONS] [NUMBER...]\n", help_of("primes"))
        self.assertIn("\nUsage: concur cost [OPTIONS]\n", help_of("cost"))
        self.assertIn("\nUsage: concur COMMAND [OPTIONS]\n", help_of())
        for command in COMMANDS:
            self.assertIn(f"\n  {command}\n", help_of())

    def test_cost_help_states_the_rule_for_parked_children(self):
        # --count=10 parks 2 children, not 10 / 50.
        self.assertIn("children parked: count / 50, at least 2", " ".join(help_of("cost").split()))


class ExitStatusTable(unittest.TestCase):
    def test_the_readme_table_is_the_help_table(self):
        help_rows = status_table(help_of())
        self.assertEqual([status for status, _ in help_rows], ["0", "1", "2", "3", "130/143", "141"])
        tables = readme_status_tables()
        self.assertTrue(tables, "no '| status | meaning |' table in README.md or docs/")
        for path, rows in tables.items():
            with self.subTest(path=path):
                self.assertEqual([status for status, _ in rows], [status for status, _ in help_rows])
                for (status, meaning), (_, help_meaning) in zip(rows, help_rows):
                    # The README may say more after the help's words ("done: every result delivered").
                    self.assertTrue(meaning.startswith(help_meaning), (status, meaning, help_meaning))

    def test_each_command_lists_statuses_of_the_table_in_its_order(self):
        order = [status for status, _ in status_table(help_of())]
        meanings = dict(status_table(help_of()))
        for command in COMMANDS:
            with self.subTest(command=command):
                rows = status_table(help_of(command))
                statuses = [status for status, _ in rows]
                self.assertEqual(statuses, [status for status in order if status in statuses])
                for status, words in rows:
                    self.assertTrue(words.startswith(meanings[status]), (status, words))


class AnswersThatCannotBeWritten(unittest.TestCase):
    def test_a_full_disk_fails_help_and_version_with_one_line_and_status_1(self):
        # `concur --version >/dev/full` exited 0 and said nothing.
        for args in (["--version"], ["--help"], ["primes", "--help"], ["cost", "-h"]):
            with self.subTest(args=args), open("/dev/full", "w") as full:
                done = subprocess.run([CONCUR, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=30)
                self.assertEqual(done.returncode, 1)
                self.assertEqual(done.stderr, "concur: cannot write to standard output: No space left on device\n")

    def test_a_reader_that_left_ends_help_quietly_with_141(self):
        for args in (["--version"], ["--help"], ["bench", "--help"]):
            with self.subTest(args=args):
                proc = subprocess.Popen([CONCUR, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                proc.stdout.close()  # the reader is gone before the first line
                _, stderr = proc.communicate(timeout=30)
                self.assertEqual(proc.returncode, 141)
                self.assertEqual(stderr, b"")

    def test_version_answers_on_stdout(self):
        done = run("--version")
        self.assertEqual(done.returncode, 0)
        self.assertRegex(done.stdout, r"^concur \d+\.\d+\.\d+\n$")
        self.assertEqual(done.stderr, "")


if __name__ == "__main__":
    unittest.main()
