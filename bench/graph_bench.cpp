// Graph benchmark: synthetic knowledge graphs of growing size, stored through the real
// Store, then loaded and queried with the graph module. Writes the same graph as an edge
// list, with the query pairs and sources, so that bench/graph_peers.py can run the same
// queries in igraph and NetworkX and check that the answers agree.
//
//   graph_bench --sizes 10000,100000 --out DIR [--queries 1000] [--sources 100]
//               [--bc-samples 64] [--seed 42] [--keep-db]
#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "chipgraph/core/store.hpp"
#include "chipgraph/graph/analysis.hpp"
#include "chipgraph/graph/knowledge_graph.hpp"
#include "chipgraph/graph/paths.hpp"

using namespace chipgraph;
namespace g = chipgraph::graph;

namespace {

// CPU time of the process: the machine is shared, and CPU seconds are steadier than wall
// seconds under load (the peers measure the same way).
double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Stopwatch {
    double cpu = cpu_now();
};
double seconds_since(const Stopwatch& t0) { return cpu_now() - t0.cpu; }

// CPU time of one run of `op`: a few milliseconds are not measured well by one run on a
// loaded machine, so `op` runs at least `min_runs` times and until the runs add up to
// `min_seconds`, and the median run counts. bench/graph_peers.py times its peers the same
// way. `first` keeps the first run (cold caches, fresh pages) for the record.
struct Timing {
    double median = 0, first = 0;
    int runs = 0;
};
template <class F>
Timing time_repeated(F&& op, int min_runs = 1, double min_seconds = 0.5, int max_runs = 2000) {
    std::vector<double> runs;
    double total = 0;
    while (static_cast<int>(runs.size()) < min_runs ||
           (total < min_seconds && static_cast<int>(runs.size()) < max_runs)) {
        Stopwatch t;
        op(runs.size());
        runs.push_back(seconds_since(t));
        total += runs.back();
    }
    Timing r;
    r.first = runs.front();
    r.runs = static_cast<int>(runs.size());
    std::nth_element(runs.begin(), runs.begin() + runs.size() / 2, runs.end());
    r.median = runs[runs.size() / 2];
    return r;
}

double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;  // KiB on Linux
}

