#!/usr/bin/python3
"""Runs the graph benchmark's queries in igraph and NetworkX and prints the comparison.

bench/graph_bench writes, for each size N, the graph as an edge list (graph_N.edges), the
query pairs (graph_N.pairs), the path-enumeration sources (graph_N.sources), the
betweenness sources (graph_N.bc_sources) and its own answers and timings
(chipgraph.jsonl, graph_N.*.chipgraph). This script runs the same queries with the same
inputs in python3-igraph and python3-networkx (Debian packages), checks that the answers
agree, and prints one table: size x operation x {chipgraph, igraph, networkx} seconds.

Times are CPU seconds of the process (time.process_time), like graph_bench: the machine
is shared and CPU time is steadier than wall time under load. Before the timed query
sets, every tool runs the same untimed warm-up: 200 other random pairs (graph_N.warm_pairs)
and 20 other sources (graph_N.warm_sources), so that no tool is timed on a cold cache.

NetworkX is slow on large graphs: each operation gets a time budget (--nx-budget); when
it runs out, the time per query so far is extrapolated to all queries and the cell is
marked with '~'. Agreement is checked on the queries NetworkX did run.

A run of a few milliseconds is not measured well once on a loaded machine: like
graph_bench, every operation whose first run takes under 0.5 s runs again until the runs add
up to 0.5 s, and the median run counts (the first run gives the answers). Graph builds run at
least 3 times for every tool, so that each tool's allocator is as warm as the others'.

Usage: /usr/bin/python3 bench/graph_peers.py DIR [--nx-budget SECONDS] [--markdown]
"""

import argparse
import json
import math
import sys
import time

import igraph
import networkx as nx
import numpy as np
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _single_source_shortest_path_basic,
)


def cpu():
    return time.process_time()


def read_ints(path):
    with open(path) as f:
        return np.array(f.read().split(), dtype=np.int64)


def read_floats(path):
    with open(path) as f:
        return np.array(f.read().split(), dtype=np.float64)


MIN_SECONDS = 0.5


def repeated(step, first=None, min_runs=1):
    """Median CPU time of one `step()`, run at least `min_runs` times and until the runs
    add up to MIN_SECONDS.

    `first`: the time of a run already made (its answers kept), counted as the first run."""
    runs = [] if first is None else [first]
    while len(runs) < min_runs or sum(runs) < MIN_SECONDS:
        t = cpu()
        step()
        runs.append(cpu() - t)
    return float(np.median(runs))


class Budget:
    """Runs `step(i)` for i in range(total) until the budget is spent; extrapolates."""

    def __init__(self, seconds):
        self.seconds = seconds

    def run(self, total, step):
        t0 = cpu()
        done = 0
        for i in range(total):
            step(i)
            done += 1
            if cpu() - t0 > self.seconds and done < total:
                break
        spent = cpu() - t0
        if done == total:
            return spent, done, False
        return spent / done * total, done, True


def count_paths_dfs(succ, source, max_hops):
    """Simple paths of 1..max_hops hops from `source` over a NetworkX adjacency (G._succ).

    nx.all_simple_paths(G, s, all_nodes, cutoff) rebuilds a set of every target at each
    step (O(N) per step), so the baseline is this plain DFS over NetworkX's own adjacency."""
    count = 0
    on_path = {source}
    stack = [iter(succ[source])]
    path = [source]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        if child in on_path:
            continue
        count += 1
        if len(stack) < max_hops:
            on_path.add(child)
            path.append(child)
            stack.append(iter(succ[child]))
    return count


