#include "chipgraph/graph/knowledge_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <tuple>
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
    // Store ids are nearly dense: a direct table when it costs at most 2 slots per entity.
    if (!vertex_index_.empty()) {
        id_base_ = vertex_index_.front().first;
        const EntityId range = vertex_index_.back().first - id_base_ + 1;
        if (range > 0 && static_cast<std::size_t>(range) <= 2 * vertex_index_.size() + 64) {
            id_table_.assign(static_cast<std::size_t>(range), kNoVertex);
            for (auto [id, v] : vertex_index_) id_table_[static_cast<std::size_t>(id - id_base_)] = v;
            vertex_index_ = {};
        }
    }

    // Predicates numbered in name order, so that sorting by number sorts by name: first
    // provisional numbers in order of appearance, then renumbered.
    edge_subject_.resize(edges.size());
    edge_object_.resize(edges.size());
    std::vector<PredicateId> edge_predicate(edges.size());
    {
        std::unordered_map<std::string_view, PredicateId> provisional;
        std::vector<std::string_view> names;
        std::string_view last;
        PredicateId last_id = 0;
        for (std::size_t i = 0; i < edges.size(); ++i) {
            const auto& e = edges[i];
            if (names.empty() || e.predicate != last) {
                auto [it, added] = provisional.emplace(e.predicate, static_cast<PredicateId>(names.size()));
                if (added) {
                    if (names.size() + 1 >= std::numeric_limits<PredicateId>::max())
                        throw std::length_error("KnowledgeGraph: too many predicates");
                    names.push_back(e.predicate);
                }
                last = e.predicate;
                last_id = it->second;
            }
            edge_predicate[i] = last_id;
            auto s = vertex_of(e.subject), o = vertex_of(e.object);
            if (!s || !o) throw std::invalid_argument("KnowledgeGraph: an edge names an entity missing from the data");
            edge_subject_[i] = *s;
            edge_object_[i] = *o;
        }
        std::vector<PredicateId> by_name(names.size());
        std::iota(by_name.begin(), by_name.end(), PredicateId{0});
        std::sort(by_name.begin(), by_name.end(), [&](auto a, auto b) { return names[a] < names[b]; });
        std::vector<PredicateId> renumber(names.size());
        for (std::size_t k = 0; k < by_name.size(); ++k) {
            renumber[by_name[k]] = static_cast<PredicateId>(k);
            predicates_.emplace_back(names[by_name[k]]);
            predicate_index_.emplace(predicates_.back(), static_cast<PredicateId>(k));
        }
        for (auto& p : edge_predicate) p = renumber[p];
    }
    // Each vertex's out-edges in (predicate, object) order: GraphData edges usually come
    // sorted that way already (aggregate_edges), and the CSR construction keeps the input
    // order within a vertex.
    std::vector<std::uint32_t> order(edges.size());
    std::iota(order.begin(), order.end(), 0u);
    auto key = [&](std::uint32_t i) { return std::make_tuple(edge_subject_[i], edge_predicate[i], edge_object_[i]); };
    bool sorted = true;
    for (std::size_t i = 1; i < order.size() && sorted; ++i) sorted = !(key(order[i]) < key(order[i - 1]));
    if (!sorted) std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    std::vector<std::pair<Vertex, Vertex>> ends(edges.size());
    std::vector<EdgeProps> props(edges.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::uint32_t i = order[k];
        ends[k] = {edge_subject_[i], edge_object_[i]};
        props[k] = EdgeProps{i, edge_predicate[i], static_cast<float>(edges[i].combined_confidence)};
    }
    order = {};
    g_ = Csr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
             static_cast<Vertex>(entities.size()));
    for (Vertex v = 0; v < entities.size(); ++v) g_[v] = VertexProps{v, entities[v].type};
    auto encode = [](std::uint32_t d) -> std::uint8_t {
        if (d < 128) return static_cast<std::uint8_t>(d);
        double steps = 8.0 * std::log2(static_cast<double>(d) / 128.0);
        return static_cast<std::uint8_t>(std::min(255.0, 128.0 + std::floor(steps)));
    };
    degree_codes_.resize(entities.size());
    for (Vertex v = 0; v < entities.size(); ++v)
        degree_codes_[v] = DegreeCodes{encode(out_degree(v, g_)), encode(in_degree(v, g_))};
}

PredicateCsr KnowledgeGraph::predicate_subgraph(PredicateId p) const {
    std::vector<std::pair<Vertex, Vertex>> arcs;
    const Vertex n = static_cast<Vertex>(vertex_count());
    for (Vertex v = 0; v < n; ++v) {
        auto [b, e] = out_edges_with(v, p);
        for (auto it = b; it != e; ++it) arcs.emplace_back(v, target(*it, g_));
    }
    return PredicateCsr(boost::edges_are_sorted, arcs.begin(), arcs.end(), n);
}

std::uint32_t KnowledgeGraph::decode_degree(std::uint8_t code) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (unsigned c = 0; c < 256; ++c)
            t[c] = c < 128 ? c : static_cast<std::uint32_t>(128.0 * std::exp2((c - 128) / 8.0));
        return t;
    }();
    return table[code];
}

std::pair<Csr::out_edge_iterator, Csr::out_edge_iterator> KnowledgeGraph::out_edges_with(Vertex v,
                                                                                           PredicateId p) const {
    auto [b, e] = out_edges(v, g_);
    auto lo = std::partition_point(b, e, [&](const Edge& x) { return g_[x].predicate < p; });
    auto hi = std::partition_point(lo, e, [&](const Edge& x) { return g_[x].predicate == p; });
    return {lo, hi};
}

std::optional<Vertex> KnowledgeGraph::vertex_of(EntityId id) const {
    if (!id_table_.empty()) {
        if (id < id_base_ || id - id_base_ >= static_cast<EntityId>(id_table_.size())) return std::nullopt;
        Vertex v = id_table_[static_cast<std::size_t>(id - id_base_)];
        if (v == kNoVertex) return std::nullopt;
        return v;
    }
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
    bytes += bytes_of(vertex_index_) + bytes_of(id_table_) + bytes_of(edge_subject_) + bytes_of(edge_object_);
    bytes += bytes_of(degree_codes_);
    return bytes;
}

}  // namespace chipgraph::graph
