// Whole-graph measures: weakly connected components and betweenness centrality.
#pragma once

#include <cstdint>
#include <vector>

#include "chipgraph/graph/knowledge_graph.hpp"

namespace chipgraph::graph {

struct ComponentStats {
    std::size_t count = 0;          // weakly connected components (isolated entities included)
    std::size_t largest = 0;        // entities in the largest one
    std::size_t isolated = 0;       // entities without any edge
    std::vector<std::uint32_t> of;  // component number of each vertex (0 = the largest)
};

ComponentStats weak_components(const KnowledgeGraph& g);

struct BetweennessOptions {
    // Exact (every vertex a source, boost::brandes_betweenness_centrality) up to this many
    // vertices and while vertices x edges stays under exact_work (about 20 s: exact
    // betweenness costs one breadth-first search per vertex); above, Brandes from `samples`
    // random sources, scaled by n / samples.
    std::size_t exact_limit = 200'000;
    double exact_work = 1e10;
    std::size_t samples = 64;
    std::uint64_t seed = 1;
    // Explicit sources (overrides the sampling; the benchmark uses this so every tool
    // sees the same sources). Scores are then scaled by n / sources.size().
    std::vector<Vertex> sources;
};

struct Betweenness {
    // Directed betweenness on the simple graph (parallel edges of different predicates
    // between the same two entities count once), unnormalized: for each vertex, the sum
    // over ordered pairs (s, t) of the share of shortest s -> t paths through it.
    std::vector<double> score;
    bool sampled = false;
    std::size_t sources = 0;  // number of sources used
};

Betweenness betweenness(const KnowledgeGraph& g, const BetweennessOptions& options = {});

// Brandes from the given sources only, no scaling (the sum of their dependencies), on the
// simple directed graph. Exposed for the benchmark and for tests.
std::vector<double> source_dependencies(const KnowledgeGraph& g, const std::vector<Vertex>& sources);

// The `limit` highest-scoring vertices, best first (ties by vertex number).
std::vector<std::pair<Vertex, double>> top_vertices(const std::vector<double>& score, std::size_t limit);

}  // namespace chipgraph::graph
