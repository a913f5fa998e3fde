#include "chipgraph/graph/knowledge_graph.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace chipgraph::graph {

KnowledgeGraph::KnowledgeGraph(std::shared_ptr<const GraphData> data) : data_(std::move(data)) {
    if (!data_) throw std::invalid_argument("KnowledgeGraph: no graph data");
    build();
}

KnowledgeGraph::KnowledgeGraph(GraphData data) : KnowledgeGraph(std::make_shared<const GraphData>(std::move(data))) {}

void KnowledgeGraph::build() {
    const auto& entities = data_->entities;
    const auto& edges = data_->edges;
    if (entities.size() >= kNoVertex || edges.size() >= std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("KnowledgeGraph: more than 2^32 entities or edges");

    vertex_index_.reserve(entities.size());
    for (std::size_t i = 0; i < entities.size(); ++i)
        vertex_index_.emplace_back(entities[i].id, static_cast<Vertex>(i));
    if (!std::is_sorted(vertex_index_.begin(), vertex_index_.end()))
        std::sort(vertex_index_.begin(), vertex_index_.end());

    edge_subject_.resize(edges.size());
    edge_object_.resize(edges.size());
    std::vector<std::pair<Vertex, Vertex>> ends(edges.size());
    std::vector<EdgeProps> props(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const auto& e = edges[i];
        auto s = vertex_of(e.subject), o = vertex_of(e.object);
        if (!s || !o) throw std::invalid_argument("KnowledgeGraph: an edge names an entity missing from the data");
        auto [it, added] = predicate_index_.emplace(e.predicate, static_cast<PredicateId>(predicates_.size()));
        if (added) {
            if (predicates_.size() >= std::numeric_limits<PredicateId>::max())
                throw std::length_error("KnowledgeGraph: too many predicates");
            predicates_.push_back(e.predicate);
        }
        edge_subject_[i] = *s;
        edge_object_[i] = *o;
        ends[i] = {*s, *o};
        props[i] = EdgeProps{static_cast<std::uint32_t>(i), it->second, static_cast<float>(e.combined_confidence)};
    }
    // The edges of a GraphData are sorted by subject id, which is usually the vertex
    // order too; the unsorted constructor does not rely on it.
    g_ = Csr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
             static_cast<Vertex>(entities.size()));
    for (Vertex v = 0; v < entities.size(); ++v) g_[v] = VertexProps{v, entities[v].type};
}

std::optional<Vertex> KnowledgeGraph::vertex_of(EntityId id) const {
    auto it = std::lower_bound(vertex_index_.begin(), vertex_index_.end(), std::make_pair(id, Vertex{0}));
    if (it == vertex_index_.end() || it->first != id) return std::nullopt;
    return it->second;
}

std::optional<PredicateId> KnowledgeGraph::predicate_id(std::string_view name) const {
    auto it = predicate_index_.find(std::string(name));
    if (it == predicate_index_.end()) return std::nullopt;
    return it->second;
}

std::vector<bool> KnowledgeGraph::edge_mask(const Filter& filter) const {
    std::vector<bool> mask;
    if (!filter.restricts_claims()) return mask;
    const auto& edges = data_->edges;
    mask.assign(edges.size(), false);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        for (auto ci : edges[i].claims) {
            if (claim_passes(data_->claims[ci], filter)) {
                mask[i] = true;
                break;
            }
        }
    }
    return mask;
}

std::size_t KnowledgeGraph::structure_bytes() const {
    auto bytes_of = [](const auto& vec) { return vec.capacity() * sizeof(vec[0]); };
    const std::size_t e = num_edges(g_);
    std::size_t bytes = 0;
    bytes += bytes_of(g_.m_forward.m_rowstart) + bytes_of(g_.m_forward.m_column);
    bytes += e * sizeof(EdgeProps);  // forward edge bundles
    bytes += bytes_of(g_.m_backward.m_rowstart) + bytes_of(g_.m_backward.m_column);
    bytes += e * sizeof(std::uint32_t);  // backward -> forward edge index
    bytes += bytes_of(g_.m_vertex_properties);
    bytes += bytes_of(vertex_index_) + bytes_of(edge_subject_) + bytes_of(edge_object_);
    return bytes;
}

}  // namespace chipgraph::graph
