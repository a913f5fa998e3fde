#include "chipgraph/graph/paths.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <stdexcept>

#include "search.hpp"

namespace chipgraph::graph {

namespace detail {

void complete_path(const KnowledgeGraph& g, Vertex from, Path& path, bool weighted) {
    path.vertices.assign(1, from);
    path.confidence = 1.0;
    double weight = 0.0;
    Vertex at = from;
    for (const auto& h : path.hops) {
        Vertex s = g.subject_vertex(h.edge), o = g.object_vertex(h.edge);
        at = h.forward ? o : s;
        path.vertices.push_back(at);
        double c = g.edge_record(h.edge).combined_confidence;
        path.confidence *= c;
        weight += hop_weight(c);
    }
    path.cost = weighted ? weight : static_cast<double>(path.hops.size());
}

bool path_less(const Path& a, const Path& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    if (a.vertices != b.vertices) return a.vertices < b.vertices;
    return a.hops < b.hops;
}

}  // namespace detail

namespace {

using detail::Scratch;
using detail::Walker;

// Shortest path by hops: breadth-first from both ends, one layer at a time from the
// smaller frontier. Returns the vertex where the searches met (kNoVertex: no path); the
// two halves of the path are then in the scratch parent arrays.
//
// Best == false stops at the first meeting, which already lies on a shortest path (while
// no meeting was found, every vertex of the other search adjacent to the frontier is in
// its last layer). Best == true finishes the layer and returns, among the shortest paths,
// the most confident: each vertex keeps, of its parents in the previous layer, the one
// with the most confident path so far; this is exact because every shortest path crosses
// the last expanded layer at a vertex that both searches reached.
template <bool Best, class G>
Vertex bfs_meet(const Walker<G>& w, Scratch& s, Vertex from, Vertex to) {
    const auto ep = s.epoch;
    auto& fa = s.frontier_a;
    auto& fb = s.frontier_b;
    auto& next = s.next;
    auto& meets = s.meets;
    fa.assign(1, from);
    fb.assign(1, to);
    meets.clear();
    s.a[from] = detail::Visit{ep, 0, kNoVertex, 1.0f, Hop{}};
    s.b[to] = detail::Visit{ep, 0, kNoVertex, 1.0f, Hop{}};
    // One layer from `frontier`; side a walks forward from `from`, side b backward from `to`.
    auto expand = [&](std::vector<Vertex>& frontier, auto& mine, const auto& other, bool forward) {
        next.clear();
        for (Vertex v : frontier) {
            const std::uint32_t d = mine[v].depth + 1;
            const float cv = mine[v].conf;
            auto visit = [&](Vertex u, Hop h, float c) -> bool {
                detail::Visit& x = mine[u];
                const float cu = cv * c;
                if (x.stamp == ep) {
                    if constexpr (Best)
                        if (x.depth == d && cu > x.conf) x.parent = v, x.hop = h, x.conf = cu;
                    return false;
                }
                x = detail::Visit{ep, d, v, cu, h};
                if (other[u].stamp == ep) {
                    meets.push_back(u);
                    return !Best;
                }
                next.push_back(u);
                return false;
            };
            if (forward ? w.out(v, visit) : w.in(v, visit)) break;
        }
        frontier.swap(next);
    };
    while (!fa.empty() && !fb.empty() && meets.empty()) {
        if (fa.size() <= fb.size())
            expand(fa, s.a, s.b, true);
        else
            expand(fb, s.b, s.a, false);
    }
    Vertex meet = kNoVertex;
    std::uint32_t best_len = std::numeric_limits<std::uint32_t>::max();
    float best_conf = -1.0f;
    for (Vertex u : meets) {
        std::uint32_t len = s.a[u].depth + s.b[u].depth;
        float c = s.a[u].conf * s.b[u].conf;
        if (len < best_len || (len == best_len && c > best_conf)) best_len = len, best_conf = c, meet = u;
    }
    return meet;
}

template <class G>
std::optional<Path> bfs_path(const Walker<G>& w, std::size_t n, Vertex from, Vertex to) {
    if (from == to) return Path{};
    auto& s = Scratch::local();
    s.prepare(n);
    Vertex meet = bfs_meet<true>(w, s, from, to);
    if (meet == kNoVertex) return std::nullopt;
    Path p;
    for (Vertex v = meet; v != from; v = s.a[v].parent) p.hops.push_back(s.a[v].hop);
    std::reverse(p.hops.begin(), p.hops.end());
    for (Vertex v = meet; v != to; v = s.b[v].parent) p.hops.push_back(s.b[v].hop);
    return p;
}

// Most confident path: Dijkstra on -log(confidence), ties broken by fewer hops.
template <class G>
std::optional<Path> dijkstra_path(const Walker<G>& w, std::size_t n, Vertex from, Vertex to) {
    if (from == to) return Path{};
    auto& s = Scratch::local();
    s.prepare(n);
    const auto ep = s.epoch;
    // a[v]: reached (depth = slot in `dist`, parent, hop); b[v]: settled (depth = hops).
    std::vector<double> dist;
    using Item = std::tuple<double, std::uint32_t, Vertex>;  // cost, hops, vertex
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    s.a[from] = detail::Visit{ep, 0, kNoVertex, 1.0f, Hop{}};
    s.b[from].depth = 0;
    dist.push_back(0.0);
    heap.emplace(0.0, 0, from);
    const auto& g = w.g;
    while (!heap.empty()) {
        auto [d, hops, v] = heap.top();
        heap.pop();
        if (s.b[v].stamp == ep) continue;
        s.b[v].stamp = ep;
        if (v == to) break;
        auto relax = [&](Vertex u, Hop h, float conf) {
            if (s.b[u].stamp == ep) return;
            double nd = d + detail::hop_weight(conf);
            auto& x = s.a[u];
            if (x.stamp == ep) {
                double& cur = dist[x.depth];
                if (nd > cur || (nd == cur && hops + 1 >= s.b[u].depth)) return;
                cur = nd;
            } else {
                x.stamp = ep;
                x.depth = static_cast<std::uint32_t>(dist.size());
                dist.push_back(nd);
            }
            s.b[u].depth = hops + 1;
            x.parent = v;
            x.hop = h;
            heap.emplace(nd, hops + 1, u);
        };
        if (w.forward)
            for (auto e : boost::make_iterator_range(out_edges(v, g)))
                relax(target(e, g), Hop{g[e].edge, true}, g[e].confidence);
        if (w.backward)
            for (auto e : boost::make_iterator_range(in_edges(v, g)))
                relax(source(e, g), Hop{g[e].edge, false}, g[e].confidence);
    }
    if (s.b[to].stamp != ep) return std::nullopt;
    Path p;
    for (Vertex v = to; v != from; v = s.a[v].parent) p.hops.push_back(s.a[v].hop);
    std::reverse(p.hops.begin(), p.hops.end());
    return p;
}

// The query's filters as a filtered_graph; `banned_*` are Yen's exclusions.
struct Search {
    const KnowledgeGraph& kg;
    const PathQuery& q;
    Vertex from, to;
    std::vector<bool> mask;
    bool bare;  // nothing filtered: run on the CSR itself

