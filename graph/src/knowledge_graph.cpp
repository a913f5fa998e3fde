#include "chipgraph/graph/knowledge_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <tuple>
#include <stdexcept>
#include <utility>

#include "chipgraph/core/memory.hpp"

namespace chipgraph::graph {

KnowledgeGraph::KnowledgeGraph(std::shared_ptr<const GraphData> data) : data_(std::move(data)) {
    if (!data_) throw std::invalid_argument("KnowledgeGraph: no graph data");
    build();
}

KnowledgeGraph::KnowledgeGraph(GraphData data) : KnowledgeGraph(std::make_shared<const GraphData>(std::move(data))) {}

namespace {

// Predicate names -> provisional numbers in order of appearance. Edges share their
// predicate's buffer (SharedText) and a graph has a handful of predicates, so a lookup is
// usually a pointer comparison with the last one, then a short scan.
class PredicateInterner {
public:
    std::uint32_t operator()(const SharedText& name) {
        if (!names_.empty() && (names_[last_].shares_with(name) || names_[last_] == name)) return last_;
        for (std::uint32_t k = 0; k < names_.size(); ++k)
            if (names_[k].shares_with(name)) return last_ = k;
        if (map_.empty() && names_.size() >= 32)
            for (std::uint32_t k = 0; k < names_.size(); ++k) map_.emplace(names_[k].view(), k);
        if (!map_.empty()) {
            auto [it, added] = map_.emplace(name.view(), static_cast<std::uint32_t>(names_.size()));
            if (added) names_.push_back(name);
            return last_ = it->second;
        }
        for (std::uint32_t k = 0; k < names_.size(); ++k)
            if (names_[k] == name) return last_ = k;
        names_.push_back(name);
        return last_ = static_cast<std::uint32_t>(names_.size() - 1);
    }
    const std::vector<SharedText>& names() const { return names_; }

private:
    std::vector<SharedText> names_;
    std::unordered_map<std::string_view, std::uint32_t> map_;  // once there are many
    std::uint32_t last_ = 0;
};

std::uint8_t degree_code(std::uint32_t d) {
    if (d < 128) return static_cast<std::uint8_t>(d);
    double steps = 8.0 * std::log2(static_cast<double>(d) / 128.0);
    return static_cast<std::uint8_t>(std::min(255.0, 128.0 + std::floor(steps)));
}

}  // namespace

void KnowledgeGraph::build() {
    const auto& entities = data_->entities;
    const auto& edges = data_->edges;
    if (entities.size() >= kNoVertex || edges.size() >= std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("KnowledgeGraph: more than 2^32 entities or edges");
    index_entities();
    const std::vector<PredicateId> edge_predicate = number_predicates();
    resize_populated(edge_subject_, edges.size());
    resize_populated(edge_object_, edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        auto s = vertex_of(edges[i].subject), o = vertex_of(edges[i].object);
        if (!s || !o) throw std::invalid_argument("KnowledgeGraph: an edge names an entity missing from the data");
        edge_subject_[i] = *s;
        edge_object_[i] = *o;
    }
    fill_csr(edge_predicate);
    degree_codes_.resize(entities.size());
    for (Vertex v = 0; v < entities.size(); ++v) {
        g_[v] = VertexProps{v, entities[v].type};
        degree_codes_[v] = DegreeCodes{degree_code(out_degree(v, g_)), degree_code(in_degree(v, g_))};
    }
}

void KnowledgeGraph::index_entities() {
    const auto& entities = data_->entities;
    vertex_index_.reserve(entities.size());
    for (std::size_t i = 0; i < entities.size(); ++i) vertex_index_.emplace_back(entities[i].id, static_cast<Vertex>(i));
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
}

std::vector<PredicateId> KnowledgeGraph::number_predicates() {
    // Provisional numbers in order of appearance, then renumbered in name order, so that
    // sorting by number sorts by name.
    const auto& edges = data_->edges;
    std::vector<PredicateId> numbers;
    resize_populated(numbers, edges.size());
    PredicateInterner intern;
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const std::uint32_t k = intern(edges[i].predicate);
        if (k + 1 >= std::numeric_limits<PredicateId>::max())
            throw std::length_error("KnowledgeGraph: too many predicates");
        numbers[i] = static_cast<PredicateId>(k);
    }
    const auto& names = intern.names();
    std::vector<PredicateId> by_name(names.size());
    std::iota(by_name.begin(), by_name.end(), PredicateId{0});
    std::sort(by_name.begin(), by_name.end(), [&](auto a, auto b) { return names[a] < names[b]; });
    std::vector<PredicateId> renumber(names.size());
    for (std::size_t k = 0; k < by_name.size(); ++k) {
        renumber[by_name[k]] = static_cast<PredicateId>(k);
        predicates_.emplace_back(names[by_name[k]].str());
        predicate_index_.emplace(predicates_.back(), static_cast<PredicateId>(k));
    }
    for (auto& p : numbers) p = renumber[p];
    return numbers;
}

void KnowledgeGraph::fill_csr(const std::vector<PredicateId>& edge_predicate) {
    // Each vertex's out-edges in (predicate, object) order: GraphData edges usually come
    // sorted that way already (aggregate_edges); else a stable sort of their indices.
    const auto& edges = data_->edges;
    const std::size_t m = edges.size();
    const auto n = static_cast<Vertex>(data_->entities.size());
    auto key = [&](std::uint32_t i) { return std::make_tuple(edge_subject_[i], edge_predicate[i], edge_object_[i]); };
    std::vector<std::uint32_t> order;
    for (std::size_t i = 1; i < m && order.empty(); ++i) {
        if (key(static_cast<std::uint32_t>(i)) < key(static_cast<std::uint32_t>(i - 1))) {
            order.resize(m);
            std::iota(order.begin(), order.end(), 0u);
            std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
        }
    }
    auto edge_at = [&](std::size_t k) { return order.empty() ? static_cast<std::uint32_t>(k) : order[k]; };
    // Filled in place rather than through Boost's constructor, which counting-sorts edges
    // that are already sorted and builds the reverse side through generic iterators. The
    // layout is Boost's: row starts, then columns and bundles in row order; the reverse
    // side lists each vertex's in-edges in forward edge order, with the forward index.
    g_ = Csr(n);
    auto& fwd = g_.m_forward;
    auto& bwd = g_.m_backward;
    resize_populated(fwd.m_column, m);
    resize_populated(fwd.m_edge_properties, m);
    std::vector<std::uint32_t> in_count(static_cast<std::size_t>(n) + 1, 0);
    for (std::size_t k = 0; k < m; ++k) {
        const std::uint32_t i = edge_at(k);
        ++fwd.m_rowstart[edge_subject_[i] + 1];
        ++in_count[edge_object_[i] + 1];
        fwd.m_column[k] = edge_object_[i];
        fwd.m_edge_properties[k] = EdgeProps{i, edge_predicate[i], static_cast<float>(edges[i].combined_confidence)};
    }
    std::partial_sum(fwd.m_rowstart.begin(), fwd.m_rowstart.end(), fwd.m_rowstart.begin());
    std::partial_sum(in_count.begin(), in_count.end(), in_count.begin());
    bwd.m_rowstart = in_count;
    resize_populated(bwd.m_column, m);
    resize_populated(bwd.m_edge_properties, m);
    for (Vertex v = 0; v < n; ++v) {
        for (std::uint32_t k = fwd.m_rowstart[v]; k < fwd.m_rowstart[v + 1]; ++k) {
            const std::uint32_t slot = in_count[fwd.m_column[k]]++;
            bwd.m_column[slot] = v;
            bwd.m_edge_properties[slot] = k;
        }
    }
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
