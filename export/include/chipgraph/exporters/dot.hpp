// Graphviz DOT: a `digraph`, rankdir=LR, every id quoted, shapes and fill colours by
// entity type, predicate labels on edges (dashed when an edge is only alleged or
// predicted, dotted when only denied), a legend cluster of the types present, and
// optionally one `cluster_<n>` box per place (ExportOptions::cluster_by = "place").
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "chipgraph/exporters/exporter.hpp"

namespace chipgraph::exporters {

ExportStats write_dot(const GraphData& data, std::ostream& out, const ExportOptions& options = {});

// Renders the graph with Graphviz into `out`: the DOT is piped into `dot -K<engine>
// -T<image_format>` (engine `dot`, or `sfdp` beyond kLargeGraphNodes nodes) and the
// image read back. Throws ExportError("Graphviz is not installed: sudo apt-get install
// graphviz") when `dot` is not on PATH, or with Graphviz's exit status when it fails
// (its diagnostics go to stderr).
ExportStats render_graphviz(const GraphData& data, std::ostream& out, std::string_view image_format,
                            const ExportOptions& options = {});

// Full path of `program` on PATH, or "" when absent.
std::string find_on_path(std::string_view program);

}  // namespace chipgraph::exporters
