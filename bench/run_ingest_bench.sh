#!/usr/bin/env bash
# Ingest throughput of chipgraph beside a naive Python baseline, on the same generated corpus.
#   bench/run_ingest_bench.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-40}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cmake --preset release >/dev/null
cmake --build build -j2 --target ingest_bench >/dev/null
./build/bench/ingest_bench "$mb" "$dir"
/usr/bin/python3 bench/ingest_peer.py "$dir/corpus" ingest/data/gazetteer.json
