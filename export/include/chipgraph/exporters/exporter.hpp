// Graph exporters: options, results and the registry of formats.
//
// Every exporter writes an already-selected GraphData (see chipgraph/graph/selection.hpp)
// and streams its output: nothing holds the whole file in memory. Output is a pure
// function of the input graph and the options (no timestamps, no hash-map order), so
// golden files stay byte-for-byte stable.
//
// Identifiers are the same in every graph format: node `n<entity id>`, edge `e<index>`
// where index is the position of the aggregated edge in GraphData::edges. (The JSON
// contract export uses `e<entity id>` / `c<claim id>`, as ../shared/eval/README.md asks.)
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"

namespace chipgraph::exporters {

// The export cannot be done (bad option, Graphviz missing or failing, write error).
class ExportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Graphs with more nodes than this are laid out with sfdp, and their DOT drops edge
// labels (hierarchical `dot` takes minutes past a few hundred nodes: formats.md 3.3).
inline constexpr std::size_t kLargeGraphNodes = 300;

enum class EdgeLabels { automatic, always, never };

struct ExportOptions {
    // DOT: group nodes into `subgraph cluster_<n>` boxes by the place they are
    // located_in. Only "" (no clusters) and "place" are valid.
    std::string cluster_by;
    // DOT: a cluster listing the entity types present (one sample node per type).
    bool legend = true;
    // DOT: predicate labels on edges; automatic = only up to kLargeGraphNodes nodes.
    EdgeLabels edge_labels = EdgeLabels::automatic;
    // Bytes of evidence text kept per edge (cut at a UTF-8 boundary, "…" appended).
    std::size_t evidence_bytes = 300;
    // Graph name written where a format has one.
    std::string graph_name = "chipgraph";
};

// What a writer wrote. Edges or claims whose endpoint entity is not in the GraphData
// are skipped (every client rejects or invents such nodes) and counted here.
struct ExportStats {
    std::size_t nodes = 0;
    std::size_t edges = 0;   // aggregated edges, or claims for the JSON contract
    std::size_t claims = 0;  // claims behind the written edges
    std::size_t skipped = 0;
    std::size_t extra_nodes = 0;  // nodes that are not entities (the DOT legend)
};

using StreamWriter = std::function<ExportStats(const GraphData&, std::ostream&, const ExportOptions&)>;
using DirectoryWriter =
    std::function<ExportStats(const GraphData&, const std::filesystem::path&, const ExportOptions&)>;

struct Format {
    std::string name;         // "graphml", "gexf", ...
    std::string extension;    // conventional file suffix, with the dot (".graphml"); "" for directories
    std::string description;  // one line, for --help
    bool binary = false;      // output is not text (PNG): never write it to a terminal
    StreamWriter write;       // set for single-file formats
    DirectoryWriter write_directory;  // set for formats that write a directory (neo4j)

    bool writes_directory() const { return static_cast<bool>(write_directory); }
};

// Formats by name. Filled explicitly (register_builtin_formats), never by static
// initializers that a linker may drop.
class Registry {
public:
    // Adds a format; throws std::invalid_argument when the name is taken.
    void add(Format format);
    // nullptr when unknown.
    const Format* find(const std::string& name) const;
    std::vector<std::string> names() const;  // sorted

private:
    std::map<std::string, Format> formats_;
};

// graphml, gexf, dot, svg, png, json, graphology, neo4j.
void register_builtin_formats(Registry& registry);

// A registry holding the built-in formats.
const Registry& builtin_registry();

}  // namespace chipgraph::exporters
