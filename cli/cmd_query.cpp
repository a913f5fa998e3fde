// Query commands: entities, claims, stats, path, chains, neighbors, show.
//
// Each command reads the store, builds what it needs (the knowledge graph for graph
// queries) and prints either a human-readable report or, with --json, one JSON document.
// Exit status: 0 found something, 1 nothing matched (no path, no claim...), 2 bad usage.
#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <unordered_map>

#include "app.hpp"
#include "chipgraph/graph/analysis.hpp"
#include "chipgraph/graph/chains.hpp"
#include "chipgraph/graph/knowledge_graph.hpp"
#include "chipgraph/graph/neighbors.hpp"
#include "chipgraph/graph/paths.hpp"

namespace chipgraph::cli {

namespace {

namespace g = chipgraph::graph;
using Json = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// ---- Options shared by the graph queries ----

struct FilterOptions {
    std::vector<std::string> predicates;
    double min_confidence = 0.0;
    std::string since, until;
    std::vector<std::string> types;
};

void add_filter_options(CLI::App* cmd, FilterOptions& f, const char* types_help) {
    cmd->add_option("--predicates", f.predicates, "Only claims with these predicates (comma-separated)")
        ->delimiter(',');
    cmd->add_option("--min-confidence", f.min_confidence, "Only claims with at least this confidence")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--since", f.since, "Only claims from documents dated on or after (YYYY[-MM[-DD]])");
    cmd->add_option("--until", f.until, "Only claims from documents dated on or before (YYYY[-MM[-DD]])");
    if (types_help) cmd->add_option("--types", f.types, types_help)->delimiter(',');
}

void check_date(const std::string& option, const std::string& value) {
    static const std::regex iso(R"(\d{4}(-\d{2}(-\d{2})?)?)");
    if (!value.empty() && !std::regex_match(value, iso))
        throw UsageError(fmt::format("{} {}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD", option, value));
}

EntityType parse_type(const std::string& name) {
    if (auto t = parse_entity_type(name)) return *t;
    throw UsageError(fmt::format("unknown entity type \"{}\" (one of: {})", name, fmt::join(kEntityTypeNames, ", ")));
}

ClaimFilter claim_filter(const FilterOptions& f) {
    check_date("--since", f.since);
    check_date("--until", f.until);
    ClaimFilter cf;
    cf.predicates = f.predicates;
    cf.min_confidence = f.min_confidence;
    cf.since = f.since;
    cf.until = f.until;
    return cf;
}

g::Filter type_filter(const FilterOptions& f) {
    g::Filter gf;
    for (const auto& t : f.types) gf.types.push_back(parse_type(t));
    return gf;
}

// Opens an existing store (queries never create one).
std::unique_ptr<Store> open_store(const GlobalOptions& opts) {
    if (!std::filesystem::exists(opts.db))
        throw UsageError(fmt::format("{}: no such database (create it with `chipgraph ingest`)", opts.db));
    return std::make_unique<Store>(opts.db);
}

// ---- Text output ----

std::string plural(long n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "a/b/file.txt" -> "file.txt" (JSON output keeps the full source).
std::string short_source(const std::string& source) {
    auto slash = source.find_last_of('/');
    return slash == std::string::npos ? source : source.substr(slash + 1);
}

// Evidence sentences on one line.
std::string one_line(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::string edge_stats(const EdgeRecord& e) {
    return fmt::format("[{:.2f}, {}, {}]", e.combined_confidence, plural(e.document_count, "doc", "docs"),
                       plural(e.independent_sources, "source", "sources"));
}

// Claims of an edge, most confident first.
std::vector<const ClaimRecord*> edge_claims(const GraphData& data, const EdgeRecord& e) {
    std::vector<const ClaimRecord*> out;
    for (auto ci : e.claims) out.push_back(&data.claims[ci]);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->confidence > b->confidence; });
    return out;
}

void print_evidence(const GraphData& data, const EdgeRecord& e, std::size_t limit, const char* indent = "    ") {
    auto claims = edge_claims(data, e);
    std::size_t shown = 0;
    for (auto* c : claims) {
        if (shown == limit) break;
        std::cout << fmt::format("{}\"{}\" ({})\n", indent, one_line(c->sentence), short_source(c->document));
        ++shown;
    }
    if (claims.size() > shown && limit > 0)
        std::cout << fmt::format("{}(+{} more {})\n", indent, claims.size() - shown,
                                 claims.size() - shown == 1 ? "claim" : "claims");
}

// "  A --pred [0.80, 2 docs, 1 source]--> B", or "  B <--pred [...]-- A" when walked backward.
void print_hop(const g::KnowledgeGraph& kg, const g::Hop& hop, std::size_t evidence) {
    const auto& e = kg.edge_record(hop.edge);
    const auto& s = kg.entity(kg.subject_vertex(hop.edge));
    const auto& o = kg.entity(kg.object_vertex(hop.edge));
    if (hop.forward)
        std::cout << fmt::format("  {} --{} {}--> {}\n", s.name, e.predicate, edge_stats(e), o.name);
    else
        std::cout << fmt::format("  {} <--{} {}-- {}\n", o.name, e.predicate, edge_stats(e), s.name);
    print_evidence(kg.data(), e, evidence);
}

std::string entity_label(const EntityRecord& e) { return fmt::format("{} ({}, #{})", e.name, to_string(e.type), e.id); }

// ---- JSON output ----

void jstr(Json& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void jkey(Json& w, std::string_view s) { w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_entity_ref(Json& w, const EntityRecord& e) {
    w.StartObject();
    jkey(w, "id");
    w.Int64(e.id);
    jkey(w, "name");
    jstr(w, e.name);
    jkey(w, "type");
    jstr(w, to_string(e.type));
    w.EndObject();
}

void write_entity(Json& w, const EntityRecord& e) {
    w.StartObject();
    jkey(w, "id");
    w.Int64(e.id);
    jkey(w, "name");
    jstr(w, e.name);
    jkey(w, "type");
    jstr(w, to_string(e.type));
    jkey(w, "unnamed");
    w.Bool(e.unnamed);
    jkey(w, "aliases");
    w.StartArray();
    for (const auto& a : e.aliases) jstr(w, a);
    w.EndArray();
    jkey(w, "documents");
    w.StartArray();
    for (const auto& d : e.documents) jstr(w, d);
    w.EndArray();
    jkey(w, "mentions");
    w.Int(e.mention_count);
    w.EndObject();
}

void write_claim(Json& w, const ClaimRecord& c) {
    w.StartObject();
    jkey(w, "id");
    w.Int64(c.id);
    jkey(w, "subject");
    w.Int64(c.subject);
    jkey(w, "predicate");
    jstr(w, c.predicate);
    jkey(w, "object");
    w.Int64(c.object);
    jkey(w, "document");
    jstr(w, c.document);
    jkey(w, "date");
    jstr(w, c.document_date);
    jkey(w, "sentence");
    jstr(w, c.sentence);
    jkey(w, "start");
    w.Uint64(c.start);
    jkey(w, "end");
    w.Uint64(c.end);
    jkey(w, "confidence");
    w.Double(c.confidence);
    jkey(w, "status");
    jstr(w, to_string(c.status));
    jkey(w, "rule");
    jstr(w, c.rule);
    jkey(w, "attribution");
    jstr(w, c.attribution);
    jkey(w, "source_group");
    w.Int64(c.source_group);
    jkey(w, "qualifiers");
    w.StartArray();
    for (const auto& q : c.qualifiers) {
        w.StartObject();
        jkey(w, "key");
        jstr(w, q.key);
        jkey(w, "value");
        jstr(w, q.value);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void write_edge(Json& w, const GraphData& data, const EntityRecord& s, const EntityRecord& o, const EdgeRecord& e) {
    w.StartObject();
    jkey(w, "subject");
    write_entity_ref(w, s);
    jkey(w, "predicate");
    jstr(w, e.predicate);
    jkey(w, "object");
    write_entity_ref(w, o);
    jkey(w, "confidence");
    w.Double(e.combined_confidence);
    jkey(w, "best_confidence");
    w.Double(e.best_confidence);
    jkey(w, "documents");
    w.Int(e.document_count);
    jkey(w, "independent_sources");
    w.Int(e.independent_sources);
    jkey(w, "first_date");
    jstr(w, e.first_date);
    jkey(w, "last_date");
    jstr(w, e.last_date);
    jkey(w, "claims");
    w.StartArray();
    for (auto* c : edge_claims(data, e)) write_claim(w, *c);
    w.EndArray();
    w.EndObject();
}

void write_path(Json& w, const g::KnowledgeGraph& kg, const g::Path& p) {
    w.StartObject();
    jkey(w, "length");
    w.Uint64(p.length());
    jkey(w, "confidence");
    w.Double(p.confidence);
    jkey(w, "cost");
    w.Double(p.cost);
    jkey(w, "entities");
    w.StartArray();
    for (auto v : p.vertices) write_entity_ref(w, kg.entity(v));
    w.EndArray();
    jkey(w, "hops");
    w.StartArray();
    for (const auto& h : p.hops) {
        w.StartObject();
        jkey(w, "direction");
        jstr(w, h.forward ? "forward" : "backward");
        jkey(w, "edge");
        write_edge(w, kg.data(), kg.entity(kg.subject_vertex(h.edge)), kg.entity(kg.object_vertex(h.edge)),
                   kg.edge_record(h.edge));
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void emit(const rapidjson::StringBuffer& buf) { std::cout << buf.GetString() << "\n"; }

// ---- The graph, loaded once per command ----

struct Loaded {
    std::unique_ptr<Store> store;
    std::unique_ptr<g::KnowledgeGraph> graph;

    g::Vertex vertex(const std::string& name) const {
        EntityId id = resolve_entity(*store, name);
        auto v = graph->vertex_of(id);
        if (!v) throw UsageError(fmt::format("entity #{} is not in the graph", id));
        return *v;
    }
};

Loaded load(const GlobalOptions& opts, const ClaimFilter& filter = {}) {
    Loaded l;
    l.store = open_store(opts);
    l.graph = std::make_unique<g::KnowledgeGraph>(l.store->load_graph(filter));
    return l;
}

// ---- entities ----

struct EntitiesOptions {
    std::string type;
};

int run_entities(const GlobalOptions& opts, const EntitiesOptions& o) {
    std::optional<EntityType> type;
    if (!o.type.empty()) type = parse_type(o.type);
    auto store = open_store(opts);
    auto list = store->entities(type);
    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        jkey(w, "entities");
        w.StartArray();
        for (const auto& e : list) write_entity(w, e);
        w.EndArray();
        w.EndObject();
        emit(buf);
    } else {
        for (const auto& e : list) {
            std::string extra = plural(static_cast<long>(e.documents.size()), "doc", "docs");
            if (e.unnamed) extra += ", unnamed";
            if (!e.aliases.empty()) extra += fmt::format("; also: {}", fmt::join(e.aliases, ", "));
            std::cout << fmt::format("{:>7}  {:<12}  {}  ({})\n", fmt::format("#{}", e.id), to_string(e.type), e.name,
                                     extra);
        }
        std::cout << plural(static_cast<long>(list.size()), "entity", "entities") << "\n";
    }
    return list.empty() ? kExitPartial : kExitOk;
}

// ---- claims ----

struct ClaimsOptions {
    std::string entity;
    FilterOptions filter;
    bool explain = false;
};

int run_claims(const GlobalOptions& opts, const ClaimsOptions& o) {
    auto store = open_store(opts);
    ClaimFilter cf = claim_filter(o.filter);
    if (!o.entity.empty()) cf.entity = resolve_entity(*store, o.entity);
    GraphData data = store->load_graph(cf);
    std::unordered_map<EntityId, std::size_t> index;
    for (std::size_t i = 0; i < data.entities.size(); ++i) index.emplace(data.entities[i].id, i);
    auto name = [&](EntityId id) -> const EntityRecord& { return data.entities.at(index.at(id)); };
    // The edge of each claim, for --explain.
    std::vector<const EdgeRecord*> edge_of(data.claims.size(), nullptr);
    for (const auto& e : data.edges)
        for (auto ci : e.claims) edge_of[ci] = &e;

    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        jkey(w, "claims");
        w.StartArray();
        for (const auto& c : data.claims) write_claim(w, c);
        w.EndArray();
        jkey(w, "entities");
        w.StartArray();
        std::vector<EntityId> seen;
        for (const auto& c : data.claims) seen.insert(seen.end(), {c.subject, c.object});
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        for (auto id : seen) write_entity_ref(w, name(id));
        w.EndArray();
        w.EndObject();
        emit(buf);
        return data.claims.empty() ? kExitPartial : kExitOk;
    }
    for (std::size_t i = 0; i < data.claims.size(); ++i) {
        const auto& c = data.claims[i];
        std::cout << fmt::format("#{}  {} --{}--> {}  {:.2f} {}  ({})\n", c.id, name(c.subject).name, c.predicate,
                                 name(c.object).name, c.confidence, to_string(c.status), short_source(c.document));
        if (!o.explain) continue;
        std::cout << fmt::format("    \"{}\"\n", one_line(c.sentence));
        std::cout << fmt::format("    document {}{}, evidence bytes {}-{}, rule {}\n", c.document,
                                 c.document_date.empty() ? "" : " (" + c.document_date + ")", c.start, c.end, c.rule);
        if (!c.attribution.empty()) std::cout << fmt::format("    attributed to {}\n", c.attribution);
        for (const auto& q : c.qualifiers) std::cout << fmt::format("    {}: {}\n", q.key, q.value);
        if (const auto* e = edge_of[i])
            std::cout << fmt::format("    edge: {}, {}, {}; combined confidence {:.2f}\n",
                                     plural(static_cast<long>(e->claims.size()), "claim", "claims"),
                                     plural(e->document_count, "document", "documents"),
                                     plural(e->independent_sources, "independent source", "independent sources"),
                                     e->combined_confidence);
    }
    std::cout << plural(static_cast<long>(data.claims.size()), "claim", "claims") << "\n";
    return data.claims.empty() ? kExitPartial : kExitOk;
}

// ---- stats ----

struct StatsOptions {
    std::size_t top = 10;
    std::size_t samples = 64;
    bool exact = false;
};

int run_stats(const GlobalOptions& opts, const StatsOptions& o) {
    auto l = load(opts);
    const auto& kg = *l.graph;
    StoreStats st = l.store->stats();
    auto comps = g::weak_components(kg);
    g::BetweennessOptions bo;
    bo.samples = o.samples;
    if (o.exact) {
        bo.exact_limit = std::numeric_limits<std::size_t>::max();
        bo.exact_work = std::numeric_limits<double>::infinity();
    }
    auto bc = g::betweenness(kg, bo);
    std::vector<std::pair<g::Vertex, double>> top;
    for (auto& [v, score] : g::top_vertices(bc.score, o.top))
        if (score > 0) top.emplace_back(v, score);

    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        for (auto [k, v] : {std::pair<const char*, long>{"documents", st.documents}, {"entities", st.entities},
                            {"aliases", st.aliases}, {"mentions", st.mentions}, {"claims", st.claims},
                            {"qualifiers", st.qualifiers}}) {
            jkey(w, k);
            w.Int64(v);
        }
        jkey(w, "edges");
        w.Uint64(kg.edge_count());
        for (auto [key, list] : {std::pair{"entities_by_type", &st.entities_by_type},
                                 std::pair{"claims_by_predicate", &st.claims_by_predicate}}) {
            jkey(w, key);
            w.StartObject();
            for (const auto& [k, n] : *list) {
                jkey(w, k);
                w.Int64(n);
            }
            w.EndObject();
        }
        jkey(w, "components");
        w.StartObject();
        jkey(w, "count");
        w.Uint64(comps.count);
        jkey(w, "largest");
        w.Uint64(comps.largest);
        jkey(w, "isolated");
        w.Uint64(comps.isolated);
        w.EndObject();
        jkey(w, "betweenness");
        w.StartObject();
        jkey(w, "sampled");
        w.Bool(bc.sampled);
        jkey(w, "sources");
        w.Uint64(bc.sources);
        jkey(w, "top");
        w.StartArray();
        for (auto& [v, score] : top) {
            w.StartObject();
            jkey(w, "entity");
            write_entity_ref(w, kg.entity(v));
            jkey(w, "score");
            w.Double(score);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        w.EndObject();
        emit(buf);
        return kExitOk;
    }
    std::cout << fmt::format("{}, {}, {}, {} ({} edges), {}, {}\n", plural(st.documents, "document", "documents"),
                             plural(st.entities, "entity", "entities"), plural(st.aliases, "alias", "aliases"),
                             plural(st.claims, "claim", "claims"), kg.edge_count(),
                             plural(st.mentions, "mention", "mentions"),
                             plural(st.qualifiers, "qualifier", "qualifiers"));
    std::cout << "entities by type:\n";
    for (const auto& [k, n] : st.entities_by_type) std::cout << fmt::format("  {:<18} {:>8}\n", k, n);
    std::cout << "claims by predicate:\n";
    for (const auto& [k, n] : st.claims_by_predicate) std::cout << fmt::format("  {:<18} {:>8}\n", k, n);
    std::cout << fmt::format("weakly connected components: {} (largest: {}, {} isolated)\n", comps.count,
                             plural(static_cast<long>(comps.largest), "entity", "entities"), comps.isolated);
    if (bc.sampled)
        std::cout << fmt::format(
            "top intermediaries (betweenness, estimated from {} random sources of {}; --exact to compute it all):\n",
            bc.sources, kg.vertex_count());
    else
        std::cout << "top intermediaries (betweenness, exact):\n";
    if (top.empty()) std::cout << "  (none: no entity lies between two others)\n";
    for (std::size_t i = 0; i < top.size(); ++i)
        std::cout << fmt::format("  {:>2}. {:<48} {:>12.1f}\n", i + 1, entity_label(kg.entity(top[i].first)),
                                 top[i].second);
    return kExitOk;
}

// ---- path ----

struct PathOptions {
    std::string from, to;
    FilterOptions filter;
    int k = 1;
    bool all = false, weighted = false, undirected = false;
    int max_hops = 6;
    std::size_t max_paths = 1000;
    std::size_t evidence = 2;
};

int run_path(const GlobalOptions& opts, const PathOptions& o) {
    if (o.all && (o.k != 1 || o.weighted))
        throw UsageError("--all lists every simple path by length; it does not combine with --k or --weighted");
    auto l = load(opts, claim_filter(o.filter));
    const auto& kg = *l.graph;
    g::Vertex from = l.vertex(o.from), to = l.vertex(o.to);
    if (from == to) throw UsageError(fmt::format("\"{}\" and \"{}\" are the same entity", o.from, o.to));
    g::PathQuery q;
    q.filter = type_filter(o.filter);
    q.k = o.k;
    q.all = o.all;
    q.weighted = o.weighted;
    q.undirected = o.undirected;
    q.max_hops = o.max_hops;
    q.max_paths = o.max_paths;
    auto r = g::find_paths(kg, from, to, q);
    const std::string mode =
        fmt::format("{}, {}", o.undirected ? "undirected" : "directed",
                    o.all ? fmt::format("every simple path of at most {} hops", o.max_hops)
                          : (o.weighted ? "most confident" : "fewest hops"));
    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        jkey(w, "from");
        write_entity_ref(w, kg.entity(from));
        jkey(w, "to");
        write_entity_ref(w, kg.entity(to));
        jkey(w, "undirected");
        w.Bool(o.undirected);
        jkey(w, "weighted");
        w.Bool(o.weighted);
        jkey(w, "paths");
        w.StartArray();
        for (const auto& p : r.paths) write_path(w, kg, p);
        w.EndArray();
        jkey(w, "capped");
        w.Bool(r.capped);
        w.EndObject();
        emit(buf);
        return r.paths.empty() ? kExitPartial : kExitOk;
    }
    if (r.paths.empty()) {
        std::cout << fmt::format("no path from {} to {} ({}{})\n", kg.entity(from).name, kg.entity(to).name, mode,
                                 o.undirected ? "" : "; try --undirected");
        return kExitPartial;
    }
    std::cout << fmt::format("{} from {} to {} ({}):\n", plural(static_cast<long>(r.paths.size()), "path", "paths"),
                             entity_label(kg.entity(from)), entity_label(kg.entity(to)), mode);
    for (std::size_t i = 0; i < r.paths.size(); ++i) {
        const auto& p = r.paths[i];
        std::cout << fmt::format("\npath {}: {}, confidence {:.3f}\n", i + 1,
                                 plural(static_cast<long>(p.length()), "hop", "hops"), p.confidence);
        for (const auto& h : p.hops) print_hop(kg, h, o.evidence);
    }
    if (r.capped)
        std::cout << fmt::format("\n(stopped at {} paths: raise --max-paths or lower --max-hops to see the rest)\n",
                                 r.paths.size());
    return kExitOk;
}

// ---- chains ----

struct ChainsOptions {
    std::string from, to;
    FilterOptions filter;
    int max_hops = 6;
    std::size_t limit = 20;
    std::size_t evidence = 1;
};

int run_chains(const GlobalOptions& opts, const ChainsOptions& o) {
    if (o.from.empty() && o.to.empty()) throw UsageError("chains: give --to ENTITY, --from ENTITY or both");
    auto l = load(opts, claim_filter(o.filter));
    const auto& kg = *l.graph;
    g::ChainQuery q;
    if (!o.from.empty()) q.from = l.vertex(o.from);
    if (!o.to.empty()) q.to = l.vertex(o.to);
    q.max_hops = o.max_hops;
    q.max_chains = o.limit;
    q.filter = type_filter(o.filter);
    auto r = g::find_chains(kg, q);
    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        if (q.from) {
            jkey(w, "from");
            write_entity_ref(w, kg.entity(*q.from));
        }
        if (q.to) {
            jkey(w, "to");
            write_entity_ref(w, kg.entity(*q.to));
        }
        jkey(w, "chains");
        w.StartArray();
        for (const auto& p : r.chains) write_path(w, kg, p);
        w.EndArray();
        jkey(w, "capped");
        w.Bool(r.capped);
        w.EndObject();
        emit(buf);
        return r.chains.empty() ? kExitPartial : kExitOk;
    }
    std::string where;
    if (q.from) where += " from " + kg.entity(*q.from).name;
    if (q.to) where += " to " + kg.entity(*q.to).name;
    if (r.chains.empty()) {
        std::cout << fmt::format("no supply chain{} within {} hops\n", where, o.max_hops);
        return kExitPartial;
    }
    std::cout << fmt::format("{}{} (longest first):\n",
                             plural(static_cast<long>(r.chains.size()), "supply chain", "supply chains"), where);
    for (std::size_t i = 0; i < r.chains.size(); ++i) {
        const auto& p = r.chains[i];
        std::string names;
        for (auto v : p.vertices) names += (names.empty() ? "" : " > ") + kg.entity(v).name;
        std::cout << fmt::format("\nchain {}: {}, confidence {:.3f}\n  {}\n", i + 1,
                                 plural(static_cast<long>(p.length()), "hop", "hops"), p.confidence, names);
        for (const auto& h : p.hops) print_hop(kg, h, o.evidence);
    }
    if (r.capped) std::cout << fmt::format("\n(more chains exist: raise --limit or lower --max-hops)\n");
    return kExitOk;
}

// ---- neighbors ----

struct NeighborsOptions {
    std::string entity;
    FilterOptions filter;
    int depth = 1;
    bool out_only = false, in_only = false;
    std::size_t evidence = 0;
};

int run_neighbors(const GlobalOptions& opts, const NeighborsOptions& o) {
    if (o.depth < 1) throw UsageError("--depth must be at least 1");
    auto l = load(opts, claim_filter(o.filter));
    const auto& kg = *l.graph;
    g::Vertex center = l.vertex(o.entity);
    g::NeighborQuery q;
    q.depth = o.depth;
    q.filter = type_filter(o.filter);
    q.outgoing = !o.in_only;
    q.incoming = !o.out_only;
    auto r = g::neighbors(kg, center, q);
    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        jkey(w, "entity");
        write_entity_ref(w, kg.entity(center));
        jkey(w, "neighbors");
        w.StartArray();
        for (std::size_t i = 1; i < r.vertices.size(); ++i) {
            w.StartObject();
            jkey(w, "entity");
            write_entity_ref(w, kg.entity(r.vertices[i]));
            jkey(w, "depth");
            w.Int(r.depth[i]);
            w.EndObject();
        }
        w.EndArray();
        jkey(w, "edges");
        w.StartArray();
        for (const auto& e : r.edges) {
            w.StartObject();
            jkey(w, "depth");
            w.Int(e.depth);
            jkey(w, "direction");
            jstr(w, e.hop.forward ? "out" : "in");
            jkey(w, "edge");
            write_edge(w, kg.data(), kg.entity(kg.subject_vertex(e.hop.edge)), kg.entity(kg.object_vertex(e.hop.edge)),
                       kg.edge_record(e.hop.edge));
            w.EndObject();
        }
        w.EndArray();
        jkey(w, "capped");
        w.Bool(r.capped);
        w.EndObject();
        emit(buf);
        return r.edges.empty() ? kExitPartial : kExitOk;
    }
    std::cout << fmt::format("{}: {} within {}\n", entity_label(kg.entity(center)),
                             plural(static_cast<long>(r.vertices.size() - 1), "neighbour", "neighbours"),
                             plural(o.depth, "hop", "hops"));
    int depth = 0;
    g::Vertex near = g::kNoVertex;
    for (const auto& e : r.edges) {
        if (e.depth != depth) {
            depth = e.depth;
            near = g::kNoVertex;
            if (o.depth > 1) std::cout << fmt::format("depth {}:\n", depth);
        }
        if (o.depth > 1 && e.near != near) {
            near = e.near;
            std::cout << fmt::format(" from {}:\n", kg.entity(near).name);
        }
        const auto& rec = kg.edge_record(e.hop.edge);
        const auto& s = kg.entity(kg.subject_vertex(e.hop.edge));
        const auto& t = kg.entity(kg.object_vertex(e.hop.edge));
        std::cout << fmt::format("  {} {} --{} {}--> {}\n", e.hop.forward ? "out" : "in ", s.name, rec.predicate,
                                 edge_stats(rec), t.name);
        print_evidence(kg.data(), rec, o.evidence, "      ");
    }
    if (r.capped) std::cout << "(stopped expanding: too many entities)\n";
    return r.edges.empty() ? kExitPartial : kExitOk;
}

// ---- show ----

struct ShowOptions {
    std::string entity;
};

int run_show(const GlobalOptions& opts, const ShowOptions& o) {
    auto store = open_store(opts);
    EntityId id = resolve_entity(*store, o.entity);
    ClaimFilter cf;
    cf.entity = id;
    g::KnowledgeGraph kg(store->load_graph(cf));
    auto v = kg.vertex_of(id);
    if (!v) throw UsageError(fmt::format("entity #{} is not in the graph", id));
    const auto& ent = kg.entity(*v);
    // Edges about the entity, outgoing then incoming, grouped by predicate.
    struct Item {
        bool out;
        std::uint32_t edge;
    };
    std::map<std::pair<bool, std::string>, std::vector<Item>> groups;  // (incoming?, predicate)
    const auto& data = kg.data();
    for (std::uint32_t i = 0; i < data.edges.size(); ++i) {
        if (kg.subject_vertex(i) == *v) groups[{false, data.edges[i].predicate}].push_back({true, i});
        if (kg.object_vertex(i) == *v && kg.subject_vertex(i) != *v)
            groups[{true, data.edges[i].predicate}].push_back({false, i});
    }
    if (opts.json) {
        rapidjson::StringBuffer buf;
        Json w(buf);
        w.StartObject();
        jkey(w, "entity");
        write_entity(w, ent);
        for (bool incoming : {false, true}) {
            jkey(w, incoming ? "incoming" : "outgoing");
            w.StartObject();
            for (const auto& [key, items] : groups) {
                if (key.first != incoming) continue;
                jkey(w, key.second);
                w.StartArray();
                for (const auto& it : items)
                    write_edge(w, data, kg.entity(kg.subject_vertex(it.edge)), kg.entity(kg.object_vertex(it.edge)),
                               data.edges[it.edge]);
                w.EndArray();
            }
            w.EndObject();
        }
        w.EndObject();
        emit(buf);
        return kExitOk;
    }
    std::cout << entity_label(ent) << (ent.unnamed ? "  [unnamed: local to its document]" : "") << "\n";
    if (!ent.aliases.empty()) std::cout << fmt::format("  also: {}\n", fmt::join(ent.aliases, "; "));
    std::vector<std::string> docs;
    for (const auto& d : ent.documents) docs.push_back(short_source(d));
    std::cout << fmt::format("  {}: {}\n", plural(static_cast<long>(docs.size()), "document", "documents"),
                             fmt::join(docs, ", "));
    std::cout << fmt::format("  {}\n", plural(ent.mention_count, "mention", "mentions"));
    if (groups.empty()) std::cout << "  no claims\n";
    for (const auto& [key, items] : groups) {
        std::cout << fmt::format("\n{} {}:\n", key.first ? "incoming" : "outgoing", key.second);
        for (const auto& it : items) {
            const auto& e = data.edges[it.edge];
            const auto& other = kg.entity(it.out ? kg.object_vertex(it.edge) : kg.subject_vertex(it.edge));
            std::cout << fmt::format(
                "  {} {}  [combined {:.2f}; {}, {}]\n", it.out ? "-->" : "<--", entity_label(other), e.combined_confidence,
                plural(e.document_count, "document", "documents"),
                plural(e.independent_sources, "independent source", "independent sources"));
            for (auto* c : edge_claims(data, e))
                std::cout << fmt::format("      {:.2f} {:<9} \"{}\" ({}{})\n", c->confidence, to_string(c->status),
                                         one_line(c->sentence), short_source(c->document),
                                         c->document_date.empty() ? "" : ", " + c->document_date);
        }
    }
    return kExitOk;
}

void add_json(CLI::App* cmd, GlobalOptions& opts) {
    cmd->add_flag("--json", opts.json, "Print one JSON document instead of text");
}

constexpr const char* kExitFooter =
    "Exit status: 0 results found, 1 nothing matched, 2 usage error (unknown entity, bad option).\n"
    "Entities are named by any name or alias (case and accents ignored) or by #ID.";

}  // namespace

void register_query_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {
    {
        auto o = std::make_shared<EntitiesOptions>();
        auto* cmd = app.add_subcommand("entities", "List entities");
        cmd->add_option("--type", o->type, fmt::format("Only this type ({})", fmt::join(kEntityTypeNames, ", ")));
        add_json(cmd, opts);
        cmd->footer(kExitFooter);
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_entities(opts, *o); }; });
    }
    {
        auto o = std::make_shared<ClaimsOptions>();
        auto* cmd = app.add_subcommand("claims", "List claims, optionally about one entity, with their evidence");
        cmd->add_option("--entity", o->entity, "Only claims whose subject or object is this entity");
        cmd->add_option("--predicate", o->filter.predicates, "Only this predicate (repeatable, comma-separated)")
            ->delimiter(',');
        cmd->add_option("--min-confidence", o->filter.min_confidence, "Only claims with at least this confidence")
            ->check(CLI::Range(0.0, 1.0));
        cmd->add_option("--since", o->filter.since, "Only claims from documents dated on or after (YYYY[-MM[-DD]])");
        cmd->add_option("--until", o->filter.until, "Only claims from documents dated on or before");
        cmd->add_flag("--explain", o->explain, "Show evidence sentence, rule, span, qualifiers and corroboration");
        add_json(cmd, opts);
        cmd->footer(kExitFooter);
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_claims(opts, *o); }; });
    }
    {
        auto o = std::make_shared<StatsOptions>();
        auto* cmd = app.add_subcommand("stats", "Counts, connected components and the top intermediaries");
        cmd->add_option("--top", o->top, "How many intermediaries to list")->capture_default_str();
        cmd->add_option("--samples", o->samples,
                        "Sampled sources for betweenness on big graphs (above 200,000 entities or about "
                        "10^10 entities x edges)")
            ->capture_default_str()
            ->check(CLI::PositiveNumber);
        cmd->add_flag("--exact", o->exact, "Exact betweenness whatever the size (slow on big graphs)");
        add_json(cmd, opts);
        cmd->footer(
            "Betweenness is directed (it follows predicate direction) and counts each pair of entities once\n"
            "however many predicates link them. Exit status: 0, or 2 on a usage error.");
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_stats(opts, *o); }; });
    }
    {
        auto o = std::make_shared<PathOptions>();
        auto* cmd = app.add_subcommand("path", "Paths between two entities, with the evidence for each hop");
        cmd->add_option("from", o->from, "Start entity (name, alias or #ID)")->required();
        cmd->add_option("to", o->to, "End entity")->required();
        cmd->add_option("--k", o->k, "The k shortest loopless paths (Yen's algorithm)")
            ->capture_default_str()
            ->check(CLI::Range(1, 1000));
        cmd->add_flag("--all", o->all, "Every simple path of at most --max-hops hops, shortest first");
        cmd->add_option("--max-hops", o->max_hops, "Longest path listed by --all")
            ->capture_default_str()
            ->check(CLI::Range(1, 20));
        cmd->add_option("--max-paths", o->max_paths, "Stop --all after this many paths")->capture_default_str();
        cmd->add_flag("--weighted", o->weighted, "Most confident paths (Dijkstra on -log confidence) instead of fewest hops");
        cmd->add_flag("--undirected", o->undirected, "Also follow edges against their direction");
        cmd->add_option("--evidence", o->evidence, "Evidence sentences shown per hop")->capture_default_str();
        add_filter_options(cmd, o->filter, "Entity types allowed as intermediate entities (comma-separated)");
        add_json(cmd, opts);
        cmd->footer(std::string("Example: chipgraph path Nvidia \"company based in Beijing\" --k 3 --undirected\n") +
                    kExitFooter);
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_path(opts, *o); }; });
    }
    {
        auto o = std::make_shared<ChainsOptions>();
        auto* cmd = app.add_subcommand(
            "chains", "Supply chains (customer of the customer...) ending at or starting from an entity");
        cmd->add_option("--to", o->to, "Chains that end at this entity (who got chips to it)");
        cmd->add_option("--from", o->from, "Chains that start at this entity (where its chips went)");
        cmd->add_option("--max-hops", o->max_hops, "Longest chain")->capture_default_str()->check(CLI::Range(1, 20));
        cmd->add_option("--limit", o->limit, "Chains listed")->capture_default_str();
        cmd->add_option("--evidence", o->evidence, "Evidence sentences shown per hop")->capture_default_str();
        add_filter_options(cmd, o->filter, "Entity types allowed in chains besides the given ends (comma-separated)");
        add_json(cmd, opts);
        cmd->footer(std::string(
                        "A chain follows `supplies` edges, extended by owns, operates, funds, intermediary_for and\n"
                        "subsidiary_of, and has at least one `supplies` hop. Only maximal chains are listed.\n") +
                    kExitFooter);
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_chains(opts, *o); }; });
    }
    {
        auto o = std::make_shared<NeighborsOptions>();
        auto* cmd = app.add_subcommand("neighbors", "Entities linked to an entity, in and out");
        cmd->alias("neighbours");
        cmd->add_option("entity", o->entity, "Entity (name, alias or #ID)")->required();
        cmd->add_option("--depth", o->depth, "How many hops out")->capture_default_str()->check(CLI::Range(1, 10));
        auto* out = cmd->add_flag("--out", o->out_only, "Only outgoing edges (the entity is the subject)");
        cmd->add_flag("--in", o->in_only, "Only incoming edges")->excludes(out);
        cmd->add_option("--evidence", o->evidence, "Evidence sentences shown per edge")->capture_default_str();
        add_filter_options(cmd, o->filter, "Entity types entered (comma-separated)");
        add_json(cmd, opts);
        cmd->footer(kExitFooter);
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_neighbors(opts, *o); }; });
    }
    {
        auto o = std::make_shared<ShowOptions>();
        auto* cmd = app.add_subcommand("show", "Everything known about one entity, claim by claim");
        cmd->add_option("entity", o->entity, "Entity (name, alias or #ID)")->required();
        add_json(cmd, opts);
        cmd->footer("Exit status: 0, or 2 when the entity is unknown.");
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_show(opts, *o); }; });
    }
}

}  // namespace chipgraph::cli
