"""Running concur from the tests: the binary, a run to its end, the spinner's command line.

ctest sets CONCUR to the binary's path; run by hand, `concur` is looked up on PATH.
"""
import os
import subprocess

CONCUR = os.environ.get("CONCUR", "concur")

# concur spin --model: one place to add one.
SPIN_MODELS = ("thread", "process", "coroutine")


def run(*args, stdin=None, timeout=120, **kwargs):
    """concur with `args`, waited for: a CompletedProcess with stdout and stderr as text.
    A run longer than `timeout` seconds raises subprocess.TimeoutExpired (a hang fails)."""
    return subprocess.run([CONCUR, *args], input=stdin, capture_output=True, text=True, timeout=timeout,
                          **kwargs)


def spin_command(model, *args):
    """The command line of `concur spin --model=MODEL ARGS...`."""
    return [CONCUR, "spin", f"--model={model}", *args]