double current_rss_mb() {
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

struct Options {
    std::vector<std::size_t> sizes{10000, 100000};
    std::string out = "bench-out";
    std::size_t queries = 1000;
    std::size_t sources = 100;
    std::size_t bc_samples = 64;
    std::uint64_t seed = 42;
    int claims_per_entity = 5;
    double uniform = 0.35;  // share of endpoints drawn uniformly (the rest preferentially)
    bool keep_db = false;
};

// A realistic predicate mix: `supplies` most frequent.
const std::vector<std::pair<std::string, double>> kPredicateMix = {
    {"supplies", 0.28},       {"located_in", 0.14}, {"uses", 0.09},          {"owns", 0.08},
    {"subsidiary_of", 0.06},  {"affiliated_with", 0.06}, {"operates", 0.05}, {"funds", 0.05},
    {"produces", 0.05},       {"distributes", 0.04}, {"intermediary_for", 0.04}, {"pays_with", 0.02},
    {"restricts", 0.02},      {"transports_to", 0.01}, {"founded_by", 0.01}};

const std::vector<std::pair<EntityType, double>> kTypeMix = {
    {EntityType::organization, 0.45}, {EntityType::person, 0.12}, {EntityType::facility, 0.10},
    {EntityType::product, 0.09},      {EntityType::place, 0.10},  {EntityType::group, 0.08},
    {EntityType::government, 0.03},  {EntityType::instrument, 0.03}};

struct Synthetic {
    std::size_t n = 0;
    std::vector<EntityType> types;
    struct Claim {
        std::uint32_t s, o;
        std::uint8_t p;
        float confidence;
    };
    std::vector<Claim> claims;
};

// Preferential attachment by copying: each endpoint is uniform with probability
// `uniform`, else a copy of an endpoint already used, which makes degrees heavy-tailed.
Synthetic generate(std::size_t n, const Options& o, std::mt19937_64& rng) {
    Synthetic s;
    s.n = n;
    std::discrete_distribution<int> type_dist, pred_dist;
    {
        std::vector<double> w;
        for (auto& [t, x] : kTypeMix) w.push_back(x);
        type_dist = std::discrete_distribution<int>(w.begin(), w.end());
        w.clear();
        for (auto& [p, x] : kPredicateMix) w.push_back(x);
        pred_dist = std::discrete_distribution<int>(w.begin(), w.end());
    }
    s.types.resize(n);
    for (auto& t : s.types) t = kTypeMix[type_dist(rng)].first;
    std::uniform_int_distribution<std::uint32_t> any(0, static_cast<std::uint32_t>(n - 1));
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    std::uniform_real_distribution<float> conf(0.35f, 0.95f);
    std::vector<std::uint32_t> used;
    const std::size_t m = n * static_cast<std::size_t>(o.claims_per_entity);
    used.reserve(2 * m);
    s.claims.reserve(m);
    auto pick = [&] {
        if (used.empty() || coin(rng) < o.uniform) return any(rng);
        return used[std::uniform_int_distribution<std::size_t>(0, used.size() - 1)(rng)];
    };
    while (s.claims.size() < m) {
        std::uint32_t a = pick(), b = pick();
        if (a == b) continue;
        s.claims.push_back({a, b, static_cast<std::uint8_t>(pred_dist(rng)), conf(rng)});
        used.push_back(a);
        used.push_back(b);
    }
    return s;
}

std::string entity_name(const Synthetic& s, std::uint32_t v) {
    return fmt::format("{} {:07d}", to_string(s.types[v]), v);
}

// Writes the synthetic claims through Store::ingest, one synthetic document per 1000 claims,
// 50 documents per batch transaction.
void write_store(const Synthetic& s, const std::string& path, std::mt19937_64& rng) {
    Store store(path);
    store.begin_batch();
    const std::size_t per_doc = 1000;
    std::unordered_map<std::uint32_t, int> local;
    for (std::size_t first = 0, doc = 0; first < s.claims.size(); first += per_doc, ++doc) {
        Document d;
        d.source = fmt::format("synthetic/{:05d}.txt", doc);
        d.language = "en";
        d.published = fmt::format("{}-{:02d}-{:02d}", 2020 + doc % 6, 1 + doc % 12, 1 + doc % 28);
        d.text = fmt::format("Synthetic report {} on chip supply chains.", doc);
        const std::size_t sentence_end = d.text.size();
        for (int w = 0; w < 30; ++w) d.text += fmt::format(" w{}", rng() % 100000);
        Extraction x;
        local.clear();
        auto entity = [&](std::uint32_t v) {
            auto [it, added] = local.try_emplace(v, static_cast<int>(x.entities.size()));
            if (added) x.entities.push_back({entity_name(s, v), s.types[v], false, {}});
            return it->second;
        };
        const std::size_t last = std::min(first + per_doc, s.claims.size());
        for (std::size_t i = first; i < last; ++i) {
            const auto& c = s.claims[i];
            ExtractedClaim ec;
            ec.subject = entity(c.s);
            ec.object = entity(c.o);
            ec.predicate = kPredicateMix[c.p].first;
            ec.sentence_start = 0;
            ec.sentence_end = sentence_end;
            ec.start = 0;
            ec.end = sentence_end;
            ec.rule = "synthetic";
            ec.confidence = c.confidence;
            x.claims.push_back(std::move(ec));
        }
        store.ingest(d, x);
        if (doc % 50 == 49) {
            store.commit_batch();
            store.begin_batch();
        }
    }
    store.commit_batch();
}

template <class T>
void write_lines(const std::string& path, const std::vector<T>& values) {
    std::ofstream out(path);
    for (const auto& v : values) out << v << "\n";
}

int run(const Options& o) {
    std::filesystem::create_directories(o.out);
    std::ofstream summary(o.out + "/chipgraph.jsonl", std::ios::app);
    for (std::size_t n : o.sizes) {
        std::mt19937_64 rng(o.seed + n);
        const std::string tag = fmt::format("{}/graph_{}", o.out, n);
        std::cerr << fmt::format("== {} entities, {} claims\n", n, n * o.claims_per_entity);

        Stopwatch t;
        Synthetic syn = generate(n, o, rng);
        double t_generate = seconds_since(t);

        const std::string db = tag + ".db";
        std::filesystem::remove(db);
        std::filesystem::remove(db + "-wal");
        std::filesystem::remove(db + "-shm");
        t = Stopwatch{};
        write_store(syn, db, rng);
        double t_store = seconds_since(t);
        std::cerr << fmt::format("   generated in {:.2f} s, stored in {:.2f} s\n", t_generate, t_store);
        syn.claims.clear();
        syn.claims.shrink_to_fit();

        // Build: read the store, aggregate edges, build the CSR.
        double rss_before = current_rss_mb();
        t = Stopwatch{};
        std::shared_ptr<const GraphData> data;
        {
            Store store(db);
            data = std::make_shared<const GraphData>(store.load_graph());
        }
        double t_load = seconds_since(t);
        // The graph is built at least 3 times (each build frees the last), like the peers'.
        std::optional<g::KnowledgeGraph> built;
        const Timing t_csr = time_repeated(
            [&](std::size_t) {
                built.reset();
                built.emplace(data);
            },
            3);
        const g::KnowledgeGraph& kg = *built;
        const std::size_t V = kg.vertex_count(), E = kg.edge_count();
        const double bytes_per_edge = static_cast<double>(kg.structure_bytes()) / static_cast<double>(E);
        double rss_after = current_rss_mb();
        std::cerr << fmt::format("   load_graph {:.2f} s, CSR {:.4f} s (median of {}, first {:.4f} s): {} vertices, "
                                 "{} edges, {:.1f} bytes/edge\n",
                                 t_load, t_csr.median, t_csr.runs, t_csr.first, V, E, bytes_per_edge);

        // The same graph as an edge list (vertex numbers, predicate numbers).
        {
            std::ofstream out(tag + ".edges");
            out << V << " " << E << "\n";
            for (auto e : boost::make_iterator_range(edges(kg.csr())))
                out << source(e, kg.csr()) << " " << target(e, kg.csr()) << " " << kg.csr()[e].predicate << "\n";
        }
        const auto supplies = *kg.predicate_id("supplies");

        // 1. Shortest paths between random pairs (directed, by hops).
        std::uniform_int_distribution<g::Vertex> any(0, static_cast<g::Vertex>(V - 1));
        std::vector<std::pair<g::Vertex, g::Vertex>> pairs;
        while (pairs.size() < o.queries) {
            g::Vertex a = any(rng), b = any(rng);
            if (a != b) pairs.emplace_back(a, b);
        }
        {
            std::ofstream out(tag + ".pairs");
            for (auto [a, b] : pairs) out << a << " " << b << "\n";
        }
        // Warm-up, untimed, the same for every tool: 200 other random pairs, so that the
        // timed queries do not run on a cold cache right after the graph was built.
        std::vector<std::pair<g::Vertex, g::Vertex>> warm_pairs;
        while (warm_pairs.size() < 200) {
            g::Vertex a = any(rng), b = any(rng);
            if (a != b) warm_pairs.emplace_back(a, b);
        }
        {
            std::ofstream out(tag + ".warm_pairs");
            for (auto [a, b] : warm_pairs) out << a << " " << b << "\n";
        }
        for (auto [a, b] : warm_pairs) (void)g::shortest_path_vertices(kg, a, b);
        // The whole query set is repeated; every run must give the answers of the first.
        std::vector<int> lengths(pairs.size()), again(pairs.size());
        const Timing t_sp = time_repeated([&](std::size_t run) {
            auto& out = run == 0 ? lengths : again;
            for (std::size_t i = 0; i < pairs.size(); ++i)
                out[i] = static_cast<int>(g::shortest_path_vertices(kg, pairs[i].first, pairs[i].second).size()) - 1;
        });
        if (t_sp.runs > 1 && again != lengths) throw std::runtime_error("shortest paths differ between runs");
        write_lines(tag + ".sp.chipgraph", lengths);
        long reachable = std::count_if(lengths.begin(), lengths.end(), [](int l) { return l >= 0; });
        std::cerr << fmt::format("   {} shortest paths: {:.5f} s (median of {}, first {:.5f} s; {} reachable)\n",
                                 pairs.size(), t_sp.median, t_sp.runs, t_sp.first, reachable);

        // 2. Simple paths of at most 4 hops along `supplies`, from sources with a supplies edge.
        std::vector<g::Vertex> with_supplies;
        for (g::Vertex v = 0; v < V; ++v)
            for (auto e : boost::make_iterator_range(out_edges(v, kg.csr())))
                if (kg.csr()[e].predicate == supplies) {
                    with_supplies.push_back(v);
                    break;
                }
        std::vector<g::Vertex> sources;
        std::sample(with_supplies.begin(), with_supplies.end(), std::back_inserter(sources),
                    std::min(o.sources, with_supplies.size()), rng);
        std::shuffle(sources.begin(), sources.end(), rng);
        write_lines(tag + ".sources", sources);
        // Warm-up, untimed, the same for every tool: 20 other sources.
        std::vector<g::Vertex> warm_sources;
        std::sample(with_supplies.begin(), with_supplies.end(), std::back_inserter(warm_sources),
                    std::min<std::size_t>(20, with_supplies.size()), rng);
        write_lines(tag + ".warm_sources", warm_sources);
        // Like the peers, which count on a supplies-only graph built beforehand (untimed).
        const g::PredicateCsr supplies_graph = kg.predicate_subgraph(supplies);
        for (auto v : warm_sources) (void)g::count_simple_paths(supplies_graph, v, 4);
        std::vector<std::uint64_t> counts(sources.size()), counts_again(sources.size());
        const Timing t_enum = time_repeated([&](std::size_t run) {
            auto& out = run == 0 ? counts : counts_again;
            for (std::size_t i = 0; i < sources.size(); ++i) out[i] = g::count_simple_paths(supplies_graph, sources[i], 4);
        });
        if (t_enum.runs > 1 && counts_again != counts) throw std::runtime_error("path counts differ between runs");
        write_lines(tag + ".paths.chipgraph", counts);
        std::uint64_t total_paths = std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
        std::cerr << fmt::format("   path enumeration from {} sources: {:.5f} s (median of {}, first {:.5f} s; {} paths)\n",
                                 sources.size(), t_enum.median, t_enum.runs, t_enum.first, total_paths);

        // 3. Betweenness: exact on small graphs, else the same sampled sources for every tool.
        const bool exact = V <= 20000;
        std::vector<g::Vertex> bc_sources;
        double t_bc = 0, t_bc_own = 0;
        std::vector<double> score;
        if (exact) {
            // What `chipgraph stats` runs: boost::brandes_betweenness_centrality. Cross-checked
            // against the graph module's own Brandes (used for sampled sources).
            bc_sources.resize(V);
            std::iota(bc_sources.begin(), bc_sources.end(), g::Vertex{0});
            t = Stopwatch{};
            auto boost_bc = g::betweenness(kg);
            t_bc = seconds_since(t);
            score = boost_bc.score;
            t = Stopwatch{};
            auto own = g::source_dependencies(kg, bc_sources);
            t_bc_own = seconds_since(t);
            double diff = 0;
            for (std::size_t i = 0; i < V; ++i) diff = std::max(diff, std::abs(own[i] - score[i]));
            std::cerr << fmt::format("   exact betweenness (Boost): {:.2f} s (own Brandes: {:.2f} s, max diff {:.2g})\n",
                                     t_bc, t_bc_own, diff);
        } else {
            std::vector<g::Vertex> all(V);
            std::iota(all.begin(), all.end(), g::Vertex{0});
            std::sample(all.begin(), all.end(), std::back_inserter(bc_sources), std::min(o.bc_samples, V), rng);
            t = Stopwatch{};
            score = g::source_dependencies(kg, bc_sources);
            t_bc = seconds_since(t);
            std::cerr << fmt::format("   betweenness from {} sampled sources: {:.2f} s\n", bc_sources.size(), t_bc);
        }
        write_lines(tag + ".bc_sources", bc_sources);
        {
            // The dependencies from the first few sources alone: a peer that runs out of time
            // budget still checks its answers against these.
            std::vector<g::Vertex> first(bc_sources.begin(), bc_sources.begin() + std::min<std::size_t>(5, bc_sources.size()));
            auto partial = g::source_dependencies(kg, first);
            std::ofstream out(tag + ".bc5.chipgraph");
            out.precision(17);
            for (double x : partial) out << x << "\n";
        }
        {
            std::ofstream out(tag + ".bc.chipgraph");
            out.precision(17);
            for (double x : score) out << x << "\n";
        }

        std::string line = fmt::format(
            "{{\"n\": {}, \"claims\": {}, \"vertices\": {}, \"edges\": {}, \"supplies\": {}, \"queries\": {}, "
            "\"sources\": {}, \"bc_exact\": {}, \"bc_sources\": {}, \"t_generate\": {:.4f}, \"t_store\": {:.4f}, "
            "\"t_load\": {:.4f}, \"t_csr\": {:.6f}, \"t_sp\": {:.6f}, \"t_enum\": {:.6f}, \"t_bc\": {:.5f}, "
            "\"t_csr_first\": {:.6f}, \"t_sp_first\": {:.6f}, \"t_enum_first\": {:.6f}, "
            "\"runs_csr\": {}, \"runs_sp\": {}, \"runs_enum\": {}, "
            "\"t_bc_own\": {:.5f}, \"bytes_per_edge\": {:.2f}, \"structure_mb\": {:.2f}, \"rss_graph_mb\": {:.1f}, "
            "\"peak_rss_mb\": {:.1f}, \"paths_total\": {}, \"reachable\": {}}}",
            n, n * o.claims_per_entity, V, E, supplies, pairs.size(), sources.size(), exact ? "true" : "false",
            bc_sources.size(), t_generate, t_store, t_load, t_csr.median, t_sp.median, t_enum.median, t_bc,
            t_csr.first, t_sp.first, t_enum.first, t_csr.runs, t_sp.runs, t_enum.runs, t_bc_own, bytes_per_edge,
            kg.structure_bytes() / (1024.0 * 1024.0), rss_after - rss_before, peak_rss_mb(), total_paths, reachable);
        summary << line << "\n";
        summary.flush();
        std::cout << line << std::endl;
        if (!o.keep_db) {
            std::filesystem::remove(db);
            std::filesystem::remove(db + "-wal");
            std::filesystem::remove(db + "-shm");
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--sizes") {
                o.sizes.clear();
                std::string v = value();
                for (std::size_t p = 0; p <= v.size();) {
                    auto q = v.find(',', p);
                    if (q == std::string::npos) q = v.size();
                    o.sizes.push_back(std::stoul(v.substr(p, q - p)));
                    p = q + 1;
                }
            } else if (a == "--out") {
                o.out = value();
            } else if (a == "--queries") {
                o.queries = std::stoul(value());
            } else if (a == "--sources") {
                o.sources = std::stoul(value());
            } else if (a == "--bc-samples") {
                o.bc_samples = std::stoul(value());
            } else if (a == "--seed") {
                o.seed = std::stoull(value());
            } else if (a == "--uniform") {
                o.uniform = std::stod(value());
            } else if (a == "--keep-db") {
                o.keep_db = true;
            } else {
                std::cerr << "usage: graph_bench [--sizes N,N...] [--out DIR] [--queries N] [--sources N] "
                             "[--bc-samples N] [--seed N] [--uniform P] [--keep-db]\n";
                return a == "--help" ? 0 : 2;
            }
        } catch (const std::exception& e) {
            std::cerr << "graph_bench: " << a << ": " << e.what() << "\n";
            return 2;
        }
    }
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "graph_bench: " << e.what() << "\n";
        return 1;
    }
}
