#!/usr/bin/env bash
# Prints the primality figures on this machine in the build users get (preset bench, -O2) and in
# the build a packager makes (preset bench-release, Release: -O3): the book fixture with every
# trial-division kernel against the seed's loop, the kernel the measurement picks, what chunking
# and the measurement cost, Miller-Rabin per prime, and `concur primes --numbers=book --procs=1`
# as a whole process, the default method against --method=trial-simple.
# The machine may be shared and noisy: ratios compare runs made side by side (Google Benchmark
# with random interleaving; processes alternating), and every figure is a median.
#
# Usage: bench/kernels.sh [--quick]   (--quick: 3 repetitions instead of 7, 3 process runs instead of 5)
set -euo pipefail
cd "$(dirname "$0")/.."

repetitions=7
runs=5
if [[ "${1:-}" == "--quick" ]]; then
  repetitions=3 runs=3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for preset in bench bench-release; do
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" >/dev/null
  build/$preset/bench/concur_bench \
    --benchmark_filter='^(book_fixture|book_fixture_with_kernel|book_fixture_in_chunks)/|^kernel_measurement$|^miller_rabin_primes/' \
    --benchmark_repetitions="$repetitions" --benchmark_enable_random_interleaving=true \
    --benchmark_format=json --benchmark_out="$work/$preset.json" --benchmark_out_format=json >/dev/null 2>&1
done

python3 - "$work" "$runs" <<'PY'
import json, math, resource, statistics, subprocess, sys, time
work, runs = sys.argv[1], int(sys.argv[2])

def load(preset):
    document = json.load(open(f"{work}/{preset}.json"))
    rows = [b for b in document["benchmarks"] if b.get("run_type") == "iteration" and not b.get("error_occurred")]
    return document["context"], rows

def by_repetition(rows, name, field="cpu_time"):
    return {b["repetition_index"]: b[field] for b in rows if b["run_name"] == name}

def median_ratio(numerators, denominators):
    return statistics.median(numerators[i] / denominators[i] for i in denominators if i in numerators)

context, _ = load("bench")
print(f"machine: {context['cpu_vendor']} family {context['cpu_family']} model {context['cpu_model']}"
      f" ({context['cpu_model_name']}), {context['num_cpus']} CPUs, SIMD levels: {context['simd_levels']},"
      f" load average: {open('/proc/loadavg').read().split()[0]}")

# Wheel divisors tried on the book fixture, and chunk calls per chunk size: to turn the time
# difference between tiny chunks and one chunk into a cost per chunk.
book = [2, 142702110479723, 299593572317531, 3333333333333301, 3333333333333333, 3333335652092209,
        4444444444444423, 4444444444444444, 4444444488888889, 5555553133149889, 5555555555555503,
        5555555555555555, 6666666666666666, 6666666666666719, 6666667141414921, 7777777536340681,
        7777777777777753, 7777777777777777, 9999999999999917, 9999999999999999]
def scanned_to(n):  # the last divisor the scan reaches: the smallest factor, or the root
    for d in range(2, 10000):
        if n % d == 0:
            return d
    return math.isqrt(n)
def chunks(divisors_per_chunk):
    span = max(1, divisors_per_chunk // 32) * 120
    return sum(max(0, -(-(scanned_to(n) - 30) // span)) for n in book if scanned_to(n) > 30)

for preset, flags in (("bench", "RelWithDebInfo, -O2"), ("bench-release", "Release, -O3")):
    context, rows = load(preset)
    seed = by_repetition(rows, "book_fixture/trial-simple")
    print(f"\n== preset {preset} ({flags}): book fixture, one core, CPU time,"
          f" medians of {len(seed)} interleaved repetitions ==")
    print(f"  seed loop (--method=trial-simple)      {statistics.median(seed.values()):8.1f} ms")
    default = by_repetition(rows, "book_fixture/trial")
    print(f"  default (--method=trial): {context['trial_kernel']}, {context['trial_kernel_choice']}"
          f"  {statistics.median(default.values()):8.1f} ms  {median_ratio(seed, default):5.1f}x the seed's loop"
          f" (target >= 10x)")
    for name in sorted({b["run_name"] for b in rows if b["run_name"].startswith("book_fixture_with_kernel/")}):
        times = by_repetition(rows, name)
        print(f"  kernel {name.split('/')[1]:31} {statistics.median(times.values()):8.1f} ms"
              f"  {median_ratio(seed, times):5.1f}x")
    for name in sorted({b["run_name"].rsplit("/", 1)[0] for b in rows if b["run_name"].startswith("book_fixture_in_chunks/")}):
        tiny, default_chunks, whole = (by_repetition(rows, f"{name}/{size}") for size in (32, 4096, 0))
        per_chunk = (statistics.median(tiny.values()) - statistics.median(whole.values())) / (chunks(32) - chunks(1 << 40))
        share = per_chunk * chunks(4096) / statistics.median(whole.values())
        print(f"  chunks of 4096 divisors, {name.split('/')[1]}: {median_ratio(default_chunks, whole):.3f}x one chunk"
              f" (noise-bound); from chunks of 32: {per_chunk * 1e6:.1f} ns a chunk, {share * 100:.2f}% (target < 1%)")
    measurement = by_repetition(rows, "kernel_measurement")
    print(f"  choosing the kernel, once per process:  {statistics.median(measurement.values()):6.0f} us")
    for bits in (64, 32):
        per_prime = [b["per_prime"] * 1e6 for b in rows if b["run_name"] == f"miller_rabin_primes/{bits}_bit"]
        target = " (target <= 0.5 us)" if bits == 64 else ""
        print(f"  Miller-Rabin (Baillie-PSW), 64 primes below 2^{bits}: {statistics.median(per_prime):.3f} us a prime{target}")

# Whole processes, as a user runs them: each build's default method against the seed's loop, in
# alternating runs, wall clock and CPU time (user + system, the process and its children).
def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

print(f"\n== concur primes --numbers=book --procs=1, whole process, medians of {runs} alternating runs ==")
for preset in ("bench", "bench-release"):
    concur = f"build/{preset}/src/concur"
    book_run = [concur, "primes", "--numbers=book", "--procs=1"]
    pairs = [(run(book_run + ["--method=trial-simple"]), run(book_run)) for _ in range(runs)]
    for which, label in ((0, "wall"), (1, "CPU ")):
        seed_time = statistics.median(p[0][which] for p in pairs)
        fast_time = statistics.median(p[1][which] for p in pairs)
        ratio = statistics.median(p[0][which] / p[1][which] for p in pairs)
        print(f"  {preset:13} {label}: --method=trial-simple {seed_time:6.2f} s, default {fast_time:6.3f} s:"
              f" {ratio:5.1f}x (target >= 10x)")
PY
