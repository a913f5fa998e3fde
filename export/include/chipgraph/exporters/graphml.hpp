// GraphML 1.0 (directed): one <edge> per aggregated (subject, predicate, object) edge.
//
// Nodes `n<entity id>` carry label, type, aliases (" | "-joined), unnamed, mentions,
// documents (count), document_list (" | "-joined sources), degree. Edges `e<index>`
// carry label (= predicate), predicate, claims, documents, independent_sources,
// confidence (best), combined_confidence, first_date, last_date, evidence (first
// evidence sentence, shortened), sources, statuses and weight (= combined confidence,
// floored at kMinWeight). Every element gets every attribute of its domain; keys are
// typed, declared once per domain (never for="all"), with no <default>.
#pragma once

#include <iosfwd>

#include "chipgraph/exporters/exporter.hpp"

namespace chipgraph::exporters {

ExportStats write_graphml(const GraphData& data, std::ostream& out, const ExportOptions& options = {});

}  // namespace chipgraph::exporters