def run_size(outdir, rec, nx_budget, log):
    n = rec["n"]
    tag = f"{outdir}/graph_{n}"
    res = {"n": n, "rec": rec, "igraph": {}, "networkx": {}, "notes": [], "agree": {}}
    raw = read_ints(f"{tag}.edges")
    V, E = int(raw[0]), int(raw[1])
    triples = raw[2:].reshape(E, 3)
    edges = triples[:, :2].tolist()
    sup = triples[triples[:, 2] == rec["supplies"]][:, :2].tolist()
    pairs = read_ints(f"{tag}.pairs").reshape(-1, 2).tolist()
    sources = read_ints(f"{tag}.sources").tolist()
    bc_sources = read_ints(f"{tag}.bc_sources").tolist()
    cg_sp = read_ints(f"{tag}.sp.chipgraph").tolist()
    warm_pairs = read_ints(f"{tag}.warm_pairs").reshape(-1, 2).tolist()
    warm_sources = read_ints(f"{tag}.warm_sources").tolist()
    cg_paths = read_ints(f"{tag}.paths.chipgraph").tolist()
    cg_bc = read_floats(f"{tag}.bc.chipgraph")
    log(f"== {n}: {V} vertices, {E} edges, {len(pairs)} pairs, {len(sources)} sources, {len(bc_sources)} bc sources")

    # ---- igraph ----
    ig = res["igraph"]
    graphs = []

    def ig_build():
        graphs[:] = [igraph.Graph(n=V, edges=edges, directed=True)]

    ig["build"] = repeated(ig_build, min_runs=3)
    g = graphs.pop()
    for a, b in warm_pairs:  # warm-up
        g.get_shortest_paths(a, to=b, mode="out", output="vpath")
    lengths = []

    def ig_sp():
        lengths.clear()
        for a, b in pairs:
            p = g.get_shortest_paths(a, to=b, mode="out", output="vpath")[0]
            lengths.append(len(p) - 1 if p else -1)

    ig["sp"] = repeated(ig_sp)
    res["agree"]["igraph sp"] = lengths == cg_sp
    gs = igraph.Graph(n=V, edges=sup, directed=True)
    for s in warm_sources:  # warm-up
        gs.get_all_simple_paths(s, cutoff=4, mode="out")
    counts = []

    def ig_enum():
        counts.clear()
        for s in sources:
            counts.append(len(gs.get_all_simple_paths(s, cutoff=4, mode="out")))

    ig["enum"] = repeated(ig_enum)
    res["agree"]["igraph paths"] = counts == cg_paths
    if rec["bc_exact"]:
        simple = g.copy()
        simple.simplify()
        t = cpu()
        bc = np.array(simple.betweenness(directed=True))
        ig["bc"] = cpu() - t
        res["agree"]["igraph bc"] = bool(np.allclose(bc, cg_bc, rtol=1e-9, atol=1e-6))
    else:
        ig["bc"] = None
        res["notes"].append("igraph: python-igraph 0.10.2 has no betweenness from a subset of sources")
    log(f"   igraph: {ig}")
    del g, gs

    # ---- NetworkX ----
    nxr = res["networkx"]
    budget = Budget(nx_budget)
    nx_graphs = []

    def nx_build():
        nx_graphs.clear()  # the last graph is freed first, as igraph's and chipgraph's are
        G = nx.DiGraph()
        G.add_nodes_from(range(V))
        G.add_edges_from(edges)
        nx_graphs.append(G)

    nxr["build"] = repeated(nx_build, min_runs=3)
    G = nx_graphs.pop()
    lengths = [None] * len(pairs)
    warm_deadline = cpu() + nx_budget / 4
    for a, b in warm_pairs:  # warm-up (at most a quarter of the budget)
        try:
            nx.shortest_path(G, a, b)
        except nx.NetworkXNoPath:
            pass
        if cpu() > warm_deadline:
            break

    def sp(i):
        a, b = pairs[i]
        try:
            lengths[i] = len(nx.shortest_path(G, a, b)) - 1
        except nx.NetworkXNoPath:
            lengths[i] = -1

    nxr["sp"], done, extrapolated = budget.run(len(pairs), sp)
    nxr["sp_done"], nxr["sp_extrapolated"] = done, extrapolated
    if not extrapolated and nxr["sp"] < MIN_SECONDS:
        answers = list(lengths)
        nxr["sp"] = repeated(lambda: [sp(i) for i in range(len(pairs))], first=nxr["sp"])
        assert lengths == answers
    res["agree"]["networkx sp"] = lengths[:done] == cg_sp[:done]
    Gs = nx.DiGraph()
    Gs.add_nodes_from(range(V))
    Gs.add_edges_from(sup)
    counts = [None] * len(sources)
    warm_deadline = cpu() + nx_budget / 4
    for s in warm_sources:  # warm-up (at most a quarter of the budget)
        count_paths_dfs(Gs._succ, s, 4)
        if cpu() > warm_deadline:
            break

    def enum(i):
        counts[i] = count_paths_dfs(Gs._succ, sources[i], 4)

    nxr["enum"], done, extrapolated = budget.run(len(sources), enum)
    nxr["enum_done"], nxr["enum_extrapolated"] = done, extrapolated
    if not extrapolated and nxr["enum"] < MIN_SECONDS:
        answers = list(counts)
        nxr["enum"] = repeated(lambda: [enum(i) for i in range(len(sources))], first=nxr["enum"])
        assert counts == answers
    res["agree"]["networkx paths"] = counts[:done] == cg_paths[:done]
    scores = dict.fromkeys(G, 0.0)
    cg_bc5 = read_floats(f"{tag}.bc5.chipgraph")

    def bc_step(i):
        S, P, sigma, _ = _single_source_shortest_path_basic(G, bc_sources[i])
        _accumulate_basic(scores, S, P, sigma, bc_sources[i])
        if i + 1 == min(5, len(bc_sources)):  # check the first sources' dependencies exactly
            got = np.array([scores[v] for v in range(V)])
            res["agree"]["networkx bc (first 5 sources)"] = bool(np.allclose(got, cg_bc5, rtol=1e-9, atol=1e-6))

    nxr["bc"], done, extrapolated = budget.run(len(bc_sources), bc_step)
    nxr["bc_done"], nxr["bc_extrapolated"] = done, extrapolated
    if not extrapolated:
        got = np.array([scores[v] for v in range(V)])
        res["agree"]["networkx bc"] = bool(np.allclose(got, cg_bc, rtol=1e-9, atol=1e-6))
    log(f"   networkx: {nxr}")
    return res


