#!/usr/bin/env bash
# Prints `concur race`'s table on this machine as the median of 5 runs (each row a real row:
# the run with the median time per increment), the spread over the runs, and the ways to
# synchronise ordered by cost. Builds what it needs (the `bench` preset, one target).
# The machine may be shared and noisy: compare the ratios within one run, quote medians.
#
# Usage: bench/race.sh [--runs=5] [--threads=N] [--model=thread|process] [--count=M]
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset bench >/dev/null
cmake --build --preset bench --target concur_race_table >/dev/null
runs_given=no
for arg in "$@"; do [[ "$arg" == --runs=* ]] && runs_given=yes; done
if [[ $runs_given == no ]]; then set -- --runs=5 "$@"; fi
echo "command: bench/race.sh $*"
build/bench/bench/concur_race_table "$@"
