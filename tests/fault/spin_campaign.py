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
import signal
import sys
import time

# The helpers the tests share are in tests/support, found from this file's own place, so ctest,
# `python3 -m unittest` and a run by hand work from any folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))

from campaign import SIGINT_ENDINGS, Report, alive_after_parent_killed, count_sigint_ending, parse_with_seed
from concur import SPIN_MODELS, spin_command
from leftovers import LEAK_CHECK_OFF, become_subreaper, collect_leftovers
from pty_run import PtyRun, cursor_restored, drawn_widths

SECONDS = "0.3"  # short: a trial costs about this much
COLUMNS = 80


def spin(model):
    return spin_command(model, f"--seconds={SECONDS}")


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


def sigint_trial(rng, model, duration, bound, kind):
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
    trial = kind.trial()
    count_sigint_ending(trial, status, bound, killed_outside="killed outside the handlers")
    if leftovers:
        trial.fail("leftovers", f"left behind: {leftovers}")
    if not cursor_restored(screen):
        trial.fail("cursor hidden", "the cursor was left hidden")
    if max(drawn_widths(screen)) >= COLUMNS:
        trial.fail("lines too wide", "a line as wide as the terminal")
    if status is not None and (wrong := wrong_output(run.stdout(), screen, status)):
        trial.fail("wrong results", wrong)
    trial.log(f"SIGINT trial (spin --model={model}, {delay:.3f}s)", f"screen {screen[-120:]!r}")


def sigkill_trial(rng, kind):
    run = PtyRun(spin_command("process", "--seconds=30"), columns=COLUMNS, env=LEAK_CHECK_OFF)
    alive = alive_after_parent_killed(run, 1, rng.uniform(0, 0.3))
    run.close()
    trial = kind.trial()
    if alive:
        trial.fail("alive 1 s later", f"spinner alive 1 s after its parent: {alive}")
    trial.log("SIGKILL trial (spin --model=process)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigint-trials", type=int, default=100, help="per model")
    parser.add_argument("--sigkill-trials", type=int, default=20)
    arguments, seed, rng = parse_with_seed(parser)
    become_subreaper()

    report = Report()
    durations = {model: duration_of(model) for model in SPIN_MODELS}
    bound = 5.0 + 2 * max(durations.values())
    print(f"seed {seed}; spin --seconds={SECONDS} on this build: "
          + ", ".join(f"{model} {seconds:.2f}s" for model, seconds in durations.items())
          + f"; hang bound {bound:.1f}s", flush=True)

    failures = ["hangs", "wrong statuses", "leftovers", "cursor hidden", "lines too wide", "wrong results"]
    for model in SPIN_MODELS:
        kind = report.kind(f"SIGINT at a random moment, spin --model={model}", arguments.sigint_trials,
                           [*SIGINT_ENDINGS, "killed outside the handlers"], failures)
        for _ in range(kind.trials):
            sigint_trial(rng, model, durations[model], bound, kind)
    kind = report.kind("SIGKILL of the parent, spin --model=process", arguments.sigkill_trials, [],
                       ["alive 1 s later"])
    for _ in range(kind.trials):
        sigkill_trial(rng, kind)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
