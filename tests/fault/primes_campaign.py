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

The moment is uniform over 0 .. the workload's own duration, measured on this build first
(so sanitized builds get the same spread). Prints one line of figures per kind and exits 1
if any trial failed. Run by ctest (label `fault`) with CONCUR set to the binary's path;
replay a campaign with --seed.
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

from leftovers import become_subreaper, children, collect_leftovers, state

CONCUR = os.environ.get("CONCUR", "concur")
LINE = re.compile(r"^ *(\d+)  ([P ]) +(\d+\.\d{6})s$")
BOOK = {
    2: True, 142702110479723: True, 299593572317531: True, 3333333333333301: True,
    3333333333333333: False, 3333335652092209: False, 4444444444444423: True,
    4444444444444444: False, 4444444488888889: False, 5555553133149889: False,
    5555555555555503: True, 5555555555555555: False, 6666666666666666: False,
    6666666666666719: True, 6666667141414921: False, 7777777536340681: False,
    7777777777777753: True, 7777777777777777: False, 9999999999999917: True,
    9999999999999999: False,
}
SEED = {n: BOOK[n] for n in list(BOOK)[:5]}
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
    return [name.strip() for name in match.group(1).split(",")]


def with_model(args, model):
    return [args[0], f"--model={model}", *args[1:]]


# Under ASan, LeakSanitizer checks for leaks at exit from a tracer task it clones: a child
# process of concur's. A SIGINT landing during that check kills concur (the pool, and its
# handlers, are gone by then) and orphans the tracer, which this campaign would count as a
# leftover worker. Leaks are checked by every other test; here they are off.
RUN_ENVIRONMENT = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")


class Run:
    """One concur process, its output read as it comes, its stdin fed from a thread."""

    def __init__(self, args, stdin):
        self.proc = subprocess.Popen([CONCUR, *args], stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=RUN_ENVIRONMENT)
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
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
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
        match = LINE.match(line)
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


def sigint_trial(rng, model, durations, bound, figures, log):
    workload = rng.choice(list(WORKLOADS))
    args, stdin, expected = WORKLOADS[workload]
    delay = rng.uniform(0, durations[(workload, model)])
    run = Run(with_model(args, model), stdin)
    time.sleep(delay)
    run.proc.send_signal(signal.SIGINT)
    status = run.finish(bound)
    leftovers = collect_leftovers()
    out, err = run.stdout(), run.stderr()
    problems = []
    if status is None:
        figures["hangs"] += 1
        problems.append(f"no end within {bound:.1f}s of SIGINT")
    elif status == 130:
        figures["130"] += 1
    elif status == 0:
        figures["done before the signal"] += 1
    elif status == -signal.SIGINT:
        figures["killed outside the pool"] += 1
    else:
        figures["wrong statuses"] += 1
        problems.append(f"status {status}")
    if leftovers:
        figures["leftovers"] += 1
        problems.append(f"left behind: {leftovers}")
    if status is not None and (wrong := wrong_results(out, err, status, expected)):
        figures["wrong results"] += 1
        problems.append(wrong)
    if problems:
        log.append(f"SIGINT trial ({model}, {workload}, {delay:.3f}s): {'; '.join(problems)}; stderr {err[-300:]!r}")


LOST_WORKER = re.compile(r"^concur: worker \d+ \(pid (\d+)\) was killed by SIGKILL", re.M)
NOT_CHECKED = re.compile(r"^concur: \d+ numbers? (?:was|were) not checked because a worker was lost: (.+)$", re.M)


def worker_kill_trial(rng, retries, durations, bound, figures, log):
    """SIGKILL of one worker, chosen at random, at a random moment of the book's numbers."""
    args, stdin, expected = WORKLOADS["book"]
    run = Run([*with_model(args, "process"), f"--retries={retries}"], stdin)
    workers = children_of(run.proc.pid)
    deadline = time.monotonic() + 10
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.002)
        workers = children_of(run.proc.pid)
    delay = rng.uniform(0, 0.8 * durations[("book", "process")])
    time.sleep(delay)
    victim = int(rng.choice(workers)) if workers else None
    # A worker that has already said done and exited cannot be lost; one still running must be
    # reported once killed, even if it had said done (then it did not exit cleanly).
    alive_at_kill = victim is not None and state(victim) not in (None, "Z")
    if alive_at_kill:
        os.kill(victim, signal.SIGKILL)
    status = run.finish(bound)
    leftovers = collect_leftovers()
    out, err = run.stdout(), run.stderr()
    problems = []
    lost = [int(pid) for pid in LOST_WORKER.findall(err)]
    printed = [int(m.group(1)) for m in map(LINE.match, out.splitlines()) if m]
    if re.search(r"was killed by SIGKILL while checking \d+", err):
        figures["killed mid-check"] += 1
    if status is None:
        figures["hangs"] += 1
        problems.append(f"no end within {bound:.1f}s")
    elif status == 0 and not lost and not alive_at_kill:
        figures["done before the kill"] += 1
    elif lost != [victim]:
        figures["wrong results"] += 1
        problems.append(f"stderr names lost workers {lost}, killed {victim}")
    elif retries == 0 and status == 3:
        figures["3 (lost)"] += 1
    elif retries > 0 and status == 0:
        figures["0 (answered again)"] += 1
    else:
        figures["wrong statuses"] += 1
        problems.append(f"status {status}")
    if leftovers:
        figures["leftovers"] += 1
        problems.append(f"left behind: {leftovers}")
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
            figures["wrong results"] += 1
            problems.append(wrong)
    if problems:
        log.append(f"worker SIGKILL trial (--retries={retries}, {delay:.3f}s): {'; '.join(problems)}; "
                   f"stderr {err[-300:]!r}")


