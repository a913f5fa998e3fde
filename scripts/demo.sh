#!/usr/bin/env bash
# The demo: builds chipgraph, ingests the example articles into a fresh chipgraph.db,
# exports the graph (GraphML, DOT, JSON, SVG) to out/, prints the statistics and the
# supply chain that ends at the example story's end user.
#
#   scripts/demo.sh
#
# Re-runnable: chipgraph.db is rebuilt from scratch each time. Environment: JOBS (build
# parallelism, default 2), END_USER (the entity whose chains are shown).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}
end_user=${END_USER:-Hanxing Intelligence}
db=chipgraph.db
out=out
cg=build/chipgraph

step() { printf '\n== %s\n' "$*"; }
die() {
  echo "demo: error: $*" >&2
  exit 1
}
trap 'echo "demo: error: the command on line $LINENO failed (exit $?); see the messages above" >&2' ERR

step "dependencies"
scripts/install-deps.sh

step "build (release preset, $jobs jobs)"
cmake --preset release >/dev/null || die "cmake configure failed (run: cmake --preset release)"
cmake --build build -j"$jobs" --target chipgraph || die "build failed (run: cmake --build build --target chipgraph)"
[ -x "$cg" ] || die "$cg was not built"

step "ingest examples/articles into $db"
for f in "$db" "$db-wal" "$db-shm"; do
  if [ -e "$f" ]; then
    echo "removing the previous $f"
    rm -f "$f"
  fi
done
rc=0
"$cg" --db "$db" ingest examples/articles || rc=$?
case $rc in
  0) ;;
  1) echo "demo: note: some inputs were skipped (listed above)" ;;
  *) die "ingest failed (exit $rc)" ;;
esac

step "export to $out/"
mkdir -p "$out"
"$cg" --db "$db" export --format graphml -o "$out/graph.graphml"
"$cg" --db "$db" export --format dot -o "$out/graph.dot"
"$cg" --db "$db" export --format json -o "$out/graph.json"
if command -v dot >/dev/null 2>&1; then
  dot -Tsvg "$out/graph.dot" -o "$out/graph.svg"
else
  "$cg" --db "$db" export --format svg -o "$out/graph.svg"
fi
for f in graph.graphml graph.dot graph.json graph.svg; do
  [ -s "$out/$f" ] || die "$out/$f is missing or empty"
  printf '  %-14s %8d bytes\n' "$f" "$(wc -c <"$out/$f")"
done

step "stats"
"$cg" --db "$db" stats

step "supply chains ending at $end_user"
rc=0
"$cg" --db "$db" chains --to "$end_user" || rc=$?
case $rc in
  0) ;;
  1)
    # The chain depends on what the extractor finds; show what is known about the end user.
    echo "(no chain found to $end_user; its neighbours instead)"
    "$cg" --db "$db" neighbors "$end_user" --depth 2
    ;;
  *) die "chains --to \"$end_user\" failed (exit $rc)" ;;
esac

trap - ERR
step "done"
echo "database: $db   graph files: $out/   open $out/graph.svg in a browser, or $out/graph.graphml in Gephi"
