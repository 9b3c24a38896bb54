#!/usr/bin/env bash
# Prints what the stop points cost on this machine: the book fixture with each method's loop as
# it was before them and as a worker runs it now (bench/stop_point_bench.cpp), in the build
# users get (preset bench, -O2). The machine may be shared and noisy: the two run interleaved
# (Google Benchmark's random interleaving), each ratio is taken between the two runs of one
# repetition, and every figure is a median.
#
# Usage: bench/stop_points.sh [repetitions]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."

repetitions=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --preset bench >/dev/null
cmake --build --preset bench >/dev/null
build/bench/bench/concur_bench --benchmark_filter='^(without|with)_stop_points/' \
  --benchmark_repetitions="$repetitions" --benchmark_enable_random_interleaving=true \
  --benchmark_format=json --benchmark_out="$work/stop_points.json" --benchmark_out_format=json >/dev/null 2>&1

python3 - "$work/stop_points.json" <<'PY'
import json, statistics, sys
document = json.load(open(sys.argv[1]))
context = document["context"]
rows = [b for b in document["benchmarks"] if b.get("run_type") == "iteration" and not b.get("error_occurred")]

def by_repetition(name):
    return {b["repetition_index"]: b["cpu_time"] for b in rows if b["run_name"] == name}

print(f"machine: {context['cpu_model_name']}, {context['num_cpus']} CPUs, load average"
      f" {open('/proc/loadavg').read().split()[0]}; build {context['build_type']}")
unit = {"trial-simple": "ms", "trial": "ms", "miller-rabin": "us"}
print(f"book fixture, one core, CPU time, medians of {len(by_repetition('without_stop_points/trial'))}"
      " interleaved repetitions:")
print(f"  {'method':14} {'before':>12} {'with stop points':>18} {'ratio':>8}")
for method in ("trial-simple", "trial", "miller-rabin"):
    before = by_repetition(f"without_stop_points/{method}")
    after = by_repetition(f"with_stop_points/{method}")
    ratio = statistics.median(after[i] / before[i] for i in before if i in after)
    print(f"  {method:14} {statistics.median(before.values()):9.3f} {unit[method]} "
          f"{statistics.median(after.values()):15.3f} {unit[method]} {ratio:8.4f}")
PY
