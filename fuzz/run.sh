#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan) and runs each one for a
# bounded time: fuzz/run.sh [seconds per target, default 60] [target...].
#
# Each target starts from its seed corpus in fuzz/corpus/<target>/ (committed, never written)
# and keeps what it learns in fuzz/corpus-<target>/ (ignored by git), so a later run goes on
# where the last one stopped. A crash leaves its input in build/fuzz/artifacts/ and makes the
# script exit non-zero. On a shared machine: nice -n 19 fuzz/run.sh 600
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]} > 0)) || targets=(parse_decimal number_tokenizer wire_records display_width)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target parse_decimal_fuzzer number_tokenizer_fuzzer wire_records_fuzzer \
  display_width_fuzzer

mkdir -p build/fuzz/artifacts
status=0
for target in "${targets[@]}"; do
  case "$target" in
    parse_decimal) max_len=256 ;;       # longer than any number, long enough for the message's cut
    number_tokenizer) max_len=4096 ;;   # many tokens, and tokens far longer than 20 digits
    wire_records) max_len=4200 ;;       # a whole record (4096 bytes) and a few bytes more
    display_width) max_len=64 ;;        # what goes wrong is local: a few characters about a cut
    *) echo "run.sh: unknown target '$target'" >&2; exit 2 ;;
  esac
  mkdir -p "fuzz/corpus-$target"
  echo "== $target: ${seconds}s"
  "build/fuzz/fuzz/${target}_fuzzer" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" \
    "fuzz/corpus-$target" "fuzz/corpus/$target" || status=1
done
exit "$status"
