"""Looking at processes through /proc, for the tests: a process's state, its children, waiting for them.

Each function reads /proc once and never fails because a process is gone: between listing a
pid and reading its files, the process may end and be reaped, and a test must not mistake
that race for an error.
"""
import os
import subprocess
import time


def stat_fields(pid):
    """The fields of /proc/PID/stat after "pid (comm) ": [state, ppid, pgrp, session, ...], or
    None if the process is gone. The command name may hold spaces and ") ", so the fields start
    after its last ") "."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(") ", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None


def state(pid):
    """'Z' for a zombie, another letter for a live process, None if it is gone."""
    fields = stat_fields(pid)
    return fields[0] if fields else None


def alive(pid):
    """True while the process runs or sleeps: a zombie has ended, only its exit status is left."""
    return state(pid) not in (None, "Z")


def catches(pid, *signals):
    """True when the process has a handler for every one of `signals` (its SigCgt mask in
    /proc): a signal sent before that meets the default action, not the program."""
    try:
        with open(f"/proc/{pid}/status") as f:
            caught = next(int(line.split()[1], 16) for line in f if line.startswith("SigCgt:"))
    except (FileNotFoundError, ProcessLookupError, StopIteration):
        return False
    return all(caught & (1 << (signal - 1)) for signal in signals)


def session_processes(sid):
    """Pids of every process (zombies included) whose session is `sid`: run concur as the
    leader of a new session, and once it has exited, any left is one of its workers."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = stat_fields(entry)
        if fields and int(fields[3]) == sid:  # after "pid (comm) ": state ppid pgrp session
            found.append(int(entry))
    return found


def children_of(pid):
    """The pids of a process's children (of its main thread: concur forks from there)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []


def wait_for_children(pid, count, timeout=10.0):
    """The children of `pid` once it has `count` of them, or those it has after `timeout` seconds
    (fewer: the caller decides whether that is a failure)."""
    deadline = time.monotonic() + timeout
    children = children_of(pid)
    while len(children) < count and time.monotonic() < deadline:
        time.sleep(0.002)
        children = children_of(pid)
    return children


def wait_until(predicate, timeout=10.0):
    """True as soon as `predicate()` is, or False after `timeout` seconds (looked at every 5 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return predicate()


def wait_or_kill(proc, timeout):
    """The exit status of `proc` (a subprocess.Popen), or None if it did not end within
    `timeout` seconds: then it is killed and reaped, so a hang is reported, not inherited."""
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None
