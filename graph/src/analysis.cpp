#include "chipgraph/graph/analysis.hpp"

#include <algorithm>
#include <numeric>
#include <random>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/pending/disjoint_sets.hpp>

namespace chipgraph::graph {

namespace {

// The directed simple graph underneath: one arc per (subject, object) pair, no loops.
using SimpleCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                     boost::no_property, std::uint32_t, std::uint32_t>;

SimpleCsr simple_graph(const KnowledgeGraph& g) {
    const auto& csr = g.csr();
    std::vector<std::pair<Vertex, Vertex>> arcs;
    arcs.reserve(num_edges(csr));
    std::vector<Vertex> targets;
    for (Vertex v = 0; v < g.vertex_count(); ++v) {
        targets.clear();
        for (auto e : boost::make_iterator_range(out_edges(v, csr)))
            if (target(e, csr) != v) targets.push_back(target(e, csr));
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
        for (Vertex t : targets) arcs.emplace_back(v, t);
    }
    return SimpleCsr(boost::edges_are_sorted, arcs.begin(), arcs.end(), static_cast<Vertex>(g.vertex_count()));
}

// Brandes' accumulation from each source, with successor-based back-propagation (no
// predecessor lists): delta(v) = sigma(v) * sum over successors w on shortest paths of
// (1 + delta(w)) / sigma(w). The quotient is computed once per vertex (`coef`), so the
// backward pass does one comparison and one addition per edge.
void accumulate(const SimpleCsr& g, const std::vector<Vertex>& sources, std::vector<double>& score) {
    const std::size_t n = num_vertices(g);
    // Per-vertex state in one record, so that each neighbour visit touches one cache line.
    struct State {
        double sigma = 0.0;  // shortest paths from the source
        double coef = 0.0;   // (1 + delta) / sigma, once the vertex is finished
        std::int32_t dist = -1;
    };
    std::vector<State> st(n);
    std::vector<Vertex> order;
    const std::uint32_t* rowstart = g.m_forward.m_rowstart.data();
    const Vertex* column = g.m_forward.m_column.data();
    // Branch-free inner loops: on these graphs whether a neighbour is new, on a shortest
    // path or neither is unpredictable, and mispredictions cost more than the selects.
    order.resize(n + 1);
    for (Vertex s : sources) {
        st[s].dist = 0;
        st[s].sigma = 1.0;
        order[0] = s;
        std::size_t tail = 1;
        for (std::size_t head = 0; head < tail; ++head) {
            const Vertex v = order[head];
            const std::int32_t dn = st[v].dist + 1;
            const double sv = st[v].sigma;
            for (auto i = rowstart[v], end = rowstart[v + 1]; i < end; ++i) {
                const Vertex wi = column[i];
                State& w = st[wi];
                const bool fresh = w.dist < 0;
                order[tail] = wi;
                tail += fresh;
                const std::int32_t dw = fresh ? dn : w.dist;
                w.dist = dw;
                w.sigma = (fresh ? 0.0 : w.sigma) + (dw == dn ? sv : 0.0);
            }
        }
        for (std::size_t k = tail; k-- > 0;) {
            const Vertex v = order[k];
            State& sv = st[v];
            const std::int32_t dn = sv.dist + 1;
            double d = 0.0;
            for (auto i = rowstart[v], end = rowstart[v + 1]; i < end; ++i) {
                const State& w = st[column[i]];
                d += w.dist == dn ? w.coef : 0.0;
            }
            const double delta = d * sv.sigma;
            sv.coef = (1.0 + delta) / sv.sigma;
            if (v != s) score[v] += delta;
        }
        for (std::size_t k = 0; k < tail; ++k) st[order[k]].dist = -1;
    }
}

}  // namespace

ComponentStats weak_components(const KnowledgeGraph& g) {
    const std::size_t n = g.vertex_count();
    std::vector<std::uint32_t> rank(n, 0), parent(n);
    auto index = boost::typed_identity_property_map<Vertex>();
    auto rank_map = boost::make_iterator_property_map(rank.begin(), index);
    auto parent_map = boost::make_iterator_property_map(parent.begin(), index);
    boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> sets(rank_map, parent_map);
    for (Vertex v = 0; v < n; ++v) sets.make_set(v);
    const auto& csr = g.csr();
    for (auto e : boost::make_iterator_range(edges(csr))) sets.union_set(source(e, csr), target(e, csr));

    ComponentStats st;
    std::vector<std::size_t> size(n, 0);
    for (Vertex v = 0; v < n; ++v) ++size[sets.find_set(v)];
    // Number components by decreasing size (ties: smallest representative first).
    std::vector<Vertex> roots;
    for (Vertex v = 0; v < n; ++v)
        if (size[v] > 0) roots.push_back(v);
    std::stable_sort(roots.begin(), roots.end(), [&](Vertex a, Vertex b) { return size[a] > size[b]; });
    std::vector<std::uint32_t> number(n, 0);
    for (std::size_t i = 0; i < roots.size(); ++i) number[roots[i]] = static_cast<std::uint32_t>(i);
    st.count = roots.size();
    st.largest = roots.empty() ? 0 : size[roots.front()];
    st.of.resize(n);
    for (Vertex v = 0; v < n; ++v) {
        st.of[v] = number[sets.find_set(v)];
        if (out_degree(v, csr) == 0 && in_degree(v, csr) == 0) ++st.isolated;
    }
    return st;
}

std::vector<double> source_dependencies(const KnowledgeGraph& g, const std::vector<Vertex>& sources) {
    SimpleCsr simple = simple_graph(g);
    std::vector<double> score(g.vertex_count(), 0.0);
    accumulate(simple, sources, score);
    return score;
}

Betweenness betweenness(const KnowledgeGraph& g, const BetweennessOptions& options) {
    Betweenness b;
    const std::size_t n = g.vertex_count();
    b.score.assign(n, 0.0);
    if (n == 0) return b;
    SimpleCsr simple = simple_graph(g);
    std::vector<Vertex> sources = options.sources;
    const double work = static_cast<double>(n) * static_cast<double>(num_edges(simple));
    if (sources.empty() && n <= options.exact_limit && work <= options.exact_work) {
        boost::brandes_betweenness_centrality(
            simple, boost::make_iterator_property_map(b.score.begin(), get(boost::vertex_index, simple)));
        b.sources = n;
        return b;
    }
    if (sources.empty()) {
        sources.resize(n);
        std::iota(sources.begin(), sources.end(), Vertex{0});
        std::mt19937_64 rng(options.seed);
        std::shuffle(sources.begin(), sources.end(), rng);
        sources.resize(std::min(options.samples, n));
        std::sort(sources.begin(), sources.end());
    }
    accumulate(simple, sources, b.score);
    const double scale = static_cast<double>(n) / static_cast<double>(sources.size());
    for (auto& x : b.score) x *= scale;
    b.sampled = sources.size() < n;
    b.sources = sources.size();
    return b;
}

std::vector<std::pair<Vertex, double>> top_vertices(const std::vector<double>& score, std::size_t limit) {
    std::vector<Vertex> idx(score.size());
    std::iota(idx.begin(), idx.end(), Vertex{0});
    auto better = [&](Vertex a, Vertex b) { return score[a] != score[b] ? score[a] > score[b] : a < b; };
    limit = std::min(limit, idx.size());
    std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(limit), idx.end(), better);
    std::vector<std::pair<Vertex, double>> out;
    for (std::size_t i = 0; i < limit; ++i) out.emplace_back(idx[i], score[idx[i]]);
    return out;
}

}  // namespace chipgraph::graph
