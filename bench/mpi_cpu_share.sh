#!/usr/bin/env bash
# Prints what rank 0 of `concur primes --model=mpi` costs while it waits: each rank's CPU time
# (user + system, from /usr/bin/time) on the book fixture with the book's slow loop, rank 0's
# share of the workers', and the same for a run that checks nothing long (--numbers=seed
# --method=miller-rabin), which is what starting and ending MPI costs every rank. Medians of
# the runs; the machine may be shared and noisy, so read the ratio, not the seconds.
#
# Usage: bench/mpi_cpu_share.sh [concur binary] [runs]   (default build/default/src/concur, 5)
set -euo pipefail
cd "$(dirname "$0")/.."

concur=$(realpath "${1:-build/default/src/concur}")
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # $1: a name; the rest: concur's arguments after primes --model=mpi
    local name=$1
    shift
    for run in $(seq "$runs"); do
        # Each rank under its own /usr/bin/time; MPICH's launcher gives each its rank in PMI_RANK.
        # Each writes its own file: lines the launcher forwards from several ranks may interleave.
        mkdir "$work/$name.$run"
        mpiexec -n 3 sh -c 'exec /usr/bin/time -o "$0/$PMI_RANK" -f "$PMI_RANK %U %S" "$@"' \
            "$work/$name.$run" "$concur" primes --model=mpi "$@" >/dev/null
    done
}
measure book --numbers=book --method=trial-simple
measure start --numbers=seed --method=miller-rabin

python3 - "$work" "$runs" <<'PY'
import os, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])

def rank_times(folder):
    times = {}
    for rank in os.listdir(folder):
        rank_, user, system = open(os.path.join(folder, rank)).read().split()
        times[int(rank_)] = float(user) + float(system)
    return times

cpu = open("/proc/cpuinfo").read().split("model name")[1].split(":", 1)[1].splitlines()[0].strip()
print(f"machine: {cpu}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; {runs} runs each")
for name, what in (("book", "book fixture, trial-simple"), ("start", "seed, miller-rabin (start and end only)")):
    rank0, workers, shares = [], [], []
    for run in range(1, runs + 1):
        times = rank_times(os.path.join(work, f"{name}.{run}"))
        rank0.append(times[0])
        workers.append(sum(t for rank, t in times.items() if rank != 0))
        shares.append(times[0] / workers[-1])
    print(f"{what}: rank 0 {statistics.median(rank0):.3f}s CPU, workers {statistics.median(workers):.3f}s, "
          f"rank 0's share {100 * statistics.median(shares):.1f}% (runs: "
          + ", ".join(f"{100 * s:.1f}%" for s in shares) + ")")
PY
