// GEXF 1.3 (http://gexf.net/1.3, viz prefix `viz:`), directed.
//
// Same nodes, edges and attributes as the GraphML export, declared in <attributes>
// with numeric ids (id = position, title = name). Nodes get viz:color by entity type
// and viz:size by degree; edges get kind = predicate (source-target-kind is unique
// because edges are aggregated), label, weight (> 0). When some edge has a document
// date the graph is mode="dynamic" timeformat="date": an edge spans its first to last
// document date, a node the dates of its edges (<spells>), so Gephi's timeline works;
// elements without dates get no spell (always present).
#pragma once

#include <iosfwd>

#include "chipgraph/exporters/exporter.hpp"

namespace chipgraph::exporters {

ExportStats write_gexf(const GraphData& data, std::ostream& out, const ExportOptions& options = {});

}  // namespace chipgraph::exporters