def sigkill_trial(rng, durations, figures, log):
    workload = rng.choice(["book", "stream"])
    args, stdin, _ = WORKLOADS[workload]
    run = Run(with_model(args, "process"), stdin)
    workers = int(args[1].split("=")[1])
    deadline = time.monotonic() + 10
    while len(children_of(run.proc.pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(rng.uniform(0, 0.8 * durations[(workload, "process")]))
    run.proc.kill()
    run.finish(10)
    # The workers are re-parented to this process (a subreaper): alive, or zombies once dead.
    found = collect_leftovers(grace=1.0)
    alive = [(pid, state) for pid, state in found if state != "Z"]
    if alive:
        figures["alive 1 s later"] += 1
        log.append(f"SIGKILL trial ({workload}): workers alive 1 s after their parent: {alive}")


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return f.read().split()
    except FileNotFoundError:
        return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigint-trials", type=int, default=100, help="per model")
    parser.add_argument("--worker-kill-trials", type=int, default=25, help="per --retries value (0 and 2)")
    parser.add_argument("--sigkill-trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None, help="replay a campaign (default: random)")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.SystemRandom().randrange(2 ** 32)
    rng = random.Random(seed)
    become_subreaper()

    start = time.monotonic()
    models = primes_models()
    durations = {(name, model): duration_of(name, model) for model in models for name in WORKLOADS}
    # Generous: a stopped run must end in well under a second; a sanitized one, in a few.
    bound = 5.0 + 2 * max(durations.values())
    print(f"seed {seed}; models {', '.join(models)}; workload durations on this build: "
          + ", ".join(f"{name} {model} {seconds:.2f}s" for (name, model), seconds in durations.items())
          + f"; hang bound {bound:.1f}s", flush=True)

    log = []
    failure_keys = ["hangs", "wrong statuses", "leftovers", "wrong results"]
    sigint = {}
    for model in models:
        sigint[model] = dict.fromkeys(["130", "done before the signal", "killed outside the pool",
                                       *failure_keys], 0)
        for _ in range(arguments.sigint_trials):
            sigint_trial(rng, model, durations, bound, sigint[model], log)
    worker_kill = {}
    for retries in (0, 2):
        worker_kill[retries] = dict.fromkeys(["3 (lost)" if retries == 0 else "0 (answered again)",
                                              "killed mid-check", "done before the kill", *failure_keys], 0)
        for _ in range(arguments.worker_kill_trials):
            worker_kill_trial(rng, retries, durations, bound, worker_kill[retries], log)
    sigkill = {"alive 1 s later": 0}
    for _ in range(arguments.sigkill_trials):
        sigkill_trial(rng, durations, sigkill, log)
    for line in log:
        print(line)
    for model, figures in sigint.items():
        print(f"SIGINT at a random moment, --model={model}: {arguments.sigint_trials} trials: "
              + ", ".join(f"{key} {value}" for key, value in figures.items()))
    for retries, figures in worker_kill.items():
        print(f"SIGKILL of a worker, --model=process --retries={retries}: {arguments.worker_kill_trials} trials: "
              + ", ".join(f"{key} {value}" for key, value in figures.items()))
    print(f"SIGKILL of the parent, --model=process: {arguments.sigkill_trials} trials: "
          + ", ".join(f"{key} {value}" for key, value in sigkill.items()))
    print(f"campaign time {time.monotonic() - start:.1f}s")
    failures = sum(figures[key] for figures in [*sigint.values(), *worker_kill.values()] for key in failure_keys)
    failures += sigkill["alive 1 s later"]
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
