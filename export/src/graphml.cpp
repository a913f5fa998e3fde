#include "chipgraph/exporters/graphml.hpp"

#include "attributes.hpp"

namespace chipgraph::exporters {

namespace {

using namespace detail;

std::string_view graphml_type(AttrType t) {
    switch (t) {
        case AttrType::integer: return "int";
        case AttrType::real: return "double";
        case AttrType::boolean: return "boolean";
        case AttrType::string: break;
    }
    return "string";
}

// <data key="d<offset + i>">value</data>; node keys are d0.., edge keys follow them.
struct DataWriter {
    Sink& out;
    std::size_t offset;

    void open(std::size_t i) {
        out.raw("<data key=\"d").num(static_cast<std::int64_t>(offset + i)).raw("\">");
    }
    void string(std::size_t i, std::string_view s) {
        open(i);
        out.xml(s).raw("</data>");
    }
    void integer(std::size_t i, std::int64_t v) {
        open(i);
        out.num(v).raw("</data>");
    }
    void real(std::size_t i, double v) {
        if (!finite(v)) return;
        open(i);
        out.dbl(v).raw("</data>");
    }
    void boolean(std::size_t i, bool v) {
        open(i);
        out.raw(v ? "true" : "false").raw("</data>");
    }
};

void declare_keys(Sink& out, std::string_view domain, const auto& attrs, std::size_t offset) {
    for (std::size_t i = 0; i < attrs.size(); ++i) {
        out.raw("  <key id=\"d").num(static_cast<std::int64_t>(offset + i)).raw("\" for=\"").raw(domain);
        out.raw("\" attr.name=\"").raw(attrs[i].name).raw("\" attr.type=\"").raw(graphml_type(attrs[i].type));
        out.raw("\"/>\n");
    }
}

}  // namespace

ExportStats write_graphml(const GraphData& data, std::ostream& os, const ExportOptions& options) {
    GraphView view(data);
    Sink out(os);
    out.raw(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    declare_keys(out, "node", kNodeAttrs, 0);
    declare_keys(out, "edge", kEdgeAttrs, kNodeAttrs.size());
    out.raw("  <graph id=\"G\" edgedefault=\"directed\">\n");

    AttrScratch scratch;
    DataWriter node_data{out, 0};
    for (std::size_t i = 0; i < data.entities.size(); ++i) {
        if (!view.writable_entity(i)) continue;
        const auto& e = data.entities[i];
        out.raw("    <node id=\"n").num(e.id).raw("\">");
        visit_node_attrs(e, view.degree(i), scratch, node_data);
        out.raw("</node>\n");
        out.maybe_flush();
    }
    DataWriter edge_data{out, kNodeAttrs.size()};
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        prefetch_edge(data, i + 8);
        if (!view.writable(i)) continue;
        const auto& edge = data.edges[i];
        scratch.facts.collect(data, edge);
        out.raw("    <edge id=\"e").num(static_cast<std::int64_t>(i)).raw("\" source=\"n").num(edge.subject);
        out.raw("\" target=\"n").num(edge.object).raw("\">");
        visit_edge_attrs(edge, options.evidence_bytes, scratch, edge_data);
        out.raw("</edge>\n");
        out.maybe_flush();
    }
    out.raw("  </graph>\n</graphml>\n");
    out.finish();
    return {view.writable_entities(), view.writable_edges(), view.writable_claims(), view.skipped_edges(), 0};
}

}  // namespace chipgraph::exporters
