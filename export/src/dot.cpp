#include "chipgraph/exporters/dot.hpp"

#include <algorithm>
#include <array>

#include "support.hpp"

namespace chipgraph::exporters {

namespace {

using namespace detail;

struct DotSink {
    Sink& out;
    DotSink& raw(std::string_view s) {
        out.raw(s);
        return *this;
    }
    // A quoted DOT string (label-safe escaping).
    DotSink& quoted(std::string_view s) {
        out.raw("\"");
        append_dot_escaped(out.buf(), s);
        out.raw("\"");
        return *this;
    }
    DotSink& node_id(EntityId id) {
        out.raw("\"n").num(id).raw("\"");
        return *this;
    }
};

// Fill colours are the palette at ~60 % opacity so that black labels stay readable.
void type_attrs(DotSink& d, const TypeStyle& style) {
    d.raw("shape=").raw(style.dot_shape).raw(", fillcolor=\"").raw(style.hex).raw("99\"");
}

void write_node(DotSink& d, const EntityRecord& e, std::string& scratch, std::string_view indent) {
    d.raw(indent).node_id(e.id).raw(" [label=").quoted(e.name).raw(", ");
    type_attrs(d, style_of(e.type));
    scratch.assign(to_string(e.type));
    if (e.unnamed) scratch.append(", unnamed");
    if (!e.aliases.empty()) {
        scratch.append("; also: ");
        for (std::size_t i = 0; i < e.aliases.size(); ++i) {
            if (i) scratch.append(" | ");
            scratch.append(e.aliases[i]);
        }
    }
    d.raw(", tooltip=").quoted(utf8_prefix(scratch, 1000)).raw("];\n");
}

// Place clusters: each entity goes to the place it is located_in (the most confident
// located_in edge to a place); a place that is located nowhere heads its own cluster.
// Returns the cluster heads in entity order and each entity's head (kMissing: none).
std::vector<std::uint32_t> place_clusters(const GraphView& view, std::vector<std::uint32_t>& head_of) {
    const auto& data = view.data();
    head_of.assign(data.entities.size(), kMissing);
    std::vector<double> best(data.entities.size(), -1.0);
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        const auto& edge = data.edges[i];
        if (!view.writable(i) || edge.predicate != "located_in") continue;
        std::uint32_t s = view.source(i), t = view.target(i);
        if (s == t || data.entities[t].type != EntityType::place) continue;
        if (edge.combined_confidence > best[s]) {
            best[s] = edge.combined_confidence;
            head_of[s] = t;
        }
    }
    std::vector<bool> is_head(data.entities.size(), false);
    for (std::uint32_t h : head_of)
        if (h != kMissing) is_head[h] = true;
    std::vector<std::uint32_t> heads;
    for (std::uint32_t i = 0; i < is_head.size(); ++i) {
        if (!is_head[i]) continue;
        heads.push_back(i);
        if (head_of[i] == kMissing) head_of[i] = i;
    }
    return heads;
}

}  // namespace

ExportStats write_dot(const GraphData& data, std::ostream& os, const ExportOptions& options) {
    if (!options.cluster_by.empty() && options.cluster_by != "place")
        throw ExportError("unknown --cluster-by value '" + options.cluster_by + "' (expected: place)");
    GraphView view(data);
    const bool large = view.writable_entities() > kLargeGraphNodes;
    const bool edge_labels = options.edge_labels == EdgeLabels::always ||
                             (options.edge_labels == EdgeLabels::automatic && !large);
    Sink out(os);
    DotSink d{out};

    d.raw("// chipgraph export: render with `dot -Tsvg FILE -o out.svg`");
    d.raw(large ? " (large graph: use `sfdp` instead of `dot`)\n" : "\n");
    d.raw("digraph ").quoted(options.graph_name).raw(" {\n");
    d.raw("  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Helvetica\", fontsize=12");
    if (large) d.raw(", overlap=prism, outputorder=edgesfirst");
    d.raw("];\n");
    d.raw("  node [style=\"filled\", fontname=\"Helvetica\", fontsize=10];\n");
    d.raw("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\", arrowsize=0.7];\n");

    ExportStats stats{view.writable_entities(), view.writable_edges(), view.writable_claims(), view.skipped_edges(), 0};
    if (options.legend) {
        std::array<bool, 8> present{};
        for (std::size_t i = 0; i < data.entities.size(); ++i)
            if (view.writable_entity(i)) present[static_cast<std::size_t>(data.entities[i].type) % 8] = true;
        if (std::find(present.begin(), present.end(), true) != present.end()) {
            d.raw("  subgraph cluster_legend {\n");
            d.raw("    label=\"entity types\"; style=\"rounded,dashed\"; color=\"#999999\"; fontsize=10;\n");
            for (std::size_t t = 0; t < present.size(); ++t) {
                if (!present[t]) continue;
                const auto& style = type_styles()[t];
                d.raw("    \"legend_").raw(style.type).raw("\" [label=\"").raw(style.type).raw("\", ");
                type_attrs(d, style);
                d.raw("];\n");
                ++stats.extra_nodes;
            }
            d.raw("  }\n");
        }
    }

    std::string scratch;
    std::vector<std::uint32_t> head_of;
    if (options.cluster_by == "place") {
        auto heads = place_clusters(view, head_of);
        std::vector<std::vector<std::uint32_t>> members(data.entities.size());
        for (std::uint32_t i = 0; i < head_of.size(); ++i)
            if (head_of[i] != kMissing && view.writable_entity(i)) members[head_of[i]].push_back(i);
        for (std::size_t c = 0; c < heads.size(); ++c) {
            d.raw("  subgraph cluster_").raw(std::to_string(c)).raw(" {\n    label=").quoted(data.entities[heads[c]].name);
            d.raw("; style=\"rounded\"; color=\"#b79a20\"; fontsize=11;\n");
            for (std::uint32_t m : members[heads[c]]) write_node(d, data.entities[m], scratch, "    ");
            d.raw("  }\n");
            out.maybe_flush();
        }
    }
    for (std::size_t i = 0; i < data.entities.size(); ++i) {
        if (!view.writable_entity(i) || (!head_of.empty() && head_of[i] != kMissing)) continue;
        write_node(d, data.entities[i], scratch, "  ");
        out.maybe_flush();
    }

    EdgeFacts facts;
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        prefetch_edge(data, i + 8);
        if (!view.writable(i)) continue;
        const auto& edge = data.edges[i];
        facts.collect(data, edge);
        d.raw("  ").node_id(edge.subject).raw(" -> ").node_id(edge.object).raw(" [");
        if (edge_labels) d.raw("label=").quoted(edge.predicate).raw(", ");
        scratch.assign(edge.predicate);
        if (!facts.evidence.empty()) {
            scratch.append(": ");
            append_truncated_utf8(scratch, facts.evidence, options.evidence_bytes);
        }
        d.raw("tooltip=").quoted(scratch);
        double w = edge_weight(edge);
        out.raw(", penwidth=").dbl(std::round((0.5 + 2.0 * w) * 10.0) / 10.0);
        if (only_denied(facts.statuses))
            d.raw(", style=dotted");
        else if (only_hedged(facts.statuses))
            d.raw(", style=dashed");
        d.raw("];\n");
        out.maybe_flush();
    }
    d.raw("}\n");
    out.finish();
    return stats;
}

}  // namespace chipgraph::exporters
