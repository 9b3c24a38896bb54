#!/usr/bin/env python3
"""What the live status block of `concur primes` costs: runs with --progress=always and
--progress=never, interleaved, standard error on a pseudo-terminal (so the block is really
drawn, ten times a second) and standard output to /dev/null.

Each pair runs in a random order; the ratio is taken within each pair and the median of the
ratios is printed, with the medians of the wall and CPU times (the CPU time of concur and of
its workers, from wait4). The machine may be shared and noisy: compare the ratio, not the times.

Usage: bench/progress_cost.py CONCUR [--pairs N] [--model M] [--stream COUNT] [-- PRIMES ARGS...]
  default: the book fixture (--numbers=book); --stream COUNT checks 1..COUNT from standard input.
       bench/progress_cost.py CONCUR --display-thread SECONDS [--model M]
  the CPU time of the display thread alone (named concur-progress) during a run of SECONDS on
  one slow prime, read from /proc/PID/task/TID/stat, then Ctrl-C: what drawing costs per second.
"""
import argparse
import os
import random
import statistics
import tempfile
import threading
import time


def cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def timed_run(command, stdin_path):
    """Wall seconds and CPU seconds of one run, standard error on a fresh pseudo-terminal."""
    master, slave = os.openpty()
    reader = threading.Thread(target=drain, args=(master,))
    reader.start()
    stdin = os.open(stdin_path or os.devnull, os.O_RDONLY)
    null = os.open(os.devnull, os.O_WRONLY)
    environment = dict(os.environ, TERM="xterm")
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.dup2(stdin, 0)
        os.dup2(null, 1)
        os.dup2(slave, 2)
        os.execve(command[0], command, environment)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    for fd in (slave, stdin, null):
        os.close(fd)
    reader.join()
    os.close(master)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {status}")
    return wall, usage.ru_utime + usage.ru_stime


def display_thread_cpu(pid):
    """CPU seconds of the process's thread named concur-progress so far, or None. From
    /proc/PID/task/TID/schedstat, whose first field is the time run on a CPU in nanoseconds
    (the utime and stime of .../stat count 10 ms ticks, too coarse for a thread this idle)."""
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/comm") as comm:
                if comm.read().strip() != "concur-progress":
                    continue
            with open(f"/proc/{pid}/task/{tid}/schedstat") as schedstat:
                return int(schedstat.read().split()[0]) / 1e9
    except OSError:
        pass
    return None


def measure_display_thread(concur, model, seconds):
    master, slave = os.openpty()
    reader = threading.Thread(target=drain, args=(master,))
    reader.start()
    null = os.open(os.devnull, os.O_WRONLY)
    command = [concur, "primes", f"--model={model}", "--method=trial-simple", "--progress=always",
               "18446744073709551557"]
    pid = os.fork()
    if pid == 0:
        os.dup2(null, 1)
        os.dup2(slave, 2)
        os.execve(command[0], command, dict(os.environ, TERM="xterm"))
    start = time.monotonic()
    display = None
    while time.monotonic() - start < seconds:
        sample = display_thread_cpu(pid)
        display = sample if sample is not None else display
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    os.kill(pid, 2)
    _, _, usage = os.wait4(pid, 0)
    for fd in (slave, null):
        os.close(fd)
    reader.join()
    os.close(master)
    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"{' '.join(command[1:])}, stderr on a pseudo-terminal, stopped after {elapsed:.1f} s:")
    total = usage.ru_utime + usage.ru_stime
    if display is None:
        raise SystemExit("no thread named concur-progress was seen")
    print(f"  display thread {display * 1000:.2f} ms CPU ({display / elapsed * 100:.3f}% of one CPU, "
          f"{display / total * 100:.3f}% of the process's {total * 1000:.0f} ms CPU)")


def drain(master):
    try:
        while os.read(master, 65536):
            pass
    except OSError:  # EIO: the terminal's last writer is gone
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("concur")
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument("--model", default="process")
    parser.add_argument("--stream", type=int, default=0)
    parser.add_argument("--display-thread", type=float, default=0)
    parser.add_argument("rest", nargs="*")
    args = parser.parse_args()
    if args.display_thread:
        measure_display_thread(os.path.abspath(args.concur), args.model, args.display_thread)
        return

    stdin_path = None
    numbers = ["--numbers=book"]
    if args.stream:
        handle, stdin_path = tempfile.mkstemp()
        with os.fdopen(handle, "w") as file:
            file.write("\n".join(str(n) for n in range(1, args.stream + 1)) + "\n")
        numbers = ["-"]
    base = [os.path.abspath(args.concur), "primes", f"--model={args.model}", *args.rest, *numbers]
    results = {"always": [], "never": []}
    try:
        for _ in range(args.pairs):
            order = ["always", "never"]
            random.shuffle(order)
            for mode in order:
                results[mode].append(timed_run(base + [f"--progress={mode}"], stdin_path))
    finally:
        if stdin_path:
            os.unlink(stdin_path)

    what = f"{args.stream} numbers from standard input" if args.stream else "the book fixture"
    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"concur primes --model={args.model} {' '.join(args.rest)} ({what}), stderr on a pseudo-terminal, "
          f"stdout to /dev/null; medians of {args.pairs} interleaved pairs:")
    for index, name in ((0, "wall"), (1, "CPU")):
        always = [run[index] for run in results["always"]]
        never = [run[index] for run in results["never"]]
        ratio = statistics.median(a / n for a, n in zip(always, never))
        print(f"  {name:4}  never {statistics.median(never) * 1000:8.1f} ms   always {statistics.median(always) * 1000:8.1f} ms"
              f"   always/never {ratio:.3f}")


if __name__ == "__main__":
    main()
