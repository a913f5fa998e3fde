#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run):
#   1. installs the dependencies (scripts/install-deps.sh),
#   2. configures and builds the release preset (build/) with the tests, runs ctest,
#   3. configures and builds the asan preset (build-asan/, AddressSanitizer + UBSan),
#      runs the same tests under the sanitizers.
#
#   scripts/test.sh             both passes
#   SKIP_ASAN=1 scripts/test.sh release pass only (quicker local runs)
#
# Environment: JOBS (build and ctest parallelism, default 2), CTEST_ARGS (extra ctest
# arguments, e.g. "-R Store"). Prints the time of each step; exit status non-zero when a
# build or a test failed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}
read -r -a ctest_args <<<"${CTEST_ARGS:-}"

start=$(date +%s)
last=$start
lap() {
  local now
  now=$(date +%s)
  printf '== %s: %ds (total %ds)\n' "$1" $((now - last)) $((now - start))
  last=$now
}
trap 'echo "test.sh: error: the command on line $LINENO failed; see the messages above" >&2' ERR

scripts/install-deps.sh
lap "dependencies"

cmake --preset release -DCHIPGRAPH_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
lap "release build"
# A failing test does not stop the run: the sanitizer pass still runs, the exit status
# tells at the end.
failed=()
ctest --test-dir build --output-on-failure -j"$jobs" "${ctest_args[@]}" || failed+=("release")
lap "release tests"

if [ -n "${SKIP_ASAN:-}" ]; then
  echo "== SKIP_ASAN set: sanitizer pass skipped"
else
  # Sanitizers: any report fails the test (UBSan does not recover, see CMakeLists.txt).
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  cmake --preset asan -DCHIPGRAPH_BUILD_TESTS=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  lap "asan build"
  ctest --test-dir build-asan --output-on-failure -j"$jobs" "${ctest_args[@]}" || failed+=("asan")
  lap "asan tests"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "test.sh: tests failed in: ${failed[*]} (see above)" >&2
  exit 1
fi
