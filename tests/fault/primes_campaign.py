"""Fault campaign for `concur primes`: signals at random moments, for every model.

Three kinds of trial, each on a workload drawn at random (the seed's 5 numbers and the book's
20 with the seed's slow loop, --method=trial-simple, so there is time to interrupt; a stream
of numbers on standard input through a pipe):

- SIGINT at a random moment of the run, for each model `concur primes` lists (by default 100
  trials per model: a new model is picked up with no change here). Each must end within a
  bound (no hang), with status 130 (or 0 if the run was over before the signal came, or
  killed by SIGINT if the signal came while no pool was running, before its workers start or
  after they are all reaped: the default action, which a shell also reports as 130), leave
  no worker and no zombie behind, and
  print only correct result lines: every number's P or blank matches a reference, no number
  twice, none that was not asked, the summary only when the run completed, and the count in
  "interrupted by SIGINT after N checks" equal to the lines printed.
- SIGKILL of a random worker of `--model=process` at a random moment (by default 50 trials:
  25 with --retries=0 and 25 with --retries=2, on the book's numbers). Without retries: exit 3,
  the worker named on stderr, every printed verdict right, and every number either printed
  once or listed as not checked. With --retries=2: exit 0 and every number answered once,
  the lost worker still named on stderr. (Or exit 0 and no loss, when the worker had
  finished before the signal came.) Each must also end within the bound and leave nothing.
- SIGKILL of the parent once its workers run (by default 20 trials, process model): no
  worker may be alive 1 s later (they have PR_SET_PDEATHSIG; the test is their subreaper, so
  none can escape).
- Stop latency, for each model (by default 50 trials per model): two checks of 64-bit primes
  with the seed's loop (seconds each) on two workers, SIGINT at a random moment 0.2 to 1 s
  in, in the middle of both checks. Each must exit 130 within 100 ms of the signal (1 s in a
  sanitized build: CONCUR_SANITIZED=1), print no result and leave nothing behind. The time is
  from the signal to the process's exit, seen through a pidfd; the median and the maximum
  per model are printed.

For the first three, the moment is uniform over 0 .. the workload's own duration, measured on this build first
(so sanitized builds get the same spread). Prints one line of figures per kind and exits 1
if any trial failed. Run by ctest (label `fault`) with CONCUR set to the binary's path;
replay a campaign with --seed.
"""
import argparse
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import threading
import time

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from campaign import SIGINT_ENDINGS, Report, alive_after_parent_killed, count_sigint_ending, parse_with_seed
from leftovers import LEAK_CHECK_OFF, become_subreaper, collect_leftovers
from primes_expected import BOOK, RESULT_LINE, SEED
from processes import state, wait_for_children, wait_or_kill

CONCUR = os.environ.get("CONCUR", "concur")
STREAM_LIMIT = 200_000


def sieve(limit):
    prime = bytearray([1]) * (limit + 1)
    prime[0] = prime[1] = 0
    for i in range(2, int(limit ** 0.5) + 1):
        if prime[i]:
            prime[i * i::i] = bytearray(len(prime[i * i::i]))
    return prime


STREAM_PRIMES = sieve(STREAM_LIMIT)
STREAM = {n: bool(STREAM_PRIMES[n]) for n in range(1, STREAM_LIMIT + 1)}
STREAM_TEXT = "".join(f"{n}\n" for n in range(1, STREAM_LIMIT + 1)).encode()

# name: (arguments, standard input or None, the numbers asked with their answers); the model
# is added to the arguments of each run.
WORKLOADS = {
    "seed": (["primes", "--procs=2", "--method=trial-simple"], None, SEED),
    "book": (["primes", "--procs=2", "--numbers=book", "--method=trial-simple"], None, BOOK),
    "stream": (["primes", "--procs=3", "-"], STREAM_TEXT, STREAM),
}


def primes_models():
    """The models `concur primes --model` accepts, as its usage error lists them: one place,
    the binary, so a model added there is in the campaign without touching this file."""
    done = subprocess.run([CONCUR, "primes", "--model=?"], capture_output=True, text=True, timeout=60)
    match = re.search(r"is not a model; allowed: (.+) \(see 'concur primes --help'\)$", done.stderr.strip())
    if done.returncode != 2 or not match:
        sys.exit(f"cannot learn the models from concur primes --model=?: {done.stderr!r}")
    # mpi is left out: its ranks are started by mpiexec, not by concur (tests/mpi stops it).
    return [name.strip() for name in match.group(1).split(",") if name.strip() != "mpi"]


