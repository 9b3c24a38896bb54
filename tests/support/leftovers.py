"""Finding processes a run of concur left behind, for the fault tests.

The test process makes itself a child subreaper (PR_SET_CHILD_SUBREAPER): a worker whose
parent (concur) has exited is then re-parented to the test, not to init, so it cannot slip
away unseen. After concur has been waited for, any remaining child of the test process, alive
or zombie, is a leftover of concur's.
"""
import ctypes
import os
import time

from processes import state

PR_SET_CHILD_SUBREAPER = 36

# The environment to run concur in where leftovers are looked for. Under ASan, LeakSanitizer
# checks for leaks at exit from a tracer task it clones: a child process of concur's. A signal
# landing during that check kills concur (the pool, and its handlers, are gone by then) and
# orphans the tracer, which would count as a leftover worker. Leaks are checked by every other
# test; here they are off.
LEAK_CHECK_OFF = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")


def become_subreaper():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "cannot become a child subreaper")


def children():
    """Pids of this process's children, zombies included (every thread's list)."""
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as f:
                pids += [int(p) for p in f.read().split()]
        except FileNotFoundError:
            pass
    return pids


def collect_leftovers(grace=0.0):
    """After concur has been waited for: its leftovers, as (pid, state) pairs, then reaped.

    Any child of the test process at that point is one: a worker concur did not reap, alive
    or a zombie re-parented to us. With `grace`, waits up to that many seconds for the live
    ones to die first (when concur was SIGKILLed, its workers need a moment for their
    PR_SET_PDEATHSIG); a caller that only asks "is any still alive?" looks for states other
    than "Z". Everything found is then SIGKILLed if need be and reaped, so the next trial
    starts clean.
    """
    deadline = time.monotonic() + grace
    while True:
        found = [(pid, state(pid)) for pid in children()]
        found = [(pid, s) for pid, s in found if s is not None]
        if all(s == "Z" for _, s in found) or time.monotonic() >= deadline:
            break
        time.sleep(0.005)
    for pid, s in found:
        if s != "Z":
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return found
