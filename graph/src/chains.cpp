#include "chipgraph/graph/chains.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "search.hpp"

namespace chipgraph::graph {

namespace {

using detail::Walker;

struct ChainSearch {
    const KnowledgeGraph& kg;
    const ChainQuery& q;
    std::optional<PredicateId> supplies;
    std::vector<char> on_path;
    std::vector<Hop> hops;
    std::vector<Path> found;
    std::size_t expansions = 0;
    bool capped = false;

    bool is_supplies(const Hop& h) const {
        return kg.edge_record(h.edge).predicate == "supplies";
    }

    void emit(Vertex start, bool reversed) {
        Path p;
        p.hops = hops;
        if (reversed) std::reverse(p.hops.begin(), p.hops.end());
        detail::complete_path(kg, start, p, false);
        found.push_back(std::move(p));
    }

    // Depth-first from `v`; `forward` follows edge direction, else walks back from the end.
    // Reports maximal chains (no further hop possible) that contain a `supplies` hop.
    template <class G>
    void extend(const Walker<G>& w, Vertex v, int supplies_hops, bool forward, Vertex anchor) {
        if (capped) return;
        if (++expansions > q.max_expansions) {
            capped = true;
            return;
        }
        bool extended = false;
        if (static_cast<int>(hops.size()) < q.max_hops) {
            auto step = [&](Vertex u, Hop h, float) {
                if (capped || on_path[u]) return;
                extended = true;
                on_path[u] = 1;
                hops.push_back(h);
                extend(w, u, supplies_hops + (is_supplies(h) ? 1 : 0), forward, anchor);
                hops.pop_back();
                on_path[u] = 0;
            };
            if (forward)
                w.out(v, step);
            else
                w.in(v, step);
        }
        if (!extended && supplies_hops > 0) emit(forward ? anchor : v, !forward);
    }

    // Every chain from `from` to `to` (both ends fixed).
    template <class G>
    void between(const Walker<G>& w, Vertex v, Vertex to, int supplies_hops, Vertex from) {
        if (capped) return;
        if (++expansions > q.max_expansions) {
            capped = true;
            return;
        }
        if (static_cast<int>(hops.size()) >= q.max_hops) return;
        w.out(v, [&](Vertex u, Hop h, float) {
            if (capped || on_path[u]) return;
            int sh = supplies_hops + (is_supplies(h) ? 1 : 0);
            hops.push_back(h);
            if (u == to) {
                if (sh > 0) emit(from, false);
            } else {
                on_path[u] = 1;
                between(w, u, to, sh, from);
                on_path[u] = 0;
            }
            hops.pop_back();
        });
    }
};

}  // namespace

ChainResult find_chains(const KnowledgeGraph& g, const ChainQuery& query) {
    if (!query.from && !query.to) throw std::invalid_argument("find_chains: give a start (from) or an end (to)");
    for (auto v : {query.from, query.to})
        if (v && *v >= g.vertex_count()) throw std::out_of_range("find_chains: no such vertex");
    if (query.from && query.to && *query.from == *query.to) return {};

    // Edges: chain predicates (intersected with the filter's) whose claims pass the filter.
    Filter filter = query.filter;
    std::vector<std::string> predicates;
    for (auto p : kChainPredicates)
        if (filter.predicates.empty() ||
            std::find(filter.predicates.begin(), filter.predicates.end(), p) != filter.predicates.end())
            predicates.emplace_back(p);
    filter.predicates = predicates;
    std::vector<bool> mask = g.edge_mask(filter);
    Vertex keep_a = query.from.value_or(kNoVertex), keep_b = query.to.value_or(kNoVertex);
    detail::EdgeOk eok{&g.csr(), &mask, nullptr};
    detail::VertexOk vok{&g.csr(), detail::type_bits(filter), keep_a, keep_b, nullptr};
    detail::View view(g.csr(), eok, vok);
    Walker<detail::View> w{view, true, false};

    ChainSearch s{g, query, g.predicate_id("supplies"), std::vector<char>(g.vertex_count(), 0), {}, {}, 0, false};
    if (!s.supplies) return {};
    if (query.from && query.to) {
        s.on_path[*query.from] = 1;
        s.between(w, *query.from, *query.to, 0, *query.from);
    } else if (query.from) {
        s.on_path[*query.from] = 1;
        s.extend(w, *query.from, 0, true, *query.from);
    } else {
        s.on_path[*query.to] = 1;
        s.extend(w, *query.to, 0, false, *query.to);
    }

    // Parallel edges give chains through the same entities: keep the most confident.
    std::map<std::vector<Vertex>, Path> unique;
    for (auto& p : s.found) {
        auto [it, added] = unique.try_emplace(p.vertices, p);
        if (!added && p.confidence > it->second.confidence) it->second = std::move(p);
    }
    ChainResult result;
    for (auto& [vertices, p] : unique) result.chains.push_back(std::move(p));
    std::stable_sort(result.chains.begin(), result.chains.end(), [](const Path& a, const Path& b) {
        if (a.hops.size() != b.hops.size()) return a.hops.size() > b.hops.size();
        if (a.confidence != b.confidence) return a.confidence > b.confidence;
        return a.vertices < b.vertices;
    });
    result.capped = s.capped;
    if (result.chains.size() > query.max_chains) {
        result.chains.resize(query.max_chains);
        result.capped = true;
    }
    return result;
}

}  // namespace chipgraph::graph
