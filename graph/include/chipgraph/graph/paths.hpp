// Paths between two entities: shortest by hops (BFS) or by confidence (Dijkstra on
// -log(confidence)), the k shortest loopless paths (Yen), and every simple path up to
// a number of hops (bounded DFS).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "chipgraph/graph/filter.hpp"
#include "chipgraph/graph/knowledge_graph.hpp"

namespace chipgraph::graph {

struct PathQuery {
    Filter filter;            // claims, edges and intermediate entity types allowed
    bool undirected = false;  // follow edges against their direction too
    bool weighted = false;    // minimize -sum(log(combined confidence)) instead of hops
    int k = 1;                // the k shortest loopless paths (Yen's algorithm)
    bool all = false;         // every simple path of at most max_hops hops
    int max_hops = 6;         // bound for `all`
    std::size_t max_paths = 1000;  // cap on `all` results; PathResult::capped says when it was hit
};

// One step of a path: the edge (index into GraphData::edges) and whether it was walked
// from subject to object (forward) or against its direction (undirected queries only).
struct Hop {
    std::uint32_t edge = 0;
    bool forward = true;
    auto operator<=>(const Hop&) const = default;
};

struct Path {
    std::vector<Vertex> vertices;  // hops.size() + 1 vertices, from first to last
    std::vector<Hop> hops;
    double confidence = 1.0;  // product of the hops' combined confidences
    double cost = 0.0;        // hops, or -log(confidence) for weighted queries

    std::size_t length() const { return hops.size(); }
};

struct PathResult {
    std::vector<Path> paths;  // best first: by cost, then confidence (higher first), then vertex ids
    bool capped = false;      // `all` stopped at max_paths
};

// Answers a path query between two vertices. k == 1 and !all: one shortest path (or none).
PathResult find_paths(const KnowledgeGraph& g, Vertex from, Vertex to, const PathQuery& query);

// A shortest path by hops from `from` to `to`, as its vertices (empty when unreachable),
// following edge direction (or both ways), without filters: a bidirectional BFS on the
// CSR arrays alone, for bulk queries; find_paths() gives hops, evidence and filters.
std::vector<Vertex> shortest_path_vertices(const KnowledgeGraph& g, Vertex from, Vertex to, bool undirected = false);

// The length of that path; nullopt when unreachable.
std::optional<int> hop_distance(const KnowledgeGraph& g, Vertex from, Vertex to, bool undirected = false);

// Allocates and touches this thread's search arrays for `g` (two records per vertex), so
// that the first queries do not pay for mapping them. Optional; queries do it lazily.
void prepare_search(const KnowledgeGraph& g);

// Number of simple directed paths of 1..max_hops hops starting at `from` that use only
// edges with predicate `predicate` (every predicate when nullopt).
std::uint64_t count_simple_paths(const KnowledgeGraph& g, Vertex from, int max_hops,
                                 std::optional<PredicateId> predicate = std::nullopt);

// The same on a one-predicate subgraph (KnowledgeGraph::predicate_subgraph), for many
// sources: no predicate test per edge.
std::uint64_t count_simple_paths(const PredicateCsr& g, Vertex from, int max_hops);

}  // namespace chipgraph::graph
