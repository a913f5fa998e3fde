#!/bin/sh
# Runs the graph benchmark end to end and prints one side-by-side table:
#   size x operation x {chipgraph, igraph, networkx} CPU seconds, and speedups.
#
#   bench/run_graph_bench.sh [SIZES] [OUTDIR]
#     SIZES   comma-separated entity counts (default 10000,100000,1000000)
#     OUTDIR  where graphs, answers and timings go (default build-graph/graph-bench)
#
# Environment: BUILD (build dir with bench/graph_bench, default build-graph),
# NX_BUDGET (CPU seconds per NetworkX operation before extrapolating, default 60),
# QUERIES (shortest-path pairs, default 1000), SOURCES (path-enumeration sources, 100),
# BC_SAMPLES (betweenness sources on graphs above 20k entities, default 64).
# Needs /usr/bin/python3 with Debian's python3-igraph, python3-networkx and python3-numpy.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
sizes=${1:-10000,100000,1000000}
build=${BUILD:-$root/build-graph}
out=${2:-$build/graph-bench}
bench=$build/bench/graph_bench
if [ ! -x "$bench" ]; then
  echo "building graph_bench in $build" >&2
  cmake --preset release -B "$build" >/dev/null
  cmake --build "$build" -j2 --target graph_bench >/dev/null
fi
mkdir -p "$out"
rm -f "$out/chipgraph.jsonl"
"$bench" --sizes "$sizes" --out "$out" --queries "${QUERIES:-1000}" --sources "${SOURCES:-100}" \
  --bc-samples "${BC_SAMPLES:-64}" >/dev/null
/usr/bin/python3 "$here/graph_peers.py" "$out" --nx-budget "${NX_BUDGET:-60}" ${MARKDOWN:+--markdown}
