#include "chipgraph/graph/selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "chipgraph/graph/neighbors.hpp"

namespace chipgraph::graph {

namespace {

// The kept entities (by position) and kept claims (by position), re-aggregated.
GraphData subset(const GraphData& data, const std::vector<char>& keep_entity, const std::vector<char>& keep_claim) {
    GraphData out;
    for (std::size_t i = 0; i < data.entities.size(); ++i)
        if (keep_entity[i]) out.entities.push_back(data.entities[i]);
    for (std::size_t i = 0; i < data.claims.size(); ++i)
        if (keep_claim[i]) out.claims.push_back(data.claims[i]);
    aggregate_edges(out);
    return out;
}

std::unordered_map<EntityId, std::size_t> positions(const GraphData& data) {
    std::unordered_map<EntityId, std::size_t> pos;
    pos.reserve(data.entities.size());
    for (std::size_t i = 0; i < data.entities.size(); ++i) pos.emplace(data.entities[i].id, i);
    return pos;
}

std::size_t position_of(const std::unordered_map<EntityId, std::size_t>& pos, EntityId id) {
    auto it = pos.find(id);
    if (it == pos.end()) throw std::invalid_argument(fmt::format("no entity #{} in the graph data", id));
    return it->second;
}

// A graph over `data` that does not copy or own it (it lives only inside one call).
KnowledgeGraph borrow(const GraphData& data) {
    return KnowledgeGraph(std::shared_ptr<const GraphData>(&data, [](const GraphData*) {}));
}

// Induced: claims passing `filter` whose two entities are both kept.
std::vector<char> induced_claims(const GraphData& data, const std::unordered_map<EntityId, std::size_t>& pos,
                                 const std::vector<char>& keep_entity, const Filter& filter) {
    std::vector<char> keep(data.claims.size(), 0);
    for (std::size_t i = 0; i < data.claims.size(); ++i) {
        const auto& c = data.claims[i];
        auto s = pos.find(c.subject), o = pos.find(c.object);
        if (s == pos.end() || o == pos.end()) continue;
        keep[i] = keep_entity[s->second] && keep_entity[o->second] && claim_passes(c, filter);
    }
    return keep;
}

}  // namespace

GraphData select(const GraphData& data, const Filter& filter) {
    auto pos = positions(data);
    std::vector<char> keep_entity(data.entities.size(), 0);
    for (std::size_t i = 0; i < data.entities.size(); ++i) keep_entity[i] = type_passes(data.entities[i].type, filter);
    return subset(data, keep_entity, induced_claims(data, pos, keep_entity, filter));
}

GraphData select_around(const GraphData& data, EntityId center, int depth, const Filter& filter) {
    auto pos = positions(data);
    std::size_t c = position_of(pos, center);
    std::vector<char> keep_entity(data.entities.size(), 0);
    keep_entity[c] = 1;
    if (depth > 0) {
        KnowledgeGraph g = borrow(data);
        NeighborQuery q;
        q.depth = depth;
        q.filter = filter;
        q.max_vertices = data.entities.size() + 1;
        auto r = neighbors(g, *g.vertex_of(center), q);
        for (Vertex v : r.vertices) keep_entity[v] = 1;  // vertex v is data.entities[v]
    }
    return subset(data, keep_entity, induced_claims(data, pos, keep_entity, filter));
}

GraphData select_path(const GraphData& data, EntityId from, EntityId to, const PathQuery& query) {
    auto pos = positions(data);
    std::vector<char> keep_entity(data.entities.size(), 0);
    keep_entity[position_of(pos, from)] = 1;
    keep_entity[position_of(pos, to)] = 1;
    std::vector<char> keep_claim(data.claims.size(), 0);
    KnowledgeGraph g = borrow(data);
    auto r = find_paths(g, *g.vertex_of(from), *g.vertex_of(to), query);
    for (const auto& p : r.paths) {
        for (Vertex v : p.vertices) keep_entity[v] = 1;
        for (const auto& h : p.hops)
            for (auto ci : data.edges[h.edge].claims)
                if (claim_passes(data.claims[ci], query.filter)) keep_claim[ci] = 1;
    }
    return subset(data, keep_entity, keep_claim);
}

GraphData select_entities(const GraphData& data, const std::vector<EntityId>& ids) {
    auto pos = positions(data);
    std::vector<char> keep_entity(data.entities.size(), 0);
    for (EntityId id : ids) keep_entity[position_of(pos, id)] = 1;
    return subset(data, keep_entity, induced_claims(data, pos, keep_entity, Filter{}));
}

}  // namespace chipgraph::graph
