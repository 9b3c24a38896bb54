"""Fault campaign for `concur spin`, each model, drawing on a pseudo-terminal.

- SIGINT at a random moment, sent to concur's process group as Ctrl-C does (by default 100
  trials per model). Each must end within a bound (no hang), with status 130 (or 0 if the
  work was over before the signal came, or killed by SIGINT if it came before the handlers
  were installed or after they were put back), leave no process and no zombie behind, print
  only correct lines (the spinner object, "Answer: 42", and the answer whenever the status is
  0), say "interrupted by SIGINT" on 130, leave the cursor shown (the last hide-cursor sequence
  followed by a show-cursor), and never draw a line as wide as the terminal.
- SIGKILL of the parent during `spin --model=process` (by default 20 trials): no spinner child
  alive 1 s later (it has PR_SET_PDEATHSIG; the test is its subreaper, so it cannot escape).

The moment is uniform over 0 .. 1.1 x the run's own duration, measured on this build first.
Prints one line of figures per kind and exits 1 if any trial failed. Run by ctest (label
`fault`) with CONCUR set to the binary's path; replay a campaign with --seed.
"""
import argparse
import os
import random
import signal
import sys
import time

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from leftovers import LEAK_CHECK_OFF, become_subreaper, collect_leftovers
from processes import wait_for_children
from pty_run import PtyRun, cursor_restored, drawn_widths

CONCUR = os.environ.get("CONCUR", "concur")
SPIN_MODELS = ["thread", "process", "coroutine"]  # concur spin --model: one place to add one
SECONDS = "0.3"  # short: a trial costs about this much
COLUMNS = 80


def spin(model):
    return [CONCUR, "spin", f"--model={model}", f"--seconds={SECONDS}"]


def duration_of(model):
    """One run's duration on this build: the median of 3 (the machine is noisy)."""
    durations = []
    for _ in range(3):
        start = time.monotonic()
        run = PtyRun(spin(model), columns=COLUMNS, env=LEAK_CHECK_OFF)
        status = run.finish(60)
        durations.append(time.monotonic() - start)
        leftovers = collect_leftovers()
        run.close()
        if status != 0 or leftovers:
            sys.exit(f"calibration: spin --model={model} ended with {status}, left {leftovers}")
    return sorted(durations)[1]


def wrong_output(stdout, screen, status):
    """What is wrong with what the run printed, or None."""
    lines = stdout.splitlines()
    for line in lines:
        if not (line.startswith("spinner object: <") or line == "Answer: 42"):
            return f"unexpected line {line!r}"
    if status == 0 and "Answer: 42" not in lines:
        return "status 0 without the answer"
    if status == 130 and b"concur: interrupted by SIGINT" not in screen:
        return "status 130 without 'interrupted by SIGINT'"
    return None


def sigint_trial(rng, model, duration, bound, figures, log):
    delay = rng.uniform(0, 1.1 * duration)
    run = PtyRun(spin(model), columns=COLUMNS, env=LEAK_CHECK_OFF)
    time.sleep(delay)
    try:
        os.killpg(run.proc.pid, signal.SIGINT)  # Ctrl-C: the whole group, the child included
    except ProcessLookupError:
        pass  # over already (and reaped by Popen's wait below)
    status = run.finish(bound)
    leftovers = collect_leftovers()
    run.close()
    screen = run.received()
    problems = []
    if status is None:
        figures["hangs"] += 1
        problems.append(f"no end within {bound:.1f}s of SIGINT")
    elif status == 130:
        figures["130"] += 1
    elif status == 0:
        figures["done before the signal"] += 1
    elif status == -signal.SIGINT:
        figures["killed outside the handlers"] += 1
    else:
        figures["wrong statuses"] += 1
        problems.append(f"status {status}")
    if leftovers:
        figures["leftovers"] += 1
        problems.append(f"left behind: {leftovers}")
    if not cursor_restored(screen):
        figures["cursor hidden"] += 1
        problems.append("the cursor was left hidden")
    if max(drawn_widths(screen)) >= COLUMNS:
        figures["lines too wide"] += 1
        problems.append("a line as wide as the terminal")
    if status is not None and (wrong := wrong_output(run.stdout(), screen, status)):
        figures["wrong results"] += 1
        problems.append(wrong)
    if problems:
        log.append(f"SIGINT trial (spin --model={model}, {delay:.3f}s): {'; '.join(problems)}; "
                   f"screen {screen[-120:]!r}")


def sigkill_trial(rng, figures, log):
    run = PtyRun([CONCUR, "spin", "--model=process", "--seconds=30"], columns=COLUMNS, env=LEAK_CHECK_OFF)
    wait_for_children(run.proc.pid, 1)
    time.sleep(rng.uniform(0, 0.3))
    run.proc.kill()
    run.finish(10)
    found = collect_leftovers(grace=1.0)
    run.close()
    alive = [(pid, state) for pid, state in found if state != "Z"]
    if alive:
        figures["alive 1 s later"] += 1
        log.append(f"SIGKILL trial (spin --model=process): spinner alive 1 s after its parent: {alive}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigint-trials", type=int, default=100, help="per model")
    parser.add_argument("--sigkill-trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None, help="replay a campaign (default: random)")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.SystemRandom().randrange(2 ** 32)
    rng = random.Random(seed)
    become_subreaper()

    start = time.monotonic()
    durations = {model: duration_of(model) for model in SPIN_MODELS}
    bound = 5.0 + 2 * max(durations.values())
    print(f"seed {seed}; spin --seconds={SECONDS} on this build: "
          + ", ".join(f"{model} {seconds:.2f}s" for model, seconds in durations.items())
          + f"; hang bound {bound:.1f}s", flush=True)

    log = []
    failure_keys = ["hangs", "wrong statuses", "leftovers", "cursor hidden", "lines too wide", "wrong results"]
    sigint = {}
    for model in SPIN_MODELS:
        sigint[model] = dict.fromkeys(["130", "done before the signal", "killed outside the handlers",
                                       *failure_keys], 0)
        for _ in range(arguments.sigint_trials):
            sigint_trial(rng, model, durations[model], bound, sigint[model], log)
    sigkill = {"alive 1 s later": 0}
    for _ in range(arguments.sigkill_trials):
        sigkill_trial(rng, sigkill, log)
    for line in log:
        print(line)
    for model, figures in sigint.items():
        print(f"SIGINT at a random moment, spin --model={model}: {arguments.sigint_trials} trials: "
              + ", ".join(f"{key} {value}" for key, value in figures.items()))
    print(f"SIGKILL of the parent, spin --model=process: {arguments.sigkill_trials} trials: "
          + ", ".join(f"{key} {value}" for key, value in sigkill.items()))
    print(f"campaign time {time.monotonic() - start:.1f}s")
    failures = sum(figures[key] for figures in sigint.values() for key in failure_keys)
    failures += sigkill["alive 1 s later"]
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