def with_model(args, model):
    return [args[0], f"--model={model}", *args[1:]]


class Run:
    """One concur process, its output read as it comes, its stdin fed from a thread."""

    def __init__(self, args, stdin):
        self.proc = subprocess.Popen([CONCUR, *args], stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=LEAK_CHECK_OFF)
        self.out = []
        self.err = []
        self.threads = [threading.Thread(target=self.drain, args=(self.proc.stdout, self.out)),
                        threading.Thread(target=self.drain, args=(self.proc.stderr, self.err))]
        if stdin:
            self.threads.append(threading.Thread(target=self.feed, args=(stdin,)))
        for thread in self.threads:
            thread.start()

    @staticmethod
    def drain(stream, into):
        into.append(stream.read())

    def feed(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    def finish(self, timeout):
        """The exit status, or None if concur did not end within `timeout` (then killed)."""
        status = wait_or_kill(self.proc, timeout)
        for thread in self.threads:
            thread.join()
        return status

    def stdout(self):
        return b"".join(self.out).decode()

    def stderr(self):
        return b"".join(self.err).decode()


def wrong_results(out, err, status, expected):
    """What is wrong with the printed results, or None if they are all correct."""
    lines = out.splitlines()
    if not lines:
        return None if status != 0 else "no output from a completed run"
    if not lines[0].startswith("Checking "):
        return f"no header: {lines[0]!r}"
    completed = bool(lines[-1:]) and re.match(r"^\d+ checks? in \d+\.\d\ds$", lines[-1])
    body = lines[1:-1] if completed else lines[1:]
    seen = set()
    for line in body:
        match = RESULT_LINE.match(line)
        if not match:
            return f"not a whole result line: {line!r}"
        number, prime = int(match.group(1)), match.group(2) == "P"
        if number not in expected:
            return f"{number} was not asked"
        if expected[number] != prime:
            return f"{number} reported {'prime' if prime else 'not prime'}"
        if number in seen:
            return f"{number} reported twice"
        seen.add(number)
    if status == 0 and not completed:
        return "status 0 without the summary line"
    if completed and seen != set(expected):
        return f"the summary line after {len(seen)} of {len(expected)} results"
    if status == 130:
        if completed:
            return "status 130 with the summary line"
        match = re.search(r"interrupted by SIGINT after (\d+) checks?", err)
        if not match:
            return f"no 'interrupted by SIGINT' message: {err!r}"
        if int(match.group(1)) != len(seen):
            return f"says {match.group(1)} checks but printed {len(seen)}"
    return None


def duration_of(workload, model):
    """The workload's duration on this build: the median of 3 runs (the machine is noisy)."""
    args, stdin, _ = WORKLOADS[workload]
    args = with_model(args, model)
    durations = []
    for _ in range(3):
        start = time.monotonic()
        run = Run(args, stdin)
        status = run.finish(120)
        durations.append(time.monotonic() - start)
        if status != 0:
            sys.exit(f"calibration: {workload} ended with {status}: {run.stderr()}")
        if collect_leftovers():
            sys.exit(f"calibration: {workload} left processes behind")
    return sorted(durations)[1]


def sigint_trial(rng, model, durations, bound, kind):
    workload = rng.choice(list(WORKLOADS))
    args, stdin, expected = WORKLOADS[workload]
    delay = rng.uniform(0, durations[(workload, model)])
    run = Run(with_model(args, model), stdin)
    time.sleep(delay)
    run.proc.send_signal(signal.SIGINT)
    status = run.finish(bound)
    leftovers = collect_leftovers()
    out, err = run.stdout(), run.stderr()
    trial = kind.trial()
    count_sigint_ending(trial, status, bound, killed_outside="killed outside the pool")
    if leftovers:
        trial.fail("leftovers", f"left behind: {leftovers}")
    if status is not None and (wrong := wrong_results(out, err, status, expected)):
        trial.fail("wrong results", wrong)
    trial.log(f"SIGINT trial ({model}, {workload}, {delay:.3f}s)", f"stderr {err[-300:]!r}")


LOST_WORKER = re.compile(r"^concur: worker \d+ \(pid (\d+)\) was killed by SIGKILL", re.M)
NOT_CHECKED = re.compile(r"^concur: \d+ numbers? (?:was|were) not checked because a worker was lost: (.+)$", re.M)


def worker_kill_trial(rng, retries, durations, bound, kind):
    """SIGKILL of one worker, chosen at random, at a random moment of the book's numbers."""
    args, stdin, expected = WORKLOADS["book"]
    run = Run([*with_model(args, "process"), f"--retries={retries}"], stdin)
    workers = wait_for_children(run.proc.pid, 2)
    delay = rng.uniform(0, 0.8 * durations[("book", "process")])
    time.sleep(delay)
    victim = rng.choice(workers) if workers else None
    # A worker that has already said done and exited cannot be lost; one still running must be
    # reported once killed, even if it had said done (then it did not exit cleanly).
    alive_at_kill = victim is not None and state(victim) not in (None, "Z")
    if alive_at_kill:
        os.kill(victim, signal.SIGKILL)
    status = run.finish(bound)
    leftovers = collect_leftovers()
    out, err = run.stdout(), run.stderr()
    trial = kind.trial()
    lost = [int(pid) for pid in LOST_WORKER.findall(err)]
    printed = [int(m.group(1)) for m in map(RESULT_LINE.match, out.splitlines()) if m]
    if re.search(r"was killed by SIGKILL while checking \d+", err):
        trial.count("killed mid-check")
    if status is None:
        trial.fail("hangs", f"no end within {bound:.1f}s")
    elif status == 0 and not lost and not alive_at_kill:
        trial.count("done before the kill")
    elif lost != [victim]:
        trial.fail("wrong results", f"stderr names lost workers {lost}, killed {victim}")
    elif retries == 0 and status == 3:
        trial.count("3 (lost)")
    elif retries > 0 and status == 0:
        trial.count("0 (answered again)")
    else:
        trial.fail("wrong statuses", f"status {status}")
    if leftovers:
        trial.fail("leftovers", f"left behind: {leftovers}")
    if status is not None:
        # Right verdicts, nothing twice, nothing unasked: the same check as after SIGINT.
        wrong = wrong_results(out, err, status, expected)
        unchecked = NOT_CHECKED.search(err)
        unchecked = [int(n) for n in unchecked.group(1).split(", ")] if unchecked else []
        if wrong is None and sorted(printed + unchecked) != sorted(expected):
            wrong = f"printed {len(printed)} and listed {len(unchecked)} unchecked of {len(expected)}"
        if wrong is None and status == 0 and sorted(printed) != sorted(expected):
            wrong = f"status 0 with {len(printed)} of {len(expected)} answered"
        if wrong:
            trial.fail("wrong results", wrong)
    trial.log(f"worker SIGKILL trial (--retries={retries}, {delay:.3f}s)", f"stderr {err[-300:]!r}")


def sigkill_trial(rng, durations, kind):
    workload = rng.choice(["book", "stream"])
    args, stdin, _ = WORKLOADS[workload]
    run = Run(with_model(args, "process"), stdin)
    workers = int(args[1].split("=")[1])
    alive = alive_after_parent_killed(run, workers, rng.uniform(0, 0.8 * durations[(workload, "process")]))
    trial = kind.trial()
    if alive:
        trial.fail("alive 1 s later", f"workers alive 1 s after their parent: {alive}")
    trial.log(f"SIGKILL trial ({workload})")


# Two 64-bit primes, each seconds of the seed's loop, one per worker: a SIGINT 0.2 to 1 s in
# lands in the middle of both checks.
LATENCY_ARGS = ["primes", "--procs=2", "--method=trial-simple", "18446744073709551557", "18446744073709551533"]
LATENCY_EXPECTED = {18446744073709551557: True, 18446744073709551533: True}
LATENCY_BOUND = 1.0 if os.environ.get("CONCUR_SANITIZED") == "1" else 0.1  # seconds


def exit_latency(run, hang_bound):
    """Seconds from now to the exit of `run`'s process, or None if it is still running after
    `hang_bound`. A pidfd becomes readable the moment the process exits: no polling interval
    (Popen.wait with a timeout sleeps up to 50 ms between looks) stretches the figure."""
    pidfd = os.pidfd_open(run.proc.pid)
    try:
        start = time.monotonic()
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        ended = poller.poll(hang_bound * 1000)
        return time.monotonic() - start if ended else None
    finally:
        os.close(pidfd)


def latency_trial(rng, model, hang_bound, kind, latencies):
    run = Run(with_model(LATENCY_ARGS, model), None)
    delay = rng.uniform(0.2, 1.0)
    time.sleep(delay)
    run.proc.send_signal(signal.SIGINT)
    latency = exit_latency(run, hang_bound)
    status = run.finish(hang_bound)
    leftovers = collect_leftovers()
    out, err = run.stdout(), run.stderr()
    trial = kind.trial()
    if latency is None or status is None:
        trial.fail("hangs", f"no end within {hang_bound:.1f}s of SIGINT")
    else:
        latencies.append(latency)
        if status == 130:
            trial.count("130")
        else:
            trial.fail("wrong statuses", f"status {status}")
        if latency > LATENCY_BOUND:
            trial.fail("too slow", f"exited {latency * 1000:.1f} ms after SIGINT (bound {LATENCY_BOUND * 1000:.0f} ms)")
        if wrong := wrong_results(out, err, status, LATENCY_EXPECTED):
            trial.fail("wrong results", wrong)
    if leftovers:
        trial.fail("leftovers", f"left behind: {leftovers}")
    trial.log(f"latency trial ({model}, {delay:.3f}s)", f"stderr {err[-300:]!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigint-trials", type=int, default=100, help="per model")
    parser.add_argument("--worker-kill-trials", type=int, default=25, help="per --retries value (0 and 2)")
    parser.add_argument("--sigkill-trials", type=int, default=20)
    parser.add_argument("--latency-trials", type=int, default=50, help="per model")
    arguments, seed, rng = parse_with_seed(parser)
    become_subreaper()

    report = Report()
    models = primes_models()
    durations = {(name, model): duration_of(name, model) for model in models for name in WORKLOADS}
    # Generous: a stopped run must end in well under a second; a sanitized one, in a few.
    bound = 5.0 + 2 * max(durations.values())
    print(f"seed {seed}; models {', '.join(models)}; workload durations on this build: "
          + ", ".join(f"{name} {model} {seconds:.2f}s" for (name, model), seconds in durations.items())
          + f"; hang bound {bound:.1f}s", flush=True)

    failures = ["hangs", "wrong statuses", "leftovers", "wrong results"]
    for model in models:
        kind = report.kind(f"SIGINT at a random moment, --model={model}", arguments.sigint_trials,
                           [*SIGINT_ENDINGS, "killed outside the pool"], failures)
        for _ in range(kind.trials):
            sigint_trial(rng, model, durations, bound, kind)
    for retries in (0, 2):
        kind = report.kind(f"SIGKILL of a worker, --model=process --retries={retries}", arguments.worker_kill_trials,
                           ["3 (lost)" if retries == 0 else "0 (answered again)", "killed mid-check",
                            "done before the kill"], failures)
        for _ in range(kind.trials):
            worker_kill_trial(rng, retries, durations, bound, kind)
    kind = report.kind("SIGKILL of the parent, --model=process", arguments.sigkill_trials, [], ["alive 1 s later"])
    for _ in range(kind.trials):
        sigkill_trial(rng, durations, kind)
    for model in models:
        kind = report.kind(f"stop latency in the middle of two checks, --model={model}", arguments.latency_trials,
                           ["130"], ["hangs", "wrong statuses", "too slow", "leftovers", "wrong results"])
        latencies = []
        for _ in range(kind.trials):
            latency_trial(rng, model, bound, kind, latencies)
        if latencies:
            kind.measured = (f"exit after SIGINT: median {statistics.median(latencies) * 1000:.1f} ms,"
                             f" max {max(latencies) * 1000:.1f} ms (bound {LATENCY_BOUND * 1000:.0f} ms)")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
