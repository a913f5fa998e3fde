// The knowledge graph as a compact read-only Boost.Graph: a bidirectional compressed
// sparse row graph whose vertices are the entities and whose edges are the aggregated
// (subject, predicate, object) edges of a GraphData.
//
// Vertex v is GraphData::entities[v]; each edge carries the index of its EdgeRecord in
// GraphData::edges, its interned predicate and its combined confidence. The reverse
// (in-edge) CSR gives backward and undirected traversal without a second copy of the
// edge properties.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include "chipgraph/core/model.hpp"
#include "chipgraph/graph/filter.hpp"

namespace chipgraph::graph {

using PredicateId = std::uint16_t;

struct VertexProps {
    std::uint32_t entity = 0;  // index into GraphData::entities (equal to the vertex number)
    EntityType type = EntityType::organization;
};

struct EdgeProps {
    std::uint32_t edge = 0;  // index into GraphData::edges
    PredicateId predicate = 0;
    float confidence = 0.0f;  // the edge's combined confidence
};

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, VertexProps, EdgeProps, boost::no_property,
                                               std::uint32_t, std::uint32_t>;
using Vertex = boost::graph_traits<Csr>::vertex_descriptor;
using Edge = boost::graph_traits<Csr>::edge_descriptor;

inline constexpr Vertex kNoVertex = static_cast<Vertex>(-1);

// The edges of one predicate alone, as a plain directed CSR over the same vertices (for
// repeated traversals of one predicate, such as path counting along `supplies`).
using PredicateCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                        boost::no_property, std::uint32_t, std::uint32_t>;

class KnowledgeGraph {
public:
    // Builds the graph over `data`, which the graph keeps alive.
    explicit KnowledgeGraph(std::shared_ptr<const GraphData> data);
    explicit KnowledgeGraph(GraphData data);

    const GraphData& data() const { return *data_; }
    std::shared_ptr<const GraphData> shared_data() const { return data_; }
    const Csr& csr() const { return g_; }

    std::size_t vertex_count() const { return num_vertices(g_); }
    std::size_t edge_count() const { return num_edges(g_); }

    // Vertex of an entity id (after merges), if the data holds it.
    std::optional<Vertex> vertex_of(EntityId id) const;
    const EntityRecord& entity(Vertex v) const { return data_->entities[v]; }
    const EdgeRecord& edge_record(Edge e) const { return data_->edges[g_[e].edge]; }
    const EdgeRecord& edge_record(std::uint32_t edge) const { return data_->edges[edge]; }
    Vertex subject_vertex(std::uint32_t edge) const { return edge_subject_[edge]; }
    Vertex object_vertex(std::uint32_t edge) const { return edge_object_[edge]; }

    // Out-edges of `v` with predicate `p`. Each vertex's out-edges are ordered by predicate
    // (then object), so this is a binary search rather than a scan.
    std::pair<Csr::out_edge_iterator, Csr::out_edge_iterator> out_edges_with(Vertex v, PredicateId p) const;

    // The subgraph of one predicate's edges (all vertices kept).
    PredicateCsr predicate_subgraph(PredicateId p) const;

    // Interned predicates: "supplies" <-> small integer, numbered in name order.
    std::optional<PredicateId> predicate_id(std::string_view name) const;
    const std::string& predicate_name(PredicateId id) const { return predicates_[id]; }
    std::size_t predicate_count() const { return predicates_.size(); }

    // One flag per edge (indexed by EdgeProps::edge): does the edge pass the claim part of
    // `filter`? Empty when the filter does not restrict claims (every edge passes).
    std::vector<bool> edge_mask(const Filter& filter) const;

    // Approximate out- and in-degree of v in one byte each (exact below 128, then in steps
    // of 2^(1/8)), packed so that search heuristics read both with one small access.
    struct DegreeCodes {
        std::uint8_t out, in;
    };
    DegreeCodes degree_codes(Vertex v) const { return degree_codes_[v]; }
    static std::uint32_t decode_degree(std::uint8_t code);

    // Bytes held by the graph structure (both CSR directions, edge and vertex properties,
    // the id index and the per-edge endpoint arrays), not counting the GraphData.
    std::size_t structure_bytes() const;

private:
    void build();
    void index_entities();
    std::vector<PredicateId> number_predicates();
    void fill_csr(const std::vector<PredicateId>& edge_predicate);

    std::shared_ptr<const GraphData> data_;
    Csr g_;
    std::vector<std::string> predicates_;
    std::unordered_map<std::string, PredicateId> predicate_index_;
    std::vector<std::pair<EntityId, Vertex>> vertex_index_;  // sorted by id (when ids are sparse)
    std::vector<Vertex> id_table_;                            // id - id_base_ -> vertex (when dense)
    EntityId id_base_ = 0;
    std::vector<Vertex> edge_subject_, edge_object_;  // by GraphData edge index
    std::vector<DegreeCodes> degree_codes_;
};

}  // namespace chipgraph::graph
