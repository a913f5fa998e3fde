// Private plumbing shared by the writers: a chunked output buffer, an index of the
// graph (entity positions, edge endpoints, degrees), per-edge facts, the type palette,
// and date / number formatting.
#pragma once

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "chipgraph/core/model.hpp"
#include "chipgraph/exporters/escape.hpp"
#include "chipgraph/exporters/exporter.hpp"

namespace chipgraph::exporters::detail {

// Appends to a string and hands it to the stream in chunks of ~64 KiB: the writers
// format with plain appends, and the file is never held in memory. Writers call
// finish() at the end; on an exception the unwritten tail is dropped.
class Sink {
public:
    explicit Sink(std::ostream& os) : os_(os) { buf_.reserve(kChunk + 4096); }
    Sink(const Sink&) = delete;
    Sink& operator=(const Sink&) = delete;

    std::string& buf() { return buf_; }
    Sink& raw(std::string_view s) {
        buf_.append(s);
        return *this;
    }
    Sink& xml(std::string_view s) {
        append_xml_escaped(buf_, s);
        return *this;
    }
    Sink& num(std::int64_t v) {
        fmt::format_int f(v);
        buf_.append(f.data(), f.size());
        return *this;
    }
    // Shortest round-trip form; callers never pass NaN/Inf (see finite()).
    Sink& dbl(double v) {
        fmt::format_to(std::back_inserter(buf_), FMT_COMPILE("{}"), v);
        return *this;
    }
    // Call between records.
    void maybe_flush() {
        if (buf_.size() >= kChunk) flush();
    }
    void flush() {
        os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
        if (!os_) throw ExportError("write failed");
    }
    void finish() {
        flush();
        os_.flush();
        if (!os_) throw ExportError("write failed");
    }

private:
    static constexpr std::size_t kChunk = 1 << 16;
    std::ostream& os_;
    std::string buf_;
};

inline constexpr std::uint32_t kMissing = 0xffffffffu;

// Positions of entities, endpoints of edges (kMissing when an endpoint entity is not in
// the data), and degrees over the writable edges.
class GraphView {
public:
    explicit GraphView(const GraphData& data);

    const GraphData& data() const { return data_; }
    std::uint32_t index_of(EntityId id) const;
    std::uint32_t source(std::size_t edge) const { return ends_[edge].first; }
    std::uint32_t target(std::size_t edge) const { return ends_[edge].second; }
    bool writable(std::size_t edge) const { return ends_[edge].first != kMissing && ends_[edge].second != kMissing; }
    std::uint32_t degree(std::size_t entity) const { return degree_[entity]; }
    // False for the second and later entities with an already-seen id (never written).
    bool writable_entity(std::size_t entity) const { return duplicate_.empty() || !duplicate_[entity]; }
    std::size_t writable_entities() const { return data_.entities.size() - duplicates_; }
    std::size_t writable_edges() const { return writable_edges_; }
    std::size_t writable_claims() const { return writable_claims_; }
    std::size_t skipped_edges() const { return data_.edges.size() - writable_edges_; }

private:
    const GraphData& data_;
    // id -> position: a table indexed by id - min_id when ids are dense (store ids are),
    // else binary search over sorted ids.
    EntityId min_id_ = 0;
    std::vector<std::uint32_t> dense_;
    std::vector<EntityId> sorted_ids_;
    std::vector<std::uint32_t> position_;  // entity position for sorted_ids_[i]
    std::vector<bool> duplicate_;  // empty when every id is unique
    std::size_t duplicates_ = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends_;
    std::vector<std::uint32_t> degree_;
    std::size_t writable_edges_ = 0, writable_claims_ = 0;
};

// Claim statuses as a bit set (1 << ClaimStatus).
using StatusMask = unsigned;

// What an aggregated edge says, gathered from its claims. Reused across edges.
struct EdgeFacts {
    std::string_view evidence;             // first claim's sentence (not shortened)
    std::vector<std::string_view> sources;  // distinct documents, sorted
    StatusMask statuses = 0;

    void collect(const GraphData& data, const EdgeRecord& edge);
};

// Asks the cache for the claim records of edge `e` (called a few edges ahead of the
// writer: an edge's claims are scattered over GraphData::claims, and the misses dominate).
inline void prefetch_edge(const GraphData& data, std::size_t e) {
    if (e >= data.edges.size()) return;
    const auto& claims = data.edges[e].claims;
    for (std::size_t k = 0; k < claims.size() && k < 4; ++k) {
        const char* p = reinterpret_cast<const char*>(&data.claims[claims[k]]);
        __builtin_prefetch(p);
        __builtin_prefetch(p + 64);
        __builtin_prefetch(p + 128);
    }
}

// Appends "asserted | alleged" (enum order).
void append_statuses(std::string& out, StatusMask mask);
// No asserted claim, and some alleged or predicted one.
bool only_hedged(StatusMask mask);
// Every claim denied.
bool only_denied(StatusMask mask);

// Edge weight: the combined confidence, floored at kMinWeight so that every weight is
// positive (GEXF: "zero should be avoided"; Gephi layouts ignore zero-weight edges).
inline constexpr double kMinWeight = 0.001;
double edge_weight(const EdgeRecord& edge);
inline bool finite(double v) { return std::isfinite(v); }

// Display of an entity type, one colour for every format.
struct TypeStyle {
    std::string_view type;
    std::uint8_t r, g, b;
    std::string_view hex;        // "#4e79a7"
    std::string_view dot_shape;  // Graphviz node shape
};
const TypeStyle& style_of(EntityType type);
const std::array<TypeStyle, 8>& type_styles();

// Node size for the renderers that draw it (GEXF viz:size, graphology size):
// 10 + 4*sqrt(degree), one decimal.
double node_size(std::uint32_t degree);

// Dates. Document dates are "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a partial date stands
// for the whole month or year. Returned as YYYYMMDD integers, 0 when not a valid date.
std::uint32_t date_start(std::string_view date);
std::uint32_t date_end(std::string_view date);
// YYYYMMDD -> "YYYY-MM-DD" (xsd:date).
void append_date(std::string& out, std::uint32_t yyyymmdd);

}  // namespace chipgraph::exporters::detail
