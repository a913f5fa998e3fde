// Neo4j bulk-import files in a directory:
//   nodes.csv          entityId:ID,name,type,:LABEL,aliases:string[],unnamed:boolean,mentions:int
//   relationships.csv  :START_ID,:END_ID,:TYPE,claims:int,confidence:double,evidence,sources:string[]
//   import.cypher      the same import with LOAD CSV (small graphs)
//   README.md          the neo4j-admin command
// CSV is RFC 4180 (string fields always quoted, quotes doubled); evidence may contain
// newlines inside quotes, so neo4j-admin needs --multiline-fields=true. Arrays use the
// delimiter `;` (a `;` inside an alias or source becomes `,`). :LABEL is
// `Entity;<Type>`; :TYPE is the predicate upper-cased (LOCATED_IN), characters other
// than A-Z 0-9 _ replaced by `_`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "chipgraph/exporters/exporter.hpp"

namespace chipgraph::exporters {

// Creates `dir` when needed and (over)writes the four files in it.
ExportStats write_neo4j(const GraphData& data, const std::filesystem::path& dir, const ExportOptions& options = {});

// The relationship type for a predicate: "located_in" -> "LOCATED_IN".
std::string neo4j_relationship_type(std::string_view predicate);

}  // namespace chipgraph::exporters