def fmt_s(x, extrapolated=False, done=None, total=None):
    if x is None:
        return "n/a"
    if x >= 10:
        s = f"{x:.1f}"
    elif x >= 0.1 or x <= 0:
        s = f"{x:.3f}"
    else:  # three significant digits: 0.00123
        s = f"{x:.{2 - math.floor(math.log10(x))}f}"
    if extrapolated:
        s = "~" + s
    return s


def speedup(ours, theirs):
    if theirs is None or ours is None or ours <= 0:
        return "n/a"
    r = theirs / ours
    return f"{r:.0f}x" if r >= 10 else f"{r:.1f}x"


def table(results, markdown):
    rows = []
    head = ["size", "operation", "chipgraph", "igraph", "networkx", "vs igraph", "vs networkx"]
    for r in results:
        rec, ig, nxr = r["rec"], r["igraph"], r["networkx"]
        size = f"{rec['n'] // 1000}k" if rec["n"] < 1_000_000 else f"{rec['n'] // 1_000_000}M"
        size += f" ({rec['edges'] / 1e6:.2f}M edges)" if rec["edges"] >= 1e6 else f" ({rec['edges'] // 1000}k edges)"
        rows.append([size, "load store (SQLite -> GraphData)", fmt_s(rec["t_load"]), "-", "-", "", ""])
        rows.append([size, "build graph (CSR / Graph() / DiGraph())", fmt_s(rec["t_csr"]), fmt_s(ig["build"]),
                     fmt_s(nxr["build"]), speedup(rec["t_csr"], ig["build"]), speedup(rec["t_csr"], nxr["build"])])
        q = rec["queries"]
        rows.append([size, f"{q} shortest paths (directed, hops)", fmt_s(rec["t_sp"]), fmt_s(ig["sp"]),
                     fmt_s(nxr["sp"], nxr["sp_extrapolated"]), speedup(rec["t_sp"], ig["sp"]),
                     speedup(rec["t_sp"], nxr["sp"])])
        rows.append([size, f"paths <= 4 hops on supplies, {rec['sources']} sources ({rec['paths_total']:,} paths)",
                     fmt_s(rec["t_enum"]), fmt_s(ig["enum"]), fmt_s(nxr["enum"], nxr["enum_extrapolated"]),
                     speedup(rec["t_enum"], ig["enum"]), speedup(rec["t_enum"], nxr["enum"])])
        what = "betweenness, exact" if rec["bc_exact"] else f"betweenness, {rec['bc_sources']} sampled sources"
        rows.append([size, what, fmt_s(rec["t_bc"]), fmt_s(ig["bc"]), fmt_s(nxr["bc"], nxr["bc_extrapolated"]),
                     speedup(rec["t_bc"], ig["bc"]), speedup(rec["t_bc"], nxr["bc"])])
        rows.append([size, "graph structure: bytes/edge; peak RSS", f"{rec['bytes_per_edge']:.1f} B; "
                     f"{rec['peak_rss_mb']:.0f} MB", "", "", "", ""])
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    out = []
    if markdown:
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join("---" for _ in head) + "|")
        for r in rows:
            out.append("| " + " | ".join(str(c) for c in r) + " |")
    else:
        out.append("  ".join(h.ljust(w) for h, w in zip(head, widths)))
        for r in rows:
            out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--nx-budget", type=float, default=60.0, help="CPU seconds per NetworkX operation")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--sizes", help="only these sizes (comma-separated)")
    args = ap.parse_args()
    records = {}
    with open(f"{args.dir}/chipgraph.jsonl") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                records[rec["n"]] = rec  # the last run of each size
    sizes = sorted(records)
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    log = lambda m: print(m, file=sys.stderr, flush=True)
    results = [run_size(args.dir, records[n], args.nx_budget, log) for n in sizes]
    print(table(results, args.markdown))
    print()
    ok = True
    for r in results:
        for k, v in r["agree"].items():
            ok &= bool(v)
            print(f"{r['n']}: {k}: {'agree' if v else 'DISAGREE'}")
        for note in r["notes"]:
            print(f"{r['n']}: note: {note}")
        nxr = r["networkx"]
        for op in ("sp", "enum", "bc"):
            if nxr.get(f"{op}_extrapolated"):
                print(f"{r['n']}: networkx {op}: ran {nxr[op + '_done']} queries within the budget, time extrapolated (~)")
    print("times are CPU seconds; speedups are peer time / chipgraph time")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
