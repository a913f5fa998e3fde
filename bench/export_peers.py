#!/usr/bin/python3
"""Times igraph's and NetworkX's GraphML/GEXF writers on the graph export_bench generated.

    export_peers.py --input DIR [--dir OUT] [--tools igraph-graphml,networkx-graphml,networkx-gexf]
                    [--timeout S] [--results FILE]

DIR holds nodes.tsv and edges.tsv (written by `export_bench --peers-input DIR`) with the
same attributes as our GraphML export. Each tool runs in its own child process (the
graphs are large); only the write call is timed, and the peak memory the write adds on
top of the loaded graph is measured with getrusage. Uses Debian's python3-igraph and
python3-networkx (/usr/bin/python3).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

NODE_ATTRS = [("label", str), ("type", str), ("aliases", str), ("unnamed", lambda v: v == "true"),
              ("mentions", int), ("documents", int), ("document_list", str), ("degree", int)]
EDGE_ATTRS = [("label", str), ("predicate", str), ("claims", int), ("documents", int),
              ("independent_sources", int), ("confidence", float), ("combined_confidence", float),
              ("first_date", str), ("last_date", str), ("evidence", str), ("sources", str),
              ("statuses", str), ("weight", float)]
TOOLS = ["igraph-graphml", "networkx-graphml", "networkx-gexf"]


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


# python-igraph 0.10.2's write_graphml fails on strings longer than about 1 KB ("Forbidden
# control character 0x.. found in igraph_i_xml_escape": a bug in its escaping), so string
# values are cut to this length for igraph only (a few long source lists of hub edges).
IGRAPH_MAX_STRING = 1000


def load_igraph(indir):
    import igraph

    def cut(conv):
        return lambda v: conv(v)[:IGRAPH_MAX_STRING] if conv is str else conv(v)
    ids, cols = {}, {name: [] for name, _ in NODE_ATTRS}
    for row in read_rows(os.path.join(indir, "nodes.tsv")):
        ids[row[0]] = len(ids)
        for (name, conv), v in zip(NODE_ATTRS, row[1:]):
            cols[name].append(cut(conv)(v))
    edges, ecols = [], {name: [] for name, _ in EDGE_ATTRS}
    for row in read_rows(os.path.join(indir, "edges.tsv")):
        edges.append((ids[row[0]], ids[row[1]]))
        for (name, conv), v in zip(EDGE_ATTRS, row[2:]):
            ecols[name].append(cut(conv)(v))
    g = igraph.Graph(n=len(ids), edges=edges, directed=True)
    for name, values in cols.items():
        g.vs[name] = values
    for name, values in ecols.items():
        g.es[name] = values
    return g, "python-igraph %s" % igraph.__version__


def load_networkx(indir):
    import networkx as nx
    G = nx.MultiDiGraph()
    for row in read_rows(os.path.join(indir, "nodes.tsv")):
        G.add_node(row[0], **{name: conv(v) for (name, conv), v in zip(NODE_ATTRS, row[1:])})
    for row in read_rows(os.path.join(indir, "edges.tsv")):
        G.add_edge(row[0], row[1], **{name: conv(v) for (name, conv), v in zip(EDGE_ATTRS, row[2:])})
    return G, "networkx %s" % nx.__version__


def run_tool(tool, indir, outdir):
    """In the child: load, then time the write. Prints one JSON line."""
    t0 = time.perf_counter()
    if tool.startswith("igraph"):
        g, version = load_igraph(indir)
    else:
        g, version = load_networkx(indir)
    load_s = time.perf_counter() - t0
    ext = ".gexf" if tool.endswith("gexf") else ".graphml"
    out = os.path.join(outdir, "peer-" + tool + ext)
    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if tool == "igraph-graphml":
        g.write_graphml(out)
    elif tool == "networkx-graphml":
        import networkx as nx
        nx.write_graphml(g, out)
    elif tool == "networkx-gexf":
        import networkx as nx
        nx.write_gexf(g, out)
    write_s = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    size = os.path.getsize(out)
    os.remove(out)
    print(json.dumps({"tool": tool, "version": version, "load_seconds": load_s, "seconds": write_s,
                      "cpu_seconds": cpu_s, "bytes": size,
                      "peak_extra_bytes": (after.ru_maxrss - before.ru_maxrss) * 1024}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True)
    ap.add_argument("--dir", default="/tmp/chipgraph-export-bench")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per tool")
    ap.add_argument("--results", help="append results as TSV")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    if args.child:
        run_tool(args.child, args.input, args.dir)
        return 0
    rows = []
    for tool in [t for t in args.tools.split(",") if t]:
        if tool not in TOOLS:
            sys.exit("unknown tool %s (one of %s)" % (tool, ", ".join(TOOLS)))
        cmd = [sys.executable, os.path.abspath(__file__), "--input", args.input, "--dir", args.dir, "--child", tool]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print("%-17s timed out after %d s" % (tool, args.timeout), flush=True)
            rows.append({"tool": tool, "seconds": None, "note": "timeout %d s" % args.timeout})
            continue
        if p.returncode != 0:
            print("%-17s failed: %s" % (tool, (p.stderr.strip().splitlines() or ["?"])[-1]), flush=True)
            rows.append({"tool": tool, "seconds": None, "note": "failed"})
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        rows.append(r)
        print("%-17s %9.2f s  CPU %8.2f s  %8.0f MB  peak extra %8.1f MB  (%s; load %.1f s)" % (
            tool, r["seconds"], r["cpu_seconds"], r["bytes"] / 1e6, r["peak_extra_bytes"] / 1e6, r["version"],
            r["load_seconds"]), flush=True)
    if args.results:
        new = not os.path.exists(args.results)
        with open(args.results, "a") as f:
            if new:
                f.write("format\tseconds\tcpu_seconds\tbytes\tpeak_extra_bytes\tnote\n")
            for r in rows:
                timed = r.get("seconds") is not None
                f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (
                    r["tool"], "%.3f" % r["seconds"] if timed else "", "%.3f" % r["cpu_seconds"] if timed else "",
                    r.get("bytes", ""), r.get("peak_extra_bytes", ""), r.get("note", r.get("version", ""))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
