// JSON exports (strict RFC 8259, streamed with RapidJSON's Writer).
#pragma once

#include <iosfwd>

#include "chipgraph/exporters/exporter.hpp"

namespace chipgraph::exporters {

// The chipgraph JSON contract read by ../shared/eval/score.py:
//   {"entities": [{"id": "e12", "name", "type", "aliases": [...], "documents": [...],
//                  "unnamed", "mentions"}],
//    "claims": [{"id": "c7", "subject": "e12", "predicate", "object": "e40", "document",
//                "date", "confidence", "status", "rule", "attribution", "qualifiers": {...},
//                "source_group", "evidence": {"sentence", "start", "end"}}],
//    "edges": [{"subject", "predicate", "object", "claims": ["c7", ...], "documents",
//               "independent_sources", "confidence", "combined_confidence", "first_date",
//               "last_date"}]}
// "documents" hold the document sources as stored. Qualifiers with a repeated key are
// joined with " | " (JSON objects must not repeat keys).
ExportStats write_json(const GraphData& data, std::ostream& out, const ExportOptions& options = {});

// graphology's serialization format, what Gephi Lite opens from a .json file:
//   {"attributes": {"name"}, "options": {"type": "directed", "multi": true,
//    "allowSelfLoops": true}, "nodes": [{"key": "n12", "attributes": {...}}],
//    "edges": [{"key": "e0", "source": "n12", "target": "n40", "attributes": {...}}]}
// Node attributes: those of the GraphML export plus color, size and x, y (a
// deterministic sunflower layout to start from). Edge attributes: those of the GraphML
// export plus size.
ExportStats write_graphology(const GraphData& data, std::ostream& out, const ExportOptions& options = {});

}  // namespace chipgraph::exporters
