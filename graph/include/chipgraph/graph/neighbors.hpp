// The neighbourhood of an entity: every entity within `depth` hops, in and out.
#pragma once

#include <vector>

#include "chipgraph/graph/paths.hpp"

namespace chipgraph::graph {

struct NeighborQuery {
    int depth = 1;
    Filter filter;  // claims used; `types` restricts the entities entered (the center is kept)
    bool outgoing = true, incoming = true;
    std::size_t max_vertices = 100000;  // stop expanding past this many entities (sets `capped`)
};

struct NeighborEdge {
    Vertex near = 0;  // the vertex at depth - 1
    Vertex far = 0;   // the vertex at depth
    int depth = 1;
    Hop hop;  // forward: near is the subject (an out-edge of `near`); else an in-edge
};

struct NeighborResult {
    std::vector<Vertex> vertices;  // by depth (center first), then by name
    std::vector<int> depth;        // depth of each entry of `vertices`
    // Every edge from a vertex at depth d - 1 to a vertex first reached at depth d,
    // ordered by depth, near vertex, direction (out first), predicate, far vertex name.
    std::vector<NeighborEdge> edges;
    bool capped = false;
};

NeighborResult neighbors(const KnowledgeGraph& g, Vertex center, const NeighborQuery& query);

}  // namespace chipgraph::graph
