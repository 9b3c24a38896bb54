"""End-to-end tests of `concur primes --model=mpi`, launched by mpiexec as users launch it.

Run by ctest with CONCUR (the binary), CONCUR_MPIEXEC, CONCUR_MPIEXEC_NUMPROC_FLAG and
CONCUR_MPIEXEC_PREFLAGS (space-separated) set from CMake's MPI variables.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from concur import CONCUR, run
from processes import alive, children_of, wait_or_kill, wait_until

MPIEXEC = os.environ.get("CONCUR_MPIEXEC", "mpiexec")
NUMPROC_FLAG = os.environ.get("CONCUR_MPIEXEC_NUMPROC_FLAG", "-n")
PREFLAGS = os.environ.get("CONCUR_MPIEXEC_PREFLAGS", "").split()
# The book fixture's primes, and the numbers it asks about.
BOOK_PRIMES = {2, 142702110479723, 299593572317531, 3333333333333301, 4444444444444423, 5555555555555503,
               6666666666666719, 7777777777777753, 9999999999999917}


def descendants(pid):
    """Every process below `pid`: mpiexec's proxy and the ranks, which MPICH's proxy starts in
    sessions of their own (so a terminal's Ctrl-C reaches mpiexec alone, which passes it on)."""
    found, parents = [], [pid]
    while parents:
        children = children_of(parents.pop())
        found += children
        parents += children
    return found


def launch_line(ranks, *args):
    return [MPIEXEC, NUMPROC_FLAG, str(ranks), *PREFLAGS, CONCUR, "primes", "--model=mpi", *args]


def mpirun(ranks, *args, stdin=None, timeout=120):
    return subprocess.run(launch_line(ranks, *args), input=stdin, capture_output=True, text=True, timeout=timeout)


def rank_of(pid):
    """The MPI rank of process `pid`, from its launcher's variables (PMI_RANK: MPICH's Hydra;
    OMPI_COMM_WORLD_RANK: Open MPI), or None for a process that is not a rank."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            variables = dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    for name in (b"PMI_RANK", b"OMPI_COMM_WORLD_RANK"):
        if name in variables:
            return int(variables[name])
    return None


def result_lines(stdout):
    """(number, prime) for each result line: `{n:>16}  {P or space} {elapsed:9.6f}s`."""
    found = []
    for line in stdout.splitlines()[1:]:
        fields = line.split()
        if len(fields) in (2, 3) and fields[0].isdigit() and fields[-1].endswith("s"):
            found.append((int(fields[0]), fields[1] == "P"))
    return found


class MpiPrimes(unittest.TestCase):
    def test_rank_0_prints_the_header_every_result_and_the_summary(self):
        done = mpirun(3, "--numbers=book", "--method=miller-rabin")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines()[0],
                         "Checking 20 numbers with 2 worker ranks on 1 host (MPI, Miller-Rabin):")
        results = result_lines(done.stdout)
        self.assertEqual(len(results), 20, done.stdout)
        self.assertEqual({n for n, prime in results if prime}, BOOK_PRIMES)
        self.assertRegex(done.stdout.splitlines()[-1], r"^20 checks in \d+\.\d\ds$")

    def test_the_default_method_keeps_the_seed_header_with_the_engine_named(self):
        done = mpirun(3, "2", "3", "4")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines()[0], "Checking 3 numbers with 2 worker ranks on 1 host (MPI):")

    def test_json_names_the_model_and_each_worker_host(self):
        done = mpirun(4, "--json", "--numbers=seed")
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads(done.stdout)
        self.assertEqual(document["model"], "mpi")
        self.assertEqual(document["workers"], 3)
        self.assertEqual(len(document["worker_hosts"]), 3)
        self.assertEqual(len(document["results"]), 5)
        self.assertEqual({r["worker"] for r in document["results"]} - {1, 2, 3}, set())

    def test_the_job_log_names_each_workers_host_and_pid(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "jobs.tsv")
            done = mpirun(3, f"--joblog={path}", "--numbers=seed")
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(path) as f:
                lines = f.read().splitlines()
        self.assertEqual(lines[0], "seq\tworker\thost\tpid\tstart\telapsed\tnumber\tresult")
        self.assertEqual(len(lines), 6)
        for line in lines[1:]:
            fields = line.split("\t")
            self.assertIn(fields[1], ("1", "2"))
            self.assertTrue(fields[2])
            self.assertGreater(int(fields[3]), 0)

    def test_reads_standard_input_below_the_launchers_pipe(self):
        # MPICH's mpiexec forwards standard input through a 64 KiB pipe and ends the job when
        # rank 0 falls behind it (docs/mpi.md): 10000 numbers are 48894 bytes.
        text = "".join(f"{n}\n" for n in range(1, 10001))
        done = mpirun(3, "--json", "-", stdin=text)
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads(done.stdout)
        self.assertEqual(len(document["results"]), 10000)
        self.assertEqual(sum(1 for r in document["results"] if r["prime"]), 1229)  # pi(10^4)

    def test_streams_a_large_input_from_a_fifo_named_by_input(self):
        with tempfile.TemporaryDirectory() as folder:
            fifo = os.path.join(folder, "numbers")
            os.mkfifo(fifo)
            proc = subprocess.Popen(launch_line(3, "--json", f"--input={fifo}"), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
            def feed():  # the open waits for a reader: rank 0, and it alone, opens the FIFO
                with open(fifo, "w") as writer:
                    writer.write("".join(f"{n}\n" for n in range(1, 200001)))

            feeder = threading.Thread(target=feed)
            feeder.start()
            out, err = proc.communicate(timeout=120)  # read while it is fed: no pipe fills up
            feeder.join()
        self.assertEqual(proc.returncode, 0, err)
        document = json.loads(out)
        self.assertEqual(len(document["results"]), 200000)
        self.assertEqual(sum(1 for r in document["results"] if r["prime"]), 17984)  # pi(2 * 10^5)

    def test_the_header_names_the_input_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as numbers:
            numbers.write("2 3 4\n")
            numbers.flush()
            done = mpirun(3, f"--input={numbers.name}")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines()[0],
                         f"Checking numbers from '{numbers.name}' with 2 worker ranks on 1 host (MPI):")
        self.assertEqual(len(result_lines(done.stdout)), 3)

    def test_more_ranks_than_cores_still_answer_everything(self):
        done = mpirun(5, "--numbers=seed")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines()[0], "Checking 5 numbers with 4 worker ranks on 1 host (MPI):")
        self.assertEqual(len(result_lines(done.stdout)), 5)

    def test_a_bad_number_is_a_usage_error_of_rank_0_alone(self):
        done = mpirun(3, "7", "x7")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
        self.assertIn("'x7'", done.stderr)


class MpiLaunch(unittest.TestCase):
    def test_without_mpiexec_it_shows_the_launch_line(self):
        done = run("primes", "--model=mpi", "--numbers=seed")
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stdout, "")
        self.assertEqual(done.stderr,
                         "concur: --model: 'mpi' needs ranks started by an MPI launcher, and this process runs "
                         "alone; allowed: mpiexec -n 3 concur primes --model=mpi ..., for rank 0 and 2 worker ranks "
                         "(see 'concur primes --help')\n")

    def test_one_rank_is_not_enough(self):
        done = mpirun(1, "--numbers=seed")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("needs a worker rank beside rank 0", done.stderr)

    def test_procs_and_retries_are_refused_with_what_to_do_instead(self):
        done = run("primes", "--model=mpi", "--procs=4", "--numbers=seed")
        self.assertEqual(done.returncode, 2)
        self.assertIn("mpiexec -n 5 for 4 worker ranks", done.stderr)
        done = run("primes", "--model=mpi", "--retries=1", "--numbers=seed")
        self.assertEqual(done.returncode, 2)
        self.assertIn("MPI ends the whole job when a rank dies", done.stderr)

    def test_bench_refuses_mpi_and_says_how_to_launch_it(self):
        done = run("bench", "--models=thread,mpi", "--numbers=seed")
        self.assertEqual(done.returncode, 2)
        self.assertIn("mpiexec -n 3 concur primes --model=mpi", done.stderr)


class MpiStop(unittest.TestCase):
    """Ctrl-C reaches every process of the terminal's foreground group: mpiexec and each rank."""

    def start_long_run(self):
        proc = subprocess.Popen(launch_line(3, "--numbers=book", "--method=trial-simple"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        # Every rank has joined once the header is out: rank 0 prints it after MPI_Init.
        header = proc.stdout.readline()
        self.assertTrue(header.startswith("Checking 20 numbers with 2 worker ranks"), header)
        time.sleep(0.3)  # in the middle of the long checks
        job = descendants(proc.pid)
        self.assertEqual(len([pid for pid in job if rank_of(pid) is not None]), 3, job)
        return proc, job

    def assert_stops(self, signal_number, status):
        proc, job = self.start_long_run()
        sent = time.monotonic()
        os.killpg(proc.pid, signal_number)  # what a terminal does: mpiexec's group
        self.assertTrue(wait_until(lambda: not any(alive(pid) for pid in job), timeout=10),
                        f"left running: {[pid for pid in job if alive(pid)]}")
        ranks_gone = time.monotonic() - sent
        code = wait_or_kill(proc, 10)
        out, err = proc.communicate()
        self.assertEqual(code, status, err)
        if signal_number == signal.SIGINT:
            # MPICH's mpiexec relays a Ctrl-C to the ranks and waits for their last lines. A
            # SIGTERM ends mpiexec itself, which sometimes exits before relaying rank 0's line
            # (seen about one run in ten): the exit status is all concur can vouch for there.
            self.assertIn("concur: interrupted by SIGINT", err)
        # Rank 0 stops at once (its wait polls the signal pipe) and MPI_Abort ends the others in
        # the middle of their checks: far below a second, where a finished check takes seconds.
        self.assertLess(ranks_gone, 1.0, f"took {ranks_gone:.3f}s")

    def test_ctrl_c_ends_every_rank_with_130(self):
        self.assert_stops(signal.SIGINT, 130)

    def test_sigterm_ends_every_rank_with_143(self):
        self.assert_stops(signal.SIGTERM, 143)

    def test_a_killed_worker_rank_ends_the_whole_job(self):
        proc, job = self.start_long_run()
        workers = [pid for pid in job if rank_of(pid) not in (None, 0)]
        self.assertEqual(len(workers), 2)
        os.kill(workers[0], signal.SIGKILL)
        code = wait_or_kill(proc, 10)
        proc.communicate()
        self.assertIsNotNone(code, "the job did not end within 10 s")
        self.assertNotEqual(code, 0)
        self.assertTrue(wait_until(lambda: not any(alive(pid) for pid in job), timeout=5),
                        f"left running: {[pid for pid in job if alive(pid)]}")


if __name__ == "__main__":
    unittest.main()
