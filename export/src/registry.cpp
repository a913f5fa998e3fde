#include <stdexcept>

#include "chipgraph/exporters/dot.hpp"
#include "chipgraph/exporters/exporter.hpp"
#include "chipgraph/exporters/gexf.hpp"
#include "chipgraph/exporters/graphml.hpp"
#include "chipgraph/exporters/json.hpp"
#include "chipgraph/exporters/neo4j.hpp"

namespace chipgraph::exporters {

void Registry::add(Format format) {
    std::string name = format.name;
    if (!format.write == !format.write_directory)
        throw std::invalid_argument("format " + name + " needs exactly one writer");
    if (!formats_.emplace(name, std::move(format)).second)
        throw std::invalid_argument("format " + name + " is already registered");
}

const Format* Registry::find(const std::string& name) const {
    auto it = formats_.find(name);
    return it == formats_.end() ? nullptr : &it->second;
}

std::vector<std::string> Registry::names() const {
    std::vector<std::string> out;
    for (const auto& [name, format] : formats_) out.push_back(name);
    return out;
}

void register_builtin_formats(Registry& r) {
    r.add({"graphml", ".graphml", "GraphML 1.0 (Gephi, NetworkX, igraph, Gephi Lite)", false, write_graphml, {}});
    r.add({"gexf", ".gexf", "GEXF 1.3 with colours, sizes and date spells (Gephi, Gephi Lite)", false, write_gexf,
           {}});
    r.add({"dot", ".dot", "Graphviz DOT", false, write_dot, {}});
    r.add({"svg", ".svg", "SVG image drawn by Graphviz", false,
           [](const GraphData& d, std::ostream& os, const ExportOptions& o) { return render_graphviz(d, os, "svg", o); },
           {}});
    r.add({"png", ".png", "PNG image drawn by Graphviz", true,
           [](const GraphData& d, std::ostream& os, const ExportOptions& o) { return render_graphviz(d, os, "png", o); },
           {}});
    r.add({"json", ".json", "chipgraph JSON (entities, claims, edges; the evaluation contract)", false, write_json,
           {}});
    r.add({"graphology", ".json", "graphology JSON (Gephi Lite)", false, write_graphology, {}});
    r.add({"neo4j", "", "Neo4j bulk-import directory (CSV + Cypher)", false, {}, write_neo4j});
}

const Registry& builtin_registry() {
    static const Registry registry = [] {
        Registry r;
        register_builtin_formats(r);
        return r;
    }();
    return registry;
}

}  // namespace chipgraph::exporters
