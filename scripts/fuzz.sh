#!/usr/bin/env bash
# Runs every libFuzzer target (one per fuzz/*.cpp) for SECONDS each, starting from its
# committed corpus fuzz/corpus/<target>/ (and dictionary fuzz/<target>.dict when there is
# one), and prints executions and crashes per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      SECONDS defaults to 60
#
# Environment: BUILD_DIR (default build-fuzz), JOBS (build parallelism, default 2),
# MAX_LEN (largest input, default 16384). The build directory is configured with clang
# and the sanitizer flags when it does not exist yet. New inputs found by the fuzzer go to
# BUILD_DIR/fuzz-work/<target>/ (not into the repository); crashes, timeouts and
# out-of-memory inputs to BUILD_DIR/fuzz-artifacts/<target>/. Exit status 1 when any
# target crashed. To make a crash a regression test, copy the artifact into
# fuzz/corpus/<target>/ (the FuzzCorpus test of chipgraph_ingest_tests replays it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
build=${BUILD_DIR:-$root/build-fuzz}
jobs=${JOBS:-2}
max_len=${MAX_LEN:-16384}

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in "$root"/fuzz/*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCHIPGRAPH_FUZZ=ON \
    -DCHIPGRAPH_BUILD_TESTS=OFF -DCHIPGRAPH_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" >/dev/null
fi
cmake --build "$build" -j"$jobs" --target "${targets[@]}" >/dev/null

export UBSAN_OPTIONS="suppressions=$root/fuzz/ubsan.supp:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
failed=0
printf '%-22s %12s %10s %8s %s\n' target executions exec/s crashes corpus
for t in "${targets[@]}"; do
  exe="$build/fuzz/$t"
  corpus="$root/fuzz/corpus/$t"
  work="$build/fuzz-work/$t"
  artifacts="$build/fuzz-artifacts/$t"
  log="$build/fuzz-logs/$t.log"
  mkdir -p "$corpus" "$work" "$artifacts" "$(dirname "$log")"
  dict=()
  [ -f "$root/fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  before=$(find "$artifacts" -type f | wc -l)
  set +e
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len="$max_len" \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="$artifacts/" "$work" "$corpus" >"$log" 2>&1
  rc=$?
  set -e
  after=$(find "$artifacts" -type f | wc -l)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ -z "$execs" ]; then  # the run stopped on a crash: take the last status line
    execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  fi
  crashes=$((after - before))
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  [ "$crashes" -gt 0 ] && failed=1
  size=$(find "$work" "$corpus" -type f | wc -l)
  printf '%-22s %12s %10s %8s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$crashes" "$size inputs"
  if [ "$crashes" -gt 0 ]; then
    echo "  log: $log"
    ls -t "$artifacts" | head -5 | sed "s|^|  artifact: $artifacts/|"
  fi
done
exit $failed
