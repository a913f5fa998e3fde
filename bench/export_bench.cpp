// Export benchmark: generates a knowledge graph directly as GraphData (default 1M
// entities, 5M claims; no store involved), times every file format we write, and
// measures the peak memory each export adds on top of the in-memory graph. Also writes
// the same graph, with the same attributes, as tab-separated node and edge lists for
// bench/export_peers.py (igraph and NetworkX writers on the same data).
//
//   export_bench [--entities N] [--claims M] [--dir DIR] [--formats graphml,gexf,...]
//                [--peers-input DIR] [--results FILE] [--keep]
//
// Prints one line per format and, with --results, writes them as TSV
// (format, seconds, bytes, peak_extra_bytes) for bench/run_export_bench.sh.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"
#include "chipgraph/exporters/escape.hpp"
#include "chipgraph/exporters/exporter.hpp"

namespace fs = std::filesystem;
using namespace chipgraph;

namespace {

long status_kb(const char* field) {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
    return -1;
}

// Resets the peak RSS (VmHWM) to the current RSS (Linux >= 4.0).
bool reset_peak() {
    std::ofstream f("/proc/self/clear_refs");
    f << "5";
    return static_cast<bool>(f);
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A synthetic graph shaped like the real one: named and unnamed entities of every type,
// hub products, claims spread over documents, ~20 % of claims repeating an earlier
// (subject, predicate, object) from another document, a few names needing escapes.
GraphData generate(std::size_t n_entities, std::size_t n_claims) {
    std::mt19937_64 rng(20240501);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    static const char* stems[] = {"Megaspeed", "Polaris", "Kestrel", "Meridian", "Tessera", "Galaxy", "Aurora",
                                  "Helios", "Orion", "Nimbus", "Vertex", "Quantum", "Zenith", "Lumen", "Atlas",
                                  "Société Générale de Calcul", "上海算力", "O'Brien & Partners", "Nordic \"Data\"",
                                  "Zürich Compute"};
    static const char* suffixes[] = {"Ltd", "Pte Ltd", "GmbH", "SA", "Holdings", "Technologies", "Cloud", "Trading"};
    const std::size_t n_docs = std::max<std::size_t>(1, n_claims / 25);
    auto doc_name = [](std::size_t d) { return fmt::format("articles/{}/doc_{:07}.txt", 2019 + d % 6, d); };
    auto doc_date = [](std::size_t d) {
        return fmt::format("{}-{:02}-{:02}", 2019 + d % 6, 1 + d / 6 % 12, 1 + d / 72 % 28);
    };

    GraphData g;
    g.entities.reserve(n_entities);
    for (std::size_t i = 0; i < n_entities; ++i) {
        EntityRecord e;
        e.id = static_cast<EntityId>(i + 1);
        e.type = static_cast<EntityType>(i % 8);
        e.unnamed = i % 13 == 0;
        e.name = e.unnamed ? fmt::format("company based in city {}", i % 5000)
                           : fmt::format("{} {} {}", stems[pick(20)], i, suffixes[pick(8)]);
        for (std::size_t a = pick(3); a > 0; --a) e.aliases.push_back(fmt::format("{} alias {}", stems[pick(20)], a));
        for (std::size_t d = 1 + pick(3); d > 0; --d) e.documents.emplace_back(doc_name(pick(n_docs)));
        e.mention_count = static_cast<int>(1 + pick(20));
        g.entities.push_back(std::move(e));
    }
    const std::size_t hubs = std::max<std::size_t>(1, n_entities / 1000);
    g.claims.reserve(n_claims);
    for (std::size_t i = 0; i < n_claims; ++i) {
        ClaimRecord c;
        c.id = static_cast<ClaimId>(i + 1);
        std::size_t d = pick(n_docs);
        if (i > 0 && pick(5) == 0) {  // the same triple again, from another document
            const auto& prev = g.claims[pick(i)];
            c.subject = prev.subject;
            c.predicate = prev.predicate;
            c.object = prev.object;
        } else {
            c.subject = static_cast<EntityId>(1 + pick(n_entities));
            c.object = static_cast<EntityId>(1 + (pick(10) < 3 ? pick(hubs) * 1000 % n_entities : pick(n_entities)));
            c.predicate = std::string(kPredicates[pick(kPredicates.size())]);
        }
        c.document = doc_name(d);
        c.document_date = doc_date(d);
        c.sentence = fmt::format(
            "According to the report, {} {} {} through a network of intermediaries, sources said on {}.",
            g.entities[static_cast<std::size_t>(c.subject - 1)].name, c.predicate,
            g.entities[static_cast<std::size_t>(c.object - 1)].name, c.document_date);
        c.start = pick(20000);
        c.end = c.start + c.sentence.size();
        c.rule = fmt::format("en.{}.{}", c.predicate, pick(4));
        c.confidence = 0.3 + 0.05 * static_cast<double>(pick(13));
        c.status = static_cast<ClaimStatus>(pick(10) < 7 ? 0 : pick(4));
        c.source_group = static_cast<std::int64_t>(d / 2);
        if (pick(4) == 0) c.qualifiers.push_back({"quantity", fmt::format("{}", 100 * (1 + pick(50)))});
        g.claims.push_back(std::move(c));
    }
    aggregate_edges(g);
    return g;
}

// Tab-separated node and edge lists with exactly the attributes of our GraphML export,
// for export_peers.py. Text fields never contain tabs or newlines in generated data.
void write_peer_input(const GraphData& g, const fs::path& dir) {
    fs::create_directories(dir);
    std::vector<std::uint32_t> degree(g.entities.size(), 0);
    for (const auto& e : g.edges) {
        ++degree[static_cast<std::size_t>(e.subject - 1)];
        ++degree[static_cast<std::size_t>(e.object - 1)];
    }
    {
        std::ofstream f(dir / "nodes.tsv", std::ios::binary);
        std::string line;
        for (std::size_t i = 0; i < g.entities.size(); ++i) {
            const auto& e = g.entities[i];
            line = fmt::format("n{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", e.id, e.name, to_string(e.type),
                               fmt::join(e.aliases, " | "), e.unnamed ? "true" : "false", e.mention_count,
                               e.documents.size(), fmt::join(e.documents, " | "), degree[i]);
            f << line;
        }
    }
    std::ofstream f(dir / "edges.tsv", std::ios::binary);
    std::vector<std::string_view> sources;
    std::string line;
    for (const auto& e : g.edges) {
        sources.clear();
        unsigned statuses = 0;
        for (auto ci : e.claims) {
            sources.push_back(g.claims[ci].document);
            statuses |= 1u << static_cast<unsigned>(g.claims[ci].status);
        }
        std::sort(sources.begin(), sources.end());
        sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
        std::vector<std::string_view> status_names;
        for (unsigned s = 0; s < 4; ++s)
            if (statuses & (1u << s)) status_names.push_back(to_string(static_cast<ClaimStatus>(s)));
        double weight = e.combined_confidence > 0.001 ? e.combined_confidence : 0.001;
        line = fmt::format("n{}\tn{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", e.subject, e.object,
                           e.predicate, e.predicate, e.claims.size(), e.document_count, e.independent_sources,
                           e.best_confidence, e.combined_confidence, e.first_date, e.last_date,
                           exporters::truncate_utf8(g.claims[e.claims.front()].sentence, 300),
                           fmt::join(sources, " | "), fmt::join(status_names, " | "), weight);
        f << line;
    }
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= s.size()) {
        auto comma = s.find(',', from);
        if (comma == std::string::npos) comma = s.size();
        if (comma > from) out.push_back(s.substr(from, comma - from));
        from = comma + 1;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n_entities = 1'000'000, n_claims = 5'000'000;
    fs::path dir = fs::temp_directory_path() / "chipgraph-export-bench";
    std::string formats = "graphml,gexf,dot,json,graphology,neo4j";
    std::string peers_input, results;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--entities")
            n_entities = std::stoul(value());
        else if (a == "--claims")
            n_claims = std::stoul(value());
        else if (a == "--dir")
            dir = value();
        else if (a == "--formats")
            formats = value();
        else if (a == "--peers-input")
            peers_input = value();
        else if (a == "--results")
            results = value();
        else if (a == "--keep")
            keep = true;
        else {
            std::cerr << "usage: export_bench [--entities N] [--claims M] [--dir DIR] [--formats a,b] "
                         "[--peers-input DIR] [--results FILE] [--keep]\n";
            return 2;
        }
    }
    fs::create_directories(dir);

    auto t0 = std::chrono::steady_clock::now();
    GraphData g = generate(n_entities, n_claims);
    double gen_s = seconds_since(t0);
    long graph_kb = status_kb("VmRSS:");
    std::cout << fmt::format("graph: {} entities, {} claims, {} edges; generated in {:.1f} s, resident {:.0f} MB\n",
                             g.entities.size(), g.claims.size(), g.edges.size(), gen_s, graph_kb / 1024.0);

    std::ofstream res;
    if (!results.empty()) {
        res.open(results);
        res << "format\tseconds\tcpu_seconds\tbytes\tpeak_extra_bytes\tentities\tclaims\tedges\n";
    }
    const auto& registry = exporters::builtin_registry();
    std::cout << fmt::format("{:<11} {:>9} {:>9} {:>10} {:>10} {:>14}\n", "format", "seconds", "CPU s", "MB",
                             "MB/s", "peak extra MB");
    for (const auto& name : split(formats)) {
        const auto* format = registry.find(name);
        if (!format) {
            std::cerr << "unknown format " << name << "\n";
            return 2;
        }
        fs::path out = dir / ("bench" + (format->extension.empty() ? "-" + name : format->extension));
        bool peak_ok = reset_peak();
        long before_kb = status_kb("VmRSS:");
        auto start = std::chrono::steady_clock::now();
        double cpu0 = cpu_seconds();
        if (format->writes_directory()) {
            format->write_directory(g, out, {});
        } else {
            std::ofstream f(out, std::ios::binary);
            format->write(g, f, {});
        }
        double s = seconds_since(start), cpu = cpu_seconds() - cpu0;
        long peak_kb = status_kb("VmHWM:");
        std::uintmax_t bytes = 0;
        if (fs::is_directory(out)) {
            for (const auto& entry : fs::directory_iterator(out)) bytes += entry.file_size();
        } else {
            bytes = fs::file_size(out);
        }
        long extra_kb = peak_ok ? peak_kb - before_kb : -1;
        std::cout << fmt::format("{:<11} {:>9.2f} {:>9.2f} {:>10.0f} {:>10.0f} {:>14}\n", name, s, cpu, bytes / 1e6,
                                 bytes / 1e6 / s,
                                 extra_kb >= 0 ? fmt::format("{:.1f}", extra_kb / 1024.0) : "n/a");
        if (res.is_open())
            res << fmt::format("{}\t{:.3f}\t{:.3f}\t{}\t{}\t{}\t{}\t{}\n", name, s, cpu, bytes,
                               extra_kb >= 0 ? extra_kb * 1024 : -1,
                               g.entities.size(), g.claims.size(), g.edges.size());
        if (!keep) fs::remove_all(out);
    }
    if (!peers_input.empty()) {
        auto start = std::chrono::steady_clock::now();
        write_peer_input(g, peers_input);
        std::cout << fmt::format("peer input written to {} in {:.1f} s\n", peers_input, seconds_since(start));
    }
    return 0;
}
