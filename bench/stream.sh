#!/usr/bin/env bash
# Prints how fast `concur primes -` gets through a stream of small numbers, per execution
# model: `seq 1 N | concur primes --model=M - >/dev/null`, whole command, wall clock, in
# millions of numbers per second. Given another concur binary (an older build), it runs both
# alternately and prints the ratio, and checks that both print the same results (every number
# with its P or not; the times differ from run to run, and the pool's order with them).
# Builds what it needs (the `bench` preset, one target). The machine may be shared and noisy:
# every figure is a median of alternating runs, and a ratio is the median of the pairs.
#
# Usage: bench/stream.sh [--runs=5] [--count=10000000] [--models=process,thread,sequential,coroutine]
#                        [--against=OTHER_CONCUR] [--binary=CONCUR]
#   --binary: measure this concur instead of building the bench preset's
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5 count=10000000 models=process,thread,sequential,coroutine against= binary=
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs=${arg#*=} ;;
    --count=*) count=${arg#*=} ;;
    --models=*) models=${arg#*=} ;;
    --against=*) against=$(realpath "${arg#*=}") ;;
    --binary=*) binary=$(realpath "${arg#*=}") ;;
    *) echo "bench/stream.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

if [[ -z $binary ]]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench --target concur >/dev/null
  binary=$PWD/build/bench/src/concur
fi
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) CPUs," \
     "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: bench/stream.sh $*"
echo "measured: $binary${against:+, against $against}"

python3 - "$binary" "$against" "$runs" "$count" "$models" <<'PY'
import statistics, subprocess, sys, time
concur, against, runs, count, models = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def wall(binary, model):
    command = f"seq 1 {count} | {binary} primes --model={model} - >/dev/null"
    start = time.perf_counter()
    subprocess.run(["bash", "-o", "pipefail", "-c", command], check=True)
    return time.perf_counter() - start

def results(binary, model):
    """A digest of the output without the times (which differ from run to run), in number order
    (a pool prints in the order answers arrive): every number, its P or not, header, summary."""
    strip_times = r"sed -E 's/ +[0-9]+\.[0-9]+s$//'"
    command = f"seq 1 {count} | {binary} primes --model={model} - | {strip_times} | LC_ALL=C sort | md5sum"
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], check=True, capture_output=True,
                          text=True).stdout

rate = lambda seconds: count / seconds / 1e6
for model in models.split(","):
    if against:
        same = results(concur, model) == results(against, model)
        pairs = [(wall(against, model), wall(concur, model)) for _ in range(runs)]
        before = statistics.median(p[0] for p in pairs)
        after = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[0] / p[1] for p in pairs)
        print(f"--model={model:10} this build {after:6.2f} s = {rate(after):5.2f} M numbers/s;"
              f" the other {before:6.2f} s = {rate(before):5.2f} M/s; {ratio:4.2f}x (median of {runs} pairs);"
              f" same results: {'yes' if same else 'NO'}")
    else:
        times = [wall(concur, model) for _ in range(runs)]
        print(f"--model={model:10} {statistics.median(times):6.2f} s = {rate(statistics.median(times)):5.2f}"
              f" M numbers/s (median of {runs}; target >= 10 M/s)")
PY
