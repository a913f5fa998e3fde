// `chipgraph export`: write the graph (or a selected part of it) as GraphML, GEXF,
// DOT / SVG / PNG, JSON, graphology JSON or Neo4j import files.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "app.hpp"
#include "chipgraph/exporters/exporter.hpp"
#include "chipgraph/graph/selection.hpp"

namespace chipgraph::cli {

namespace {

namespace fs = std::filesystem;

struct ExportCliOptions {
    std::string format;
    std::string output;
    std::vector<std::string> types;
    std::vector<std::string> predicates;
    double min_confidence = 0.0;
    std::string since, until;
    bool include_denied = false;
    std::string around;
    int depth = 1;
    std::vector<std::string> path;
    std::string cluster_by;
    bool no_legend = false;
    std::string edge_labels = "auto";
};

// The format named by --format, or guessed from the output file's suffix.
const exporters::Format& pick_format(const ExportCliOptions& o) {
    static const std::map<std::string, std::string> by_suffix = {
        {".graphml", "graphml"}, {".xml", "graphml"}, {".gexf", "gexf"}, {".dot", "dot"}, {".gv", "dot"},
        {".svg", "svg"},         {".png", "png"},     {".json", "json"}};
    const auto& registry = exporters::builtin_registry();
    std::string name = o.format;
    if (name.empty()) {
        std::string ext = fs::path(o.output).extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        auto it = by_suffix.find(ext);
        if (it == by_suffix.end())
            throw UsageError(fmt::format("--format is required (one of: {})", fmt::join(registry.names(), ", ")));
        name = it->second;
    }
    const auto* f = registry.find(name);
    if (!f) throw UsageError(fmt::format("unknown format '{}' (one of: {})", name, fmt::join(registry.names(), ", ")));
    return *f;
}

bool is_date(const std::string& s) {
    auto digits = [&](std::size_t from, std::size_t n) {
        return s.size() >= from + n &&
               std::all_of(s.begin() + static_cast<long>(from), s.begin() + static_cast<long>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (s.size() == 4) return digits(0, 4);
    if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
    if (s.size() == 10) return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
    return false;
}

// Drops entities that no claim touches (after a claim filter they are noise).
void drop_isolated(GraphData& data) {
    std::vector<EntityId> used;
    used.reserve(data.claims.size() * 2);
    for (const auto& c : data.claims) {
        used.push_back(c.subject);
        used.push_back(c.object);
    }
    std::sort(used.begin(), used.end());
    std::erase_if(data.entities,
                  [&](const EntityRecord& e) { return !std::binary_search(used.begin(), used.end(), e.id); });
}

struct Selection {
    GraphData data;
    std::string note;  // a "not found" message for stderr, when the selection came up empty
};

Selection select(const Store& store, const ExportCliOptions& o) {
    ClaimFilter claim_filter;
    claim_filter.predicates = o.predicates;
    claim_filter.min_confidence = o.min_confidence;
    claim_filter.since = o.since;
    claim_filter.until = o.until;
    claim_filter.include_denied = o.include_denied;
    graph::Filter type_filter;
    for (const auto& t : o.types) {
        auto type = parse_entity_type(t);
        if (!type)
            throw UsageError(fmt::format("unknown entity type '{}' (one of: {})", t, fmt::join(kEntityTypeNames, ", ")));
        type_filter.types.push_back(*type);
    }
    // Resolve names before the (possibly long) load, so that typos fail fast.
    std::optional<EntityId> center, from, to;
    if (!o.around.empty()) center = resolve_entity(store, o.around);
    if (o.path.size() == 2) {
        from = resolve_entity(store, o.path[0]);
        to = resolve_entity(store, o.path[1]);
    }

    Selection sel;
    sel.data = store.load_graph(claim_filter);  // claim filters applied here
    bool claim_filtered = !o.predicates.empty() || o.min_confidence > 0.0 || !o.since.empty() || !o.until.empty();
    try {
        if (center) {
            sel.data = graph::select_around(sel.data, *center, o.depth, type_filter);
        } else if (from) {
            graph::PathQuery query;
            query.filter = type_filter;
            sel.data = graph::select_path(sel.data, *from, *to, query);
            if (sel.data.claims.empty() && *from != *to)
                sel.note = fmt::format("no path from \"{}\" to \"{}\" (exported the two entities only)", o.path[0],
                                       o.path[1]);
        } else {
            if (!type_filter.types.empty()) sel.data = graph::select(sel.data, type_filter);
            if (claim_filtered) drop_isolated(sel.data);
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return sel;
}

// Writes through a temporary file renamed into place, so that a failed export never
// leaves a truncated file behind.
exporters::ExportStats write_file(const exporters::Format& format, const GraphData& data, const std::string& path,
                                  const exporters::ExportOptions& options) {
    fs::path target(path);
    fs::path tmp = target;
    tmp += fmt::format(".tmp{}", ::getpid());
    exporters::ExportStats stats;
    try {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw exporters::ExportError("cannot write " + path);
        stats = format.write(data, out, options);
        out.close();
        if (!out) throw exporters::ExportError("cannot write " + path);
        fs::rename(tmp, target);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
    return stats;
}

int run_export(const GlobalOptions& opts, const ExportCliOptions& o) {
    const auto& format = pick_format(o);
    if (!o.cluster_by.empty() && format.name != "dot" && format.name != "svg" && format.name != "png")
        throw UsageError("--cluster-by applies to the dot, svg and png formats only");
    if (!o.since.empty() && !is_date(o.since)) throw UsageError("--since expects YYYY, YYYY-MM or YYYY-MM-DD");
    if (!o.until.empty() && !is_date(o.until)) throw UsageError("--until expects YYYY, YYYY-MM or YYYY-MM-DD");
    bool to_stdout = o.output.empty() || o.output == "-";
    if (format.writes_directory() && to_stdout)
        throw UsageError(fmt::format("the {} format writes a directory: give it with -o DIR", format.name));
    if (format.binary && to_stdout && ::isatty(STDOUT_FILENO))
        throw UsageError(fmt::format("not writing {} to a terminal: give a file with -o FILE", format.name));

    exporters::ExportOptions options;
    options.cluster_by = o.cluster_by;
    options.legend = !o.no_legend;
    options.edge_labels = o.edge_labels == "always"  ? exporters::EdgeLabels::always
                          : o.edge_labels == "never" ? exporters::EdgeLabels::never
                                                     : exporters::EdgeLabels::automatic;

    Store store(opts.db);
    auto sel = select(store, o);

    exporters::ExportStats stats;
    try {
        if (format.writes_directory()) {
            stats = format.write_directory(sel.data, o.output, options);
        } else if (to_stdout) {
            std::ios::sync_with_stdio(false);
            stats = format.write(sel.data, std::cout, options);
        } else {
            stats = write_file(format, sel.data, o.output, options);
        }
    } catch (const exporters::ExportError& e) {
        std::cerr << "chipgraph: " << e.what() << "\n";
        return kExitFatal;
    }
    if (stats.skipped)
        std::cerr << fmt::format("warning: skipped {} edges or claims whose entity is missing\n", stats.skipped);
    if (!sel.note.empty()) std::cerr << "chipgraph: " << sel.note << "\n";
    if (!to_stdout)
        std::cout << fmt::format("exported {} entities, {} edges ({} claims) as {} to {}\n", stats.nodes, stats.edges,
                                 stats.claims, format.name, o.output);
    return sel.note.empty() ? kExitOk : kExitPartial;
}

}  // namespace

void register_export_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {
    auto o = std::make_shared<ExportCliOptions>();
    const auto& registry = exporters::builtin_registry();
    std::string formats;
    for (const auto& name : registry.names())
        formats += fmt::format("\n  {:<11} {}", name, registry.find(name)->description);

    auto* cmd = app.add_subcommand("export", "Write the graph, or part of it, for Gephi, Graphviz, NetworkX, Neo4j...");
    cmd->add_option("-f,--format", o->format, "Output format (default: from the -o suffix)")
        ->check(CLI::IsMember(registry.names()));
    cmd->add_option("-o,--output", o->output, "Output file, '-' for stdout (default), or directory (neo4j)");
    cmd->add_option("--types", o->types, "Keep only these entity types (comma-separated)")->delimiter(',');
    cmd->add_option("--predicates", o->predicates, "Keep only claims with these predicates (comma-separated)")
        ->delimiter(',');
    cmd->add_option("--min-confidence", o->min_confidence, "Keep only claims with at least this confidence")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--since", o->since, "Keep only claims from documents dated on or after (YYYY[-MM[-DD]])");
    cmd->add_option("--until", o->until, "Keep only claims from documents dated on or before (YYYY[-MM[-DD]])");
    cmd->add_flag("--include-denied", o->include_denied,
                  "Also export claims the text denies (statuses lists them; dotted edges in dot/svg/png)");
    auto* around = cmd->add_option("--around", o->around, "Export the neighbourhood of this entity");
    cmd->add_option("--depth", o->depth, "Hops around --around (default 1)")->check(CLI::Range(0, 20))->needs(around);
    cmd->add_option("--path", o->path, "Export the shortest directed path FROM TO")
        ->expected(2)
        ->excludes(around);
    cmd->add_option("--cluster-by", o->cluster_by, "dot/svg/png: group nodes in boxes by the place they are located in")
        ->check(CLI::IsMember({"place"}));
    cmd->add_flag("--no-legend", o->no_legend, "dot/svg/png: no legend of entity types");
    cmd->add_option("--edge-labels", o->edge_labels,
                    fmt::format("dot/svg/png: predicate labels on edges: auto (up to {} nodes), always, never",
                                exporters::kLargeGraphNodes))
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->footer(
        "Formats:" + formats +
        "\n\nClaim filters (--predicates, --min-confidence, --since, --until) drop the entities left without "
        "claims, except with --around/--path. The DOT legend adds one node per entity type present "
        "(--no-legend to omit it).\n"
        "Exit status: 0 written, 1 written but --path found no path, 2 error (nothing written).");
    cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_export(opts, *o); }; });
}

}  // namespace chipgraph::cli
