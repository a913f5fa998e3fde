#include "chipgraph/graph/neighbors.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "search.hpp"

namespace chipgraph::graph {

NeighborResult neighbors(const KnowledgeGraph& g, Vertex center, const NeighborQuery& query) {
    if (center >= g.vertex_count()) throw std::out_of_range("neighbors: no such vertex");
    NeighborResult r;
    std::vector<bool> mask = g.edge_mask(query.filter);
    detail::EdgeOk eok{&g.csr(), mask.empty() ? nullptr : &mask, nullptr};
    detail::VertexOk vok{&g.csr(), detail::type_bits(query.filter), center, kNoVertex, nullptr};
    detail::View view(g.csr(), eok, vok);
    detail::Walker<detail::View> w{view, query.outgoing, query.incoming};

    std::unordered_map<Vertex, int> depth_of{{center, 0}};
    std::vector<Vertex> layer{center}, next;
    r.vertices.push_back(center);
    r.depth.push_back(0);
    for (int d = 1; d <= query.depth && !layer.empty() && !r.capped; ++d) {
        next.clear();
        for (Vertex v : layer) {
            w.out(v, [&](Vertex u, Hop h, float) {
                auto it = depth_of.find(u);
                if (it == depth_of.end()) {
                    if (depth_of.size() >= query.max_vertices) {
                        r.capped = true;
                        return;
                    }
                    depth_of.emplace(u, d);
                    next.push_back(u);
                } else if (it->second != d) {
                    return;
                }
                r.edges.push_back(NeighborEdge{v, u, d, h});
            });
        }
        auto by_name = [&](Vertex a, Vertex b) {
            const auto &ea = g.entity(a), &eb = g.entity(b);
            return std::tie(ea.name, a) < std::tie(eb.name, b);
        };
        std::sort(next.begin(), next.end(), by_name);
        for (Vertex u : next) {
            r.vertices.push_back(u);
            r.depth.push_back(d);
        }
        layer.swap(next);
    }
    std::unordered_map<Vertex, std::size_t> rank;
    for (std::size_t i = 0; i < r.vertices.size(); ++i) rank.emplace(r.vertices[i], i);
    std::stable_sort(r.edges.begin(), r.edges.end(), [&](const NeighborEdge& a, const NeighborEdge& b) {
        const auto &ea = g.edge_record(a.hop.edge), &eb = g.edge_record(b.hop.edge);
        return std::make_tuple(a.depth, rank.at(a.near), !a.hop.forward, std::string_view(ea.predicate), rank.at(a.far)) <
               std::make_tuple(b.depth, rank.at(b.near), !b.hop.forward, std::string_view(eb.predicate), rank.at(b.far));
    });
    return r;
}

}  // namespace chipgraph::graph
