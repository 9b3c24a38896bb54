"""concur when its files fail: closed standard descriptors, a full disk, a directory as input.

- A closed descriptor 0, 1 or 2 (`<&-`, `>&-`, `2>&-`) must not be taken by one of concur's own
  pipes: reading standard input then fails at once (exit 1), writing standard output fails
  with a clear error (exit 1), and a lost diagnostic does not change the exit status.
- Every error names the file it is about: standard input, the job log, an export file.

Run by ctest (label `fault`) with CONCUR set to the binary's path.
"""
import os
import signal
import subprocess
import tempfile
import sys
import unittest

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR
from leftovers import become_subreaper, collect_leftovers
from processes import wait_for_children

MODELS = ("process", "thread", "sequential", "coroutine")
# The largest 64-bit prime: the seed's slow loop takes many seconds on it, so a worker is
# surely still checking it when the test kills it.
SLOW_PRIME = "18446744073709551557"


def closing(*fds):
    """A preexec_fn that closes `fds` in the child, as the shell's `<&-` does."""
    def close():
        for fd in fds:
            os.close(fd)
    return close


class ClosedDescriptors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        become_subreaper()

    def run_concur(self, args, preexec, **kwargs):
        proc = subprocess.run([CONCUR, *args], preexec_fn=preexec, timeout=60, **kwargs)
        self.assertEqual(collect_leftovers(), [], "processes left behind")
        return proc

    def test_closed_stdin_fails_at_once_with_every_model(self):
        # Before: concur's first pipe became descriptor 0 and it read its own pipe forever.
        for model in MODELS:
            with self.subTest(model=model):
                proc = self.run_concur(["primes", f"--model={model}", "-"], closing(0),
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                self.assertEqual(proc.returncode, 1, proc.stderr)
                self.assertEqual(proc.stderr, "concur: cannot read standard input: Bad file descriptor\n")
                self.assertNotIn("checks in", proc.stdout)

    def test_closed_stdin_is_no_trouble_when_numbers_are_given(self):
        proc = self.run_concur(["primes", "--procs=2", "7", "8"], closing(0), capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("2 checks in", proc.stdout)

    def test_closed_stdout_is_an_error_naming_standard_output(self):
        proc = self.run_concur(["primes", "7"], closing(1), stderr=subprocess.PIPE, text=True)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(proc.stderr, "concur: cannot write to standard output: Bad file descriptor\n")

    def test_closed_stderr_keeps_the_lost_worker_status(self):
        # Before: the pool's pipe took descriptor 2, the diagnostic about the lost worker
        # could not be written, and that write error turned status 3 into 1.
        proc = subprocess.Popen([CONCUR, "primes", "--procs=1", "--method=trial-simple", SLOW_PRIME],
                                stdout=subprocess.PIPE, text=True, preexec_fn=closing(2))
        try:
            workers = wait_for_children(proc.pid, 1, timeout=30)
            self.assertTrue(workers, "concur did not start its worker")
            worker = workers[0]
            os.kill(worker, signal.SIGKILL)
            out, _ = proc.communicate(timeout=60)
        finally:
            proc.kill()
            proc.wait()
        self.assertEqual(proc.returncode, 3)
        self.assertNotIn("checks in", out)
        self.assertEqual(collect_leftovers(), [], "processes left behind")

    def test_closed_stderr_keeps_the_usage_status(self):
        proc = self.run_concur(["primes", "-5"], closing(2), stdout=subprocess.PIPE)
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stdout, b"")


class NamedFiles(unittest.TestCase):
    def test_job_log_on_a_full_disk_names_the_job_log(self):
        done = subprocess.run([CONCUR, "primes", "--joblog=/dev/full", "2"], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertEqual(done.stderr, "concur: cannot write to the job log '/dev/full': No space left on device\n")

    def test_export_on_a_full_disk_names_the_file(self):
        done = subprocess.run([CONCUR, "bench", "--export-csv=/dev/full", "--runs=1", "--warmup=0",
                               "--numbers=seed", "--models=sequential", "--method=miller-rabin"],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertTrue(done.stderr.endswith("concur: cannot write to '/dev/full': No space left on device\n"),
                        done.stderr)

    def test_a_directory_as_stdin_is_named_standard_input(self):
        directory = os.open(tempfile.gettempdir(), os.O_RDONLY | os.O_DIRECTORY)
        try:
            done = subprocess.run([CONCUR, "primes", "-"], stdin=directory, capture_output=True, text=True,
                                  timeout=60)
        finally:
            os.close(directory)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertEqual(done.stderr, "concur: cannot read standard input: Is a directory\n")


if __name__ == "__main__":
    unittest.main()
