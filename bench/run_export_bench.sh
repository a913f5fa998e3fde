#!/usr/bin/env bash
# Export benchmark: our writers (bench/export_bench.cpp) against igraph's and NetworkX's
# writers (bench/export_peers.py) on the same generated graph, printed side by side.
#
#   bench/run_export_bench.sh [BUILD_DIR] [ENTITIES...]     (claims = 5 x entities)
#   bench/run_export_bench.sh build 100000 1000000
#
# NETWORKX_MAX (default 100000): NetworkX runs only up to this many entities -- its writers
# build the whole document in memory (write_gexf) and take minutes; beyond it the table
# shows the 100k figure scaled linearly (marked "~"). WORK (default /tmp/chipgraph-export-bench)
# holds the files while they are timed; each is deleted after its run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
work="${WORK:-/tmp/chipgraph-export-bench}"
networkx_max="${NETWORKX_MAX:-100000}"
bench="$build/bench/export_bench"
[ -x "$bench" ] || { echo "build it first: cmake --build $build --target export_bench" >&2; exit 2; }
mkdir -p "$work"

for n in "${sizes[@]}"; do
  claims=$((n * 5))
  echo "== $n entities, $claims claims"
  rm -f "$work/ours-$n.tsv" "$work/peers-$n.tsv"
  "$bench" --entities "$n" --claims "$claims" --dir "$work" --results "$work/ours-$n.tsv" \
           --peers-input "$work/peer-input-$n"
  tools="igraph-graphml"
  [ "$n" -le "$networkx_max" ] && tools="$tools,networkx-graphml,networkx-gexf"
  /usr/bin/python3 "$here/export_peers.py" --input "$work/peer-input-$n" --dir "$work" --tools "$tools" \
                   --results "$work/peers-$n.tsv"
  rm -rf "$work/peer-input-$n"
done

/usr/bin/python3 - "$work" "${sizes[@]}" <<'PY'
import csv, os, sys
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]


def load(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["format"]: r for r in csv.DictReader(f, delimiter="\t")}


ours = {n: load(os.path.join(work, "ours-%d.tsv" % n)) for n in sizes}
peers = {n: load(os.path.join(work, "peers-%d.tsv" % n)) for n in sizes}
names = []
for n in sizes:
    for k in list(ours[n]) + list(peers[n]):
        if k not in names:
            names.append(k)
label = {"igraph-graphml": "igraph write_graphml (C)", "networkx-graphml": "NetworkX write_graphml",
         "networkx-gexf": "NetworkX write_gexf"}
base = min(sizes)
print()
print("| writer | " + " | ".join("{:,} entities: wall s / CPU s / MB / peak extra MB".format(n) for n in sizes) + " |")
print("|---" * (len(sizes) + 1) + "|")
for name in names:
    cells = []
    for n in sizes:
        r = ours[n].get(name) or peers[n].get(name)
        if r and r.get("seconds"):
            cells.append("%.2f / %.2f / %.0f / %.1f" % (float(r["seconds"]), float(r["cpu_seconds"]),
                                                       int(r["bytes"]) / 1e6, int(r["peak_extra_bytes"]) / 1e6))
        elif n != base and peers[base].get(name, {}).get("seconds"):
            r0, f = peers[base][name], n / base
            cells.append("~%.0f / ~%.0f / ~%.0f / ~%.0f (x%g from %s)" % (
                float(r0["seconds"]) * f, float(r0["cpu_seconds"]) * f, int(r0["bytes"]) * f / 1e6,
                int(r0["peak_extra_bytes"]) * f / 1e6, f, "{:,}".format(base)))
        else:
            cells.append("--")
    ours_name = name in ours[sizes[0]]
    print("| %s | %s |" % (("chipgraph " + name) if ours_name else label.get(name, name), " | ".join(cells)))
print()
for n in sizes:
    a, b = ours[n].get("graphml"), peers[n].get("igraph-graphml")
    if a and b and b.get("seconds"):
        print("{:,} entities: chipgraph GraphML vs igraph's C writer: {:.1f}x faster (wall), {:.1f}x less CPU".format(
            n, float(b["seconds"]) / float(a["seconds"]), float(b["cpu_seconds"]) / float(a["cpu_seconds"])))
PY
