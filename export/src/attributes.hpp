// The node and edge attributes every graph format carries (GraphML keys, GEXF
// <attributes>, graphology attributes), in one place so that the formats agree.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "support.hpp"

namespace chipgraph::exporters::detail {

enum class AttrType { string, integer, real, boolean };

struct AttrDecl {
    std::string_view name;
    AttrType type;
    bool gexf_native;  // carried by the GEXF element itself (label, weight), not an attvalue
};

inline constexpr std::array<AttrDecl, 8> kNodeAttrs = {{
    {"label", AttrType::string, true},
    {"type", AttrType::string, false},
    {"aliases", AttrType::string, false},
    {"unnamed", AttrType::boolean, false},
    {"mentions", AttrType::integer, false},
    {"documents", AttrType::integer, false},
    {"document_list", AttrType::string, false},
    {"degree", AttrType::integer, false},
}};

inline constexpr std::array<AttrDecl, 13> kEdgeAttrs = {{
    {"label", AttrType::string, true},
    {"predicate", AttrType::string, false},
    {"claims", AttrType::integer, false},
    {"documents", AttrType::integer, false},
    {"independent_sources", AttrType::integer, false},
    {"confidence", AttrType::real, false},
    {"combined_confidence", AttrType::real, false},
    {"first_date", AttrType::string, false},
    {"last_date", AttrType::string, false},
    {"evidence", AttrType::string, false},
    {"sources", AttrType::string, false},
    {"statuses", AttrType::string, false},
    {"weight", AttrType::real, true},
}};

// Reusable buffers for joined and shortened values (raw text, escaped by the visitor).
struct AttrScratch {
    std::string a, b, c;
    EdgeFacts facts;
};

inline void join_raw(std::string& out, const auto& items) {
    out.clear();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out.append(" | ");
        out.append(items[i]);
    }
}

// Calls v.string(i, sv) / v.integer(i, n) / v.real(i, d) / v.boolean(i, b) for each
// attribute of kNodeAttrs, in order. Non-finite reals are passed on: visitors omit them.
template <class Visitor>
void visit_node_attrs(const EntityRecord& e, std::uint32_t degree, AttrScratch& s, Visitor&& v) {
    v.string(0, e.name);
    v.string(1, to_string(e.type));
    join_raw(s.a, e.aliases);
    v.string(2, s.a);
    v.boolean(3, e.unnamed);
    v.integer(4, e.mention_count);
    v.integer(5, static_cast<std::int64_t>(e.documents.size()));
    join_raw(s.b, e.documents);
    v.string(6, s.b);
    v.integer(7, degree);
}

// Same for kEdgeAttrs; s.facts must hold the facts of `edge`.
template <class Visitor>
void visit_edge_attrs(const EdgeRecord& edge, std::size_t evidence_bytes, AttrScratch& s, Visitor&& v) {
    v.string(0, edge.predicate);
    v.string(1, edge.predicate);
    v.integer(2, static_cast<std::int64_t>(edge.claims.size()));
    v.integer(3, edge.document_count);
    v.integer(4, edge.independent_sources);
    v.real(5, edge.best_confidence);
    v.real(6, edge.combined_confidence);
    v.string(7, edge.first_date);
    v.string(8, edge.last_date);
    s.a.clear();
    append_truncated_utf8(s.a, s.facts.evidence, evidence_bytes);
    v.string(9, s.a);
    join_raw(s.b, s.facts.sources);
    v.string(10, s.b);
    s.c.clear();
    append_statuses(s.c, s.facts.statuses);
    v.string(11, s.c);
    v.real(12, edge_weight(edge));
}

}  // namespace chipgraph::exporters::detail