    Search(const KnowledgeGraph& g, const PathQuery& query, Vertex a, Vertex b)
        : kg(g), q(query), from(a), to(b), mask(g.edge_mask(query.filter)), bare(query.filter.empty()) {}

    detail::View view(const std::vector<std::uint32_t>* banned_edges, const std::vector<Vertex>* banned_vertices) const {
        detail::EdgeOk eok{&kg.csr(), mask.empty() ? nullptr : &mask, banned_edges};
        detail::VertexOk vok{&kg.csr(), detail::type_bits(q.filter), from, to, banned_vertices};
        return detail::View(kg.csr(), eok, vok);
    }

    template <class G>
    std::optional<Path> run(const G& g, Vertex a, Vertex b) const {
        Walker<G> w{g, true, q.undirected};
        auto p = q.weighted ? dijkstra_path(w, kg.vertex_count(), a, b) : bfs_path(w, kg.vertex_count(), a, b);
        if (p) detail::complete_path(kg, a, *p, q.weighted);
        return p;
    }

    std::optional<Path> shortest(Vertex a, Vertex b, const std::vector<std::uint32_t>* banned_edges = nullptr,
                                 const std::vector<Vertex>* banned_vertices = nullptr) const {
        if (bare && !banned_edges && !banned_vertices) return run(kg.csr(), a, b);
        auto v = view(banned_edges, banned_vertices);
        return run(v, a, b);
    }
};

// Yen's k shortest loopless paths.
PathResult yen(const Search& search, int k) {
    PathResult result;
    auto first = search.shortest(search.from, search.to);
    if (!first) return result;
    result.paths.push_back(std::move(*first));
    auto hop_key = [](const Path& p) {
        std::vector<std::uint64_t> key;
        for (auto& h : p.hops) key.push_back((std::uint64_t{h.edge} << 1) | (h.forward ? 1u : 0u));
        return key;
    };
    std::set<std::vector<std::uint64_t>> known{hop_key(result.paths.front())};
    auto worse = [](const Path& a, const Path& b) { return detail::path_less(b, a); };
    std::priority_queue<Path, std::vector<Path>, decltype(worse)> candidates(worse);
    for (int n = 1; n < k; ++n) {
        const Path& last = result.paths.back();
        for (std::size_t i = 0; i + 1 < last.vertices.size(); ++i) {
            Vertex spur = last.vertices[i];
            std::vector<std::uint32_t> banned_edges;
            for (const auto& p : result.paths) {
                if (p.hops.size() > i && std::equal(p.hops.begin(), p.hops.begin() + i, last.hops.begin()) &&
                    p.vertices[i] == spur)
                    banned_edges.push_back(p.hops[i].edge);
            }
            std::sort(banned_edges.begin(), banned_edges.end());
            std::vector<Vertex> banned_vertices(last.vertices.begin(), last.vertices.begin() + i);
            std::sort(banned_vertices.begin(), banned_vertices.end());
            auto spur_path = search.shortest(spur, search.to, &banned_edges, &banned_vertices);
            if (!spur_path) continue;
            Path total;
            total.hops.assign(last.hops.begin(), last.hops.begin() + i);
            total.hops.insert(total.hops.end(), spur_path->hops.begin(), spur_path->hops.end());
            detail::complete_path(search.kg, search.from, total, search.q.weighted);
            if (known.insert(hop_key(total)).second) candidates.push(std::move(total));
        }
        if (candidates.empty()) break;
        result.paths.push_back(candidates.top());
        candidates.pop();
    }
    return result;
}

// Every simple path of at most max_hops hops, shortest first: for each length L, a DFS that
// only enters vertices from which `to` is still reachable within the hops left.
template <class G>
PathResult all_paths(const KnowledgeGraph& kg, const G& g, const PathQuery& q, Vertex from, Vertex to) {
    PathResult result;
    if (from == to || q.max_hops <= 0) return result;
    Walker<G> w{g, true, q.undirected};
    const std::uint32_t max_hops = static_cast<std::uint32_t>(q.max_hops);
    // Distances to `to`, walking backward, up to max_hops - 1 (enough to prune).
    auto& s = Scratch::local();
    s.prepare(kg.vertex_count());
    const auto ep = s.epoch;
    std::vector<Vertex> layer{to}, next;
    s.b[to].stamp = ep;
    s.b[to].depth = 0;
    for (std::uint32_t d = 1; d < max_hops && !layer.empty(); ++d) {
        next.clear();
        for (Vertex v : layer)
            w.in(v, [&](Vertex u, Hop, float) {
                if (s.b[u].stamp == ep) return;
                s.b[u].stamp = ep;
                s.b[u].depth = d;
                next.push_back(u);
            });
        layer.swap(next);
    }
    auto dist_to = [&](Vertex v) -> std::uint32_t {
        return s.b[v].stamp == ep ? s.b[v].depth : std::numeric_limits<std::uint32_t>::max() / 2;
    };
    std::vector<char> on_path(kg.vertex_count(), 0);
    std::vector<Hop> hops;
    bool stop = false;
    for (std::uint32_t length = 1; length <= max_hops && !stop; ++length) {
        if (dist_to(from) > length) continue;
        std::function<void(Vertex, std::uint32_t)> dfs = [&](Vertex v, std::uint32_t depth) {
            w.out(v, [&](Vertex u, Hop h, float) {
                if (stop) return;
                if (u == to) {
                    if (depth + 1 != length) return;
                    if (result.paths.size() >= q.max_paths) {
                        result.capped = true;
                        stop = true;
                        return;
                    }
                    Path p;
                    p.hops = hops;
                    p.hops.push_back(h);
                    detail::complete_path(kg, from, p, q.weighted);
                    result.paths.push_back(std::move(p));
                    return;
                }
                if (on_path[u] || depth + 1 + dist_to(u) > length) return;
                on_path[u] = 1;
                hops.push_back(h);
                dfs(u, depth + 1);
                hops.pop_back();
                on_path[u] = 0;
            });
        };
        on_path[from] = 1;
        dfs(from, 0);
        on_path[from] = 0;
    }
    return result;
}

}  // namespace

PathResult find_paths(const KnowledgeGraph& g, Vertex from, Vertex to, const PathQuery& query) {
    if (from >= g.vertex_count() || to >= g.vertex_count()) throw std::out_of_range("find_paths: no such vertex");
    if (query.k < 1) throw std::invalid_argument("find_paths: k must be at least 1");
    Search search(g, query, from, to);
    PathResult result;
    if (query.all) {
        if (search.bare) {
            result = all_paths(g, g.csr(), query, from, to);
        } else {
            auto v = search.view(nullptr, nullptr);
            result = all_paths(g, v, query, from, to);
        }
    } else {
        result = yen(search, query.k);
    }
    std::stable_sort(result.paths.begin(), result.paths.end(), detail::path_less);
    return result;
}

void prepare_search(const KnowledgeGraph& g) {
    auto& s = Scratch::local();
    s.prepare(g.vertex_count());
    s.a.clear_all();
    s.b.clear_all();
    s.epoch = 1;
}

namespace {

// Unfiltered bidirectional BFS straight on the CSR arrays (no edge bundles read). Expands
// the side whose next layer costs less, counted in edges to scan rather than in vertices:
// on heavy-tailed graphs one hub in a frontier outweighs many small vertices. Stops at the
// first meeting, which lies on a shortest path (see bfs_meet). Fills `path` with the
// vertices from `from` to `to`; false when `to` is unreachable.
bool lean_bfs(const KnowledgeGraph& g, Vertex from, Vertex to, bool undirected, std::vector<Vertex>& path) {
    path.clear();
    if (from == to) {
        path.push_back(from);
        return true;
    }
    using Slot = detail::VisitTable::Slot;
    constexpr auto kUnset = detail::VisitTable::kUnset;
    const auto& csr = g.csr();
    const std::uint32_t* out_start = csr.m_forward.m_rowstart.data();
    const Vertex* out_target = csr.m_forward.m_column.data();
    const std::uint32_t* in_start = csr.m_backward.m_rowstart.data();
    const Vertex* in_source = csr.m_backward.m_column.data();
    auto& table = Scratch::local().table;
    table.start();
    auto& s = Scratch::local();
    auto& fa = s.frontier_a;
    auto& fb = s.frontier_b;
    auto& next = s.next;
    fa.assign(1, from);
    fb.assign(1, to);
    table.at(from).depth_a = 0;
    table.at(to).depth_b = 0;
    // Costs from the one-byte degree codes: a discovered vertex costs one small read, not a
    // cache miss in the row index.
    auto out_cost = [&](Vertex v) -> std::size_t {
        auto c = g.degree_codes(v);
        return KnowledgeGraph::decode_degree(c.out) + (undirected ? KnowledgeGraph::decode_degree(c.in) : 0);
    };
    auto in_cost = [&](Vertex v) -> std::size_t {
        auto c = g.degree_codes(v);
        return KnowledgeGraph::decode_degree(c.in) + (undirected ? KnowledgeGraph::decode_degree(c.out) : 0);
    };
    std::size_t cost_a = out_cost(from), cost_b = in_cost(to);
    Vertex meet = kNoVertex;
    // Scans one row of v for the forward (side a) or the backward (side b) search.
    auto scan = [&](Vertex v, std::uint32_t depth, const std::uint32_t* start, const Vertex* column, bool side_a,
                    std::size_t& cost) -> bool {
        for (auto i = start[v], end = start[v + 1]; i < end; ++i) {
            const Vertex u = column[i];
            Slot& r = table.at(u);
            if (side_a) {
                if (r.depth_a != kUnset) continue;
                r.depth_a = depth, r.parent_a = v;
                if (r.depth_b != kUnset) return meet = u, true;
                cost += out_cost(u);
            } else {
                if (r.depth_b != kUnset) continue;
                r.depth_b = depth, r.parent_b = v;
                if (r.depth_a != kUnset) return meet = u, true;
                cost += in_cost(u);
            }
            next.push_back(u);
        }
        return false;
    };
    std::uint32_t depth_a = 0, depth_b = 0;
    while (!fa.empty() && !fb.empty()) {
        const bool side_a = cost_a <= cost_b;
        auto& frontier = side_a ? fa : fb;
        const std::uint32_t depth = side_a ? ++depth_a : ++depth_b;
        std::size_t cost = 0;
        next.clear();
        for (Vertex v : frontier) {
            bool found = side_a ? scan(v, depth, out_start, out_target, true, cost)
                                : scan(v, depth, in_start, in_source, false, cost);
            if (!found && undirected)
                found = side_a ? scan(v, depth, in_start, in_source, true, cost)
                               : scan(v, depth, out_start, out_target, false, cost);
            if (found) break;
        }
        if (meet != kNoVertex) break;
        frontier.swap(next);
        (side_a ? cost_a : cost_b) = cost;
    }
    if (meet == kNoVertex) return false;
    for (Vertex v = meet; v != kNoVertex; v = table.find(v)->parent_a) path.push_back(v);
    std::reverse(path.begin(), path.end());
    for (Vertex v = table.find(meet)->parent_b; v != kNoVertex; v = table.find(v)->parent_b) path.push_back(v);
    return true;
}

}  // namespace

std::vector<Vertex> shortest_path_vertices(const KnowledgeGraph& g, Vertex from, Vertex to, bool undirected) {
    if (from >= g.vertex_count() || to >= g.vertex_count())
        throw std::out_of_range("shortest_path_vertices: no such vertex");
    std::vector<Vertex> path;
    lean_bfs(g, from, to, undirected, path);
    return path;
}

std::optional<int> hop_distance(const KnowledgeGraph& g, Vertex from, Vertex to, bool undirected) {
    if (from >= g.vertex_count() || to >= g.vertex_count()) throw std::out_of_range("hop_distance: no such vertex");
    thread_local std::vector<Vertex> path;
    if (!lean_bfs(g, from, to, undirected, path)) return std::nullopt;
    return static_cast<int>(path.size() - 1);
}

namespace {

// Simple paths of 1..max_hops hops from `from`; range(v) gives the [begin, end) indices of
// the edges of v to follow in `column`. The current path is short: testing membership
// against it directly is cheaper than a random access to a per-vertex mark.
template <class Range>
std::uint64_t count_paths(const Vertex* column, Range range, Vertex from, int max_hops) {
    if (max_hops <= 0) return 0;
    std::vector<Vertex> path{from};
    path.reserve(static_cast<std::size_t>(max_hops) + 1);
    auto on_path = [&](Vertex u) { return std::find(path.begin(), path.end(), u) != path.end(); };
    struct Frame {
        std::uint32_t next, end;
    };
    std::vector<Frame> stack;
    stack.reserve(static_cast<std::size_t>(max_hops) + 1);
    auto [b0, e0] = range(from);
    stack.push_back({b0, e0});
    std::uint64_t count = 0;
    while (!stack.empty()) {
        auto& f = stack.back();
        if (f.next == f.end) {
            stack.pop_back();
            path.pop_back();
            continue;
        }
        const Vertex u = column[f.next++];
        if (on_path(u)) continue;
        ++count;
        const int hops = static_cast<int>(path.size());  // hops of the path just counted
        if (hops == max_hops) continue;
        auto [b, e] = range(u);
        if (b == e) continue;
        if (hops + 1 == max_hops) {
            // Last hop: count the edges to vertices off the path (and off u), no deeper frame.
            for (auto i = b; i < e; ++i) count += column[i] != u && !on_path(column[i]);
            continue;
        }
        path.push_back(u);
        stack.push_back({b, e});
    }
    return count;
}

}  // namespace

std::uint64_t count_simple_paths(const KnowledgeGraph& g, Vertex from, int max_hops,
                                 std::optional<PredicateId> predicate) {
    if (from >= g.vertex_count()) throw std::out_of_range("count_simple_paths: no such vertex");
    const auto& csr = g.csr();
    const std::uint32_t* rowstart = csr.m_forward.m_rowstart.data();
    const EdgeProps* props = csr.m_forward.m_edge_properties.data();
    // All out-edges, or the block with the predicate (rows are ordered by predicate).
    auto range = [&](Vertex v) -> std::pair<std::uint32_t, std::uint32_t> {
        std::uint32_t b = rowstart[v], e = rowstart[v + 1];
        if (!predicate) return {b, e};
        const PredicateId p = *predicate;
        std::uint32_t lo = b, hi = e;
        while (lo < hi) {  // first edge with predicate >= p
            std::uint32_t mid = lo + (hi - lo) / 2;
            if (props[mid].predicate < p)
                lo = mid + 1;
            else
                hi = mid;
        }
        std::uint32_t end = lo;
        while (end < e && props[end].predicate == p) ++end;
        return {lo, end};
    };
    return count_paths(csr.m_forward.m_column.data(), range, from, max_hops);
}

std::uint64_t count_simple_paths(const PredicateCsr& g, Vertex from, int max_hops) {
    if (from >= num_vertices(g)) throw std::out_of_range("count_simple_paths: no such vertex");
    const std::uint32_t* rowstart = g.m_forward.m_rowstart.data();
    auto range = [&](Vertex v) { return std::make_pair(rowstart[v], rowstart[v + 1]); };
    return count_paths(g.m_forward.m_column.data(), range, from, max_hops);
}

}  // namespace chipgraph::graph
