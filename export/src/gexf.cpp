#include "chipgraph/exporters/gexf.hpp"

#include <algorithm>

#include "attributes.hpp"

namespace chipgraph::exporters {

namespace {

using namespace detail;

std::string_view gexf_type(AttrType t) {
    switch (t) {
        case AttrType::integer: return "integer";
        case AttrType::real: return "double";
        case AttrType::boolean: return "boolean";
        case AttrType::string: break;
    }
    return "string";
}

// GEXF attribute ids: position among the attributes that are not native to the
// element (label, weight), so 0, 1, 2, ...
template <std::size_t N>
std::array<int, N> gexf_ids(const std::array<AttrDecl, N>& attrs) {
    std::array<int, N> ids{};
    int next = 0;
    for (std::size_t i = 0; i < N; ++i) ids[i] = attrs[i].gexf_native ? -1 : next++;
    return ids;
}

template <std::size_t N>
void declare(Sink& out, std::string_view cls, const std::array<AttrDecl, N>& attrs) {
    out.raw("    <attributes class=\"").raw(cls).raw("\">\n");
    auto ids = gexf_ids(attrs);
    for (std::size_t i = 0; i < N; ++i) {
        if (ids[i] < 0) continue;
        out.raw("      <attribute id=\"").num(ids[i]).raw("\" title=\"").raw(attrs[i].name);
        out.raw("\" type=\"").raw(gexf_type(attrs[i].type)).raw("\"/>\n");
    }
    out.raw("    </attributes>\n");
}

// <attvalue for="id" value="..."/> for the non-native attributes.
template <std::size_t N>
struct AttvalueWriter {
    Sink& out;
    std::array<int, N> ids;

    bool open(std::size_t i) {
        if (ids[i] < 0) return false;
        out.raw("<attvalue for=\"").num(ids[i]).raw("\" value=\"");
        return true;
    }
    void string(std::size_t i, std::string_view s) {
        if (open(i)) out.xml(s).raw("\"/>");
    }
    void integer(std::size_t i, std::int64_t v) {
        if (open(i)) out.num(v).raw("\"/>");
    }
    void real(std::size_t i, double v) {
        if (finite(v) && open(i)) out.dbl(v).raw("\"/>");
    }
    void boolean(std::size_t i, bool v) {
        if (open(i)) out.raw(v ? "true" : "false").raw("\"/>");
    }
};

void spells(Sink& out, std::uint32_t start, std::uint32_t end) {
    if (!start && !end) return;
    out.raw("<spells><spell");
    if (start) {
        out.raw(" start=\"");
        append_date(out.buf(), start);
        out.raw("\"");
    }
    if (end) {
        out.raw(" end=\"");
        append_date(out.buf(), end);
        out.raw("\"");
    }
    out.raw("/></spells>");
}

}  // namespace

ExportStats write_gexf(const GraphData& data, std::ostream& os, const ExportOptions& options) {
    GraphView view(data);

    // Time spans: edges from their document dates, nodes from their edges.
    std::vector<std::uint32_t> node_start(data.entities.size(), 0), node_end(data.entities.size(), 0);
    bool dynamic = false;
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        if (!view.writable(i)) continue;
        std::uint32_t s = date_start(data.edges[i].first_date), e = date_end(data.edges[i].last_date);
        if (!s && !e) continue;
        dynamic = true;
        for (std::uint32_t v : {view.source(i), view.target(i)}) {
            if (s && (!node_start[v] || s < node_start[v])) node_start[v] = s;
            if (e && e > node_end[v]) node_end[v] = e;
        }
    }

    Sink out(os);
    out.raw(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        "  <meta>\n    <creator>chipgraph</creator>\n    <description>");
    out.xml(options.graph_name).raw("</description>\n  </meta>\n");
    out.raw(dynamic ? "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
                    : "  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    declare(out, "node", kNodeAttrs);
    declare(out, "edge", kEdgeAttrs);

    AttrScratch scratch;
    out.raw("    <nodes count=\"").num(static_cast<std::int64_t>(view.writable_entities())).raw("\">\n");
    AttvalueWriter<kNodeAttrs.size()> node_values{out, gexf_ids(kNodeAttrs)};
    for (std::size_t i = 0; i < data.entities.size(); ++i) {
        if (!view.writable_entity(i)) continue;
        const auto& e = data.entities[i];
        const auto& style = style_of(e.type);
        out.raw("      <node id=\"n").num(e.id).raw("\" label=\"").xml(e.name).raw("\"><attvalues>");
        visit_node_attrs(e, view.degree(i), scratch, node_values);
        out.raw("</attvalues>");
        spells(out, node_start[i], node_end[i]);
        out.raw("<viz:color r=\"").num(style.r).raw("\" g=\"").num(style.g).raw("\" b=\"").num(style.b);
        out.raw("\"/><viz:size value=\"").dbl(node_size(view.degree(i))).raw("\"/></node>\n");
        out.maybe_flush();
    }
    out.raw("    </nodes>\n    <edges count=\"").num(static_cast<std::int64_t>(view.writable_edges())).raw("\">\n");
    AttvalueWriter<kEdgeAttrs.size()> edge_values{out, gexf_ids(kEdgeAttrs)};
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        prefetch_edge(data, i + 8);
        if (!view.writable(i)) continue;
        const auto& edge = data.edges[i];
        scratch.facts.collect(data, edge);
        out.raw("      <edge id=\"e").num(static_cast<std::int64_t>(i)).raw("\" source=\"n").num(edge.subject);
        out.raw("\" target=\"n").num(edge.object).raw("\" label=\"").xml(edge.predicate);
        out.raw("\" kind=\"").xml(edge.predicate).raw("\" weight=\"").dbl(edge_weight(edge)).raw("\"><attvalues>");
        visit_edge_attrs(edge, options.evidence_bytes, scratch, edge_values);
        out.raw("</attvalues>");
        spells(out, date_start(edge.first_date), date_end(edge.last_date));
        out.raw("</edge>\n");
        out.maybe_flush();
    }
    out.raw("    </edges>\n  </graph>\n</gexf>\n");
    out.finish();
    return {view.writable_entities(), view.writable_edges(), view.writable_claims(), view.skipped_edges(), 0};
}

}  // namespace chipgraph::exporters
