// Test graphs and process helpers shared by the exporter tests.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "chipgraph/core/model.hpp"

namespace chipgraph::testing {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << content;
}

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
public:
    explicit TempDir(const std::string& tag = "export") {
        std::string pattern = (fs::temp_directory_path() / ("chipgraph-" + tag + "-XXXXXX")).string();
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
        path_ = buf.data();
    }
    ~TempDir() {
        std::error_code ec;
        if (!std::getenv("CHIPGRAPH_KEEP_TEMP")) fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

struct CommandResult {
    int status = -1;  // exit status, or -1 when it could not run / was killed
    std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'')
            q += "'\\''";
        else
            q += c;
    }
    return q + "'";
}

// Runs a shell command line, capturing stdout and stderr.
inline CommandResult run_command(const std::string& command) {
    TempDir tmp("cmd");
    auto out = tmp / "out", err = tmp / "err";
    std::string line = command + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
    int rc = std::system(line.c_str());
    CommandResult r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

inline std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

// A writer's output as a string.
template <class Writer, class Options>
std::string render(Writer writer, const GraphData& g, const Options& options) {
    std::ostringstream out;
    writer(g, out, options);
    return out.str();
}
template <class Writer>
std::string render(Writer writer, const GraphData& g) {
    std::ostringstream out;
    writer(g, out, {});
    return out.str();
}

inline bool have_program(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

inline bool python_has(const std::string& module) {
    return std::system(("/usr/bin/python3 -c 'import " + module + "' >/dev/null 2>&1").c_str()) == 0;
}

inline ClaimRecord claim(ClaimId id, EntityId s, std::string p, EntityId o, std::string doc, std::string date,
                         double conf, ClaimStatus status, std::int64_t group, std::string sentence) {
    ClaimRecord c;
    c.id = id;
    c.subject = s;
    c.predicate = std::move(p);
    c.object = o;
    c.document = std::move(doc);
    c.document_date = std::move(date);
    c.sentence = std::move(sentence);
    c.start = static_cast<std::size_t>(id) * 100;
    c.end = c.start + c.sentence.size();
    c.rule = "test-rule-" + std::to_string(id % 3);
    c.confidence = conf;
    c.status = status;
    c.source_group = group;
    return c;
}

inline EntityRecord entity(EntityId id, std::string name, EntityType type, std::vector<std::string> aliases,
                           std::vector<std::string> docs, int mentions, bool unnamed = false) {
    EntityRecord e;
    e.id = id;
    e.name = std::move(name);
    e.type = type;
    e.aliases = std::move(aliases);
    e.documents.assign(docs.begin(), docs.end());
    e.mention_count = mentions;
    e.unnamed = unnamed;
    return e;
}

// The hand-made graph of the golden files: 10 entities of every type, 12 claims, 10
// edges (one with two claims from two sources, two parallel edges between the same
// pair, hedged, predicted and denied claims, an undated document).
inline GraphData small_graph() {
    using T = EntityType;
    using S = ClaimStatus;
    GraphData g;
    const std::string a = "corpus/2024/a.txt", b = "corpus/2024/b.txt", c = "corpus/c.html";
    g.entities = {
        entity(1, "Nvidia", T::organization, {"NVIDIA Corp", "Nvidia Corporation"}, {a, b}, 5),
        entity(2, "H100", T::product, {}, {a, b}, 4),
        entity(3, "Megaspeed", T::organization, {"Megaspeed International"}, {a, b}, 3),
        entity(4, "Singapore", T::place, {"Singapour"}, {a}, 2),
        entity(5, "company based in Beijing", T::organization, {"société basée à Pékin"}, {b}, 2, true),
        entity(6, "Derek Aw", T::person, {"Aw"}, {c}, 2),
        entity(7, "US Department of Commerce", T::government, {"BIS"}, {a}, 1),
        entity(8, "bitcoin", T::instrument, {}, {b}, 1),
        entity(9, "Brisbane data center", T::facility, {}, {c}, 1),
        entity(10, "brokers", T::group, {"courtiers"}, {b}, 1, true),
    };
    g.claims = {
        claim(1, 1, "produces", 2, a, "2024-03-01", 0.9, S::asserted, 1, "Nvidia makes the H100 chip."),
        claim(2, 3, "uses", 2, a, "2024-03-01", 0.7, S::asserted, 1,
              "Megaspeed, a \"Singapore\" firm, bought 2,000 H100 chips & more <servers>."),
        claim(3, 3, "uses", 2, b, "2024-05", 0.6, S::alleged, 2, "Megaspeed allegedly runs H100 clusters."),
        claim(4, 3, "located_in", 4, a, "2024-03-01", 0.8, S::asserted, 1, "Megaspeed is based in Singapore."),
        claim(5, 3, "supplies", 5, b, "2024-05", 0.5, S::alleged, 2,
              "Megaspeed reportedly supplied a company based in Beijing."),
        claim(6, 6, "affiliated_with", 3, c, "", 0.75, S::asserted, 3, "Derek Aw runs Megaspeed."),
        claim(7, 7, "restricts", 2, a, "2024-03-01", 0.95, S::asserted, 1,
              "The US Department of Commerce restricts the H100."),
        claim(8, 5, "pays_with", 8, b, "2024-05", 0.4, S::predicted, 2, "The company will pay in bitcoin."),
        claim(9, 6, "owns", 9, c, "", 0.6, S::denied, 3, "Aw denies owning the Brisbane data center."),
        claim(10, 10, "intermediary_for", 5, b, "2024-05", 0.55, S::asserted, 2,
              "Brokers act for the company\nbased in Beijing."),
        claim(11, 3, "subsidiary_of", 5, b, "2024-05", 0.45, S::alleged, 2,
              "Megaspeed may be a front of the Beijing company."),
        claim(12, 9, "located_in", 4, c, "", 0.5, S::asserted, 3, "The data center is in Singapore."),
    };
    g.claims[1].qualifiers = {{"quantity", "2,000"}, {"product", "H100"}, {"product", "servers"}};
    g.claims[1].attribution = "The Wall Street Journal";
    aggregate_edges(g);
    return g;
}

// A graph that tries every trap of the formats (../shared/formats.md): quotes, markup,
// control characters, newlines and tabs, emoji, right-to-left scripts, a trailing
// backslash, escString sequences, DOT keywords, invalid UTF-8, U+FFFE, a 10,000-character
// evidence sentence, odd predicates, a self-loop, a NaN confidence, bad dates and a claim
// whose entity is missing.
struct HostileGraph {
    GraphData data;
    std::size_t nodes = 0, edges = 0, types_present = 0;
};

inline HostileGraph hostile_graph() {
    using T = EntityType;
    using S = ClaimStatus;
    const std::vector<std::string> names = {
        "He said \"hi\" & 'bye'",
        "<script>alert(1)</script> &amp; &lt;",
        "line one\nline two\r\nline three\rfour",
        "tab\there\tand\tthere",
        std::string("controls \x01\x02\x07\x1b\x1f end") + '\0' + "after NUL",
        "emoji 🚀 👩‍💻 🇸🇬 rocket",
        "شركة الذكاء الاصطناعي",
        "חברת שבבים בע\"מ",
        "C:\\path\\to\\",
        "\\N \\G \\E \\T \\H \\L \\n \\l",
        "node",
        "graph",
        "edge",
        "strict",
        "Subgraph",
        "",
        "  leading and trailing  ",
        "cdata ]]> end",
        "invalid \xff\xfe utf8 \xc3\x28 here \xed\xa0\x80",
        "noncharacter \xef\xbf\xbe \xef\xbf\xbf",
        "DEL \x7f char",
        "semi;colon,comma|pipe",
        "100% \"quoted\"\\",
        "{braces} [brackets] -> arrow -- dash",
        "日本語の名前 中文名称",
    };
    HostileGraph h;
    auto& g = h.data;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto type = static_cast<T>(i % 8);
        g.entities.push_back(entity(static_cast<EntityId>(100 + i), names[i], type,
                                    {names[(i + 1) % names.size()], "alias;with;semicolons", "line\nbreak alias"},
                                    {"docs/\"quoted\", name.txt", "docs/ünïcödé\\back.txt"},
                                    static_cast<int>(i), i % 3 == 0));
    }
    std::string huge;
    while (huge.size() < 10000) huge += "Évidence «très» longue, with \"quotes\" & <tags> and 🚀 emoji; ";
    const std::vector<std::string> predicates = {"supplies", "located_in", "uses", "paid via \"cash\" <&>",
                                                 "owns", "weird\npredicate", "funds"};
    ClaimId next = 1000;
    const std::size_t n = names.size();
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 1; k <= 2; ++k) {
            EntityId s = static_cast<EntityId>(100 + i), o = static_cast<EntityId>(100 + (i + k * 3) % n);
            std::string sentence = (i + k) % 5 == 0 ? huge : names[i] + " -> " + names[(i + k * 3) % n];
            std::string date = i % 4 == 0 ? "2024-02-30" : i % 4 == 1 ? "2024" : i % 4 == 2 ? "" : "2023-11-05";
            auto status = static_cast<S>((i + k) % 4);
            double conf = (i == 7 && k == 1) ? std::numeric_limits<double>::quiet_NaN() : 0.1 + 0.8 * (i % 10) / 10.0;
            auto c = claim(next++, s, predicates[(i + k) % predicates.size()], o, "docs/\"quoted\", name.txt", date,
                           conf, status, static_cast<std::int64_t>(i % 5), sentence);
            c.attribution = names[(i + 2) % n];
            c.qualifiers = {{"note", names[i]}, {"note", "second"}, {names[(i + 4) % n], "value"}};
            g.claims.push_back(c);
        }
    }
    // A second claim on an existing edge, a self-loop, and a claim to a missing entity.
    auto dup = g.claims.front();
    dup.id = next++;
    dup.document = "docs/other.txt";
    dup.source_group = 99;
    g.claims.push_back(dup);
    g.claims.push_back(claim(next++, 105, "owns", 105, "docs/self.txt", "2022-01", 0.3, S::asserted, 7, "self"));
    g.claims.push_back(claim(next++, 101, "funds", 99999, "docs/ghost.txt", "2022-01", 0.3, S::asserted, 8, "ghost"));
    aggregate_edges(g);
    h.nodes = g.entities.size();
    for (const auto& e : g.edges)
        if (e.object != 99999 && e.subject != 99999) ++h.edges;
    h.types_present = std::min<std::size_t>(8, n);
    return h;
}

}  // namespace chipgraph::testing
