"""What the fault campaigns share: a seed to replay, trials counted into figures, the report.

A campaign judges its trials rather than asserting: every trial runs, each finding is counted
under a key of its kind's figures (how it ended, what went wrong) and each problem is described
in the log, so a run shows how often a thing happens, not only that it happened once. It fails
at the end if any failure key counted one.
"""
import random
import signal
import time

from leftovers import collect_leftovers
from processes import wait_for_children

# How a run may end after a SIGINT besides a failure (the third way, death by SIGINT outside
# concur's handlers, is named by each campaign after what the handlers belong to).
SIGINT_ENDINGS = ["130", "done before the signal"]


def parse_with_seed(parser):
    """Adds --seed to `parser` and parses the command line: (arguments, seed, random source).
    Every random choice comes from that source, so the printed seed replays the campaign."""
    parser.add_argument("--seed", type=int, default=None, help="replay a campaign (default: random)")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.SystemRandom().randrange(2 ** 32)
    return arguments, seed, random.Random(seed)


class Trial:
    """One trial's findings: each counted in its kind's figures, each problem kept for the log."""

    def __init__(self, kind):
        self.kind = kind
        self.problems = []

    def count(self, key):
        self.kind.figures[key] += 1

    def fail(self, key, problem):
        self.count(key)
        self.problems.append(problem)

    def log(self, what, detail=None):
        """Logs the trial as `what: problem; problem[; detail]` if anything went wrong."""
        if self.problems:
            parts = self.problems + ([detail] if detail else [])
            self.kind.log.append(f"{what}: {'; '.join(parts)}")


class Kind:
    """One kind of trial, run `trials` times, with its figures: the `counted` keys (outcomes and
    other events) then the `failures`, each from 0, in the order they are printed."""

    def __init__(self, title, trials, counted, failures, log):
        self.title = title
        self.trials = trials
        self.figures = dict.fromkeys([*counted, *failures], 0)
        self.failures = failures
        self.log = log
        self.measured = ""  # measurements beside the counts, e.g. "median 2.1 ms, max 4.0 ms"

    def trial(self):
        return Trial(self)

    def failed(self):
        return sum(self.figures[key] for key in self.failures)

    def line(self):
        counts = ", ".join(f"{key} {value}" for key, value in self.figures.items())
        return f"{self.title}: {self.trials} trials: {counts}" + (f"; {self.measured}" if self.measured else "")


class Report:
    """The campaign's kinds of trial and its log, from its start (calibration included) to the
    report: the failed trials first, then one line of figures per kind, then the time taken."""

    def __init__(self):
        self.start = time.monotonic()
        self.kinds = []
        self.log = []

    def kind(self, title, trials, counted, failures):
        kind = Kind(title, trials, counted, failures, self.log)
        self.kinds.append(kind)
        return kind

    def finish(self):
        """Prints the report; the exit status: 1 if any trial failed, else 0."""
        for line in self.log:
            print(line)
        for kind in self.kinds:
            print(kind.line())
        print(f"campaign time {time.monotonic() - self.start:.1f}s")
        return 1 if any(kind.failed() for kind in self.kinds) else 0


def count_sigint_ending(trial, status, bound, killed_outside):
    """Counts how a run ended after its SIGINT: 130 (stopped), 0 (over before the signal came),
    killed by SIGINT (it came while concur's handlers were not installed: the default action,
    which a shell also reports as 130; counted under `killed_outside`), or a failure: no end
    within `bound` seconds (a hang, status None) or any other status."""
    if status is None:
        trial.fail("hangs", f"no end within {bound:.1f}s of SIGINT")
    elif status == 130:
        trial.count("130")
    elif status == 0:
        trial.count("done before the signal")
    elif status == -signal.SIGINT:
        trial.count(killed_outside)
    else:
        trial.fail("wrong statuses", f"status {status}")


def alive_after_parent_killed(run, workers, delay):
    """SIGKILLs concur (`run.proc`) `delay` seconds after it has `workers` children (or after
    10 s) and returns those still alive 1 s later, as (pid, state) pairs; all are then reaped.
    Each child has PR_SET_PDEATHSIG, so none should be: the test process is their subreaper,
    so none can slip away to init unseen."""
    wait_for_children(run.proc.pid, workers)
    time.sleep(delay)
    run.proc.kill()
    run.finish(10)
    # The children are re-parented to this process (a subreaper): alive, or zombies once dead.
    found = collect_leftovers(grace=1.0)
    return [(pid, state) for pid, state in found if state != "Z"]
