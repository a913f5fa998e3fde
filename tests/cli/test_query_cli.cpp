// The query and admin commands, run as a program on a temporary store.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

#include "chipgraph/core/store.hpp"

using namespace chipgraph;

namespace {

struct CliRun {
    int status = -1;
    std::string out;  // stdout and stderr
};

CliRun run_cli(const std::string& args) {
    CliRun r;
    std::string cmd = std::string(CHIPGRAPH_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

class QueryCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::filesystem::temp_directory_path() / ("chipgraph_cli_query_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        db_ = (dir_ / "q.db").string();
        Store store(db_);
        // a.txt: investors fund Aw, Aw owns the servers, the servers supply a Beijing company.
        add(store, "a.txt", "2024-05-01", "",
            {{"investors in Dubai", EntityType::group, true},
             {"Derek Aw", EntityType::person, false},
             {"servers in Brisbane", EntityType::facility, true},
             {"company based in Beijing", EntityType::organization, true},
             {"Nvidia", EntityType::organization, false, {"NVIDIA Corp."}}},
            {{0, "funds", 1, 0.7}, {1, "owns", 2, 0.8}, {2, "supplies", 3, 0.6}, {4, "supplies", 2, 0.9}});
        // b.txt and c.txt retell the same report; d.txt is independent.
        for (auto [doc, date, origin] : {std::tuple{"b.txt", "2024-06-01", "The Wall Street Journal"},
                                         std::tuple{"c.txt", "2024-06-02", "The Wall Street Journal"},
                                         std::tuple{"d.txt", "2024-07-01", ""}})
            add(store, doc, date, origin,
                {{"Derek Aw", EntityType::person, false}, {"Megaspeed", EntityType::organization, false}},
                {{0, "affiliated_with", 1, 0.75}});
        add(store, "e.txt", "2023-01-01", "", {{"Megaspeed Asia", EntityType::organization, false}, {"Nvidia", EntityType::organization, false}},
            {{1, "supplies", 0, 0.5}, {1, "owns", 0, 0.3}});
    }
    static void TearDownTestSuite() {
        if (!std::getenv("CHIPGRAPH_KEEP_TEST_DB")) std::filesystem::remove_all(dir_);
    }

    struct E {
        std::string name;
        EntityType type;
        bool unnamed;
        std::vector<std::string> aliases = {};
    };
    struct C {
        int s;
        std::string p;
        int o;
        double confidence;
    };
    static void add(Store& store, const std::string& source, const std::string& date, const std::string& origin,
                    const std::vector<E>& es, const std::vector<C>& cs) {
        Document d;
        d.source = source;
        d.published = date;
        d.language = "en";
        Extraction x;
        x.origin = origin;
        for (auto& e : es) x.entities.push_back({e.name, e.type, e.unnamed, e.aliases});
        for (auto& c : cs) {
            std::string sentence = es[c.s].name + " " + c.p + " " + es[c.o].name + " (" + source + ").";
            ExtractedClaim ec;
            ec.subject = c.s;
            ec.object = c.o;
            ec.predicate = c.p;
            ec.sentence_start = ec.start = d.text.size();
            ec.sentence_end = ec.end = d.text.size() + sentence.size();
            ec.rule = "test";
            ec.confidence = c.confidence;
            d.text += sentence + " ";
            x.claims.push_back(ec);
        }
        store.ingest(d, x);
    }

    static CliRun q(const std::string& args) { return run_cli("--db " + quote(db_) + " " + args); }

    static inline std::filesystem::path dir_;
    static inline std::string db_;
};

}  // namespace

TEST_F(QueryCli, PathPrintsHopsWithEvidence) {
    auto r = q("path 'investors in Dubai' 'company based in Beijing'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("  investors in Dubai --funds [0.70, 1 doc, 1 source]--> Derek Aw\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  Derek Aw --owns [0.80, 1 doc, 1 source]--> servers in Brisbane\n"), std::string::npos);
    EXPECT_NE(r.out.find("    \"Derek Aw owns servers in Brisbane (a.txt).\" (a.txt)\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("3 hops"), std::string::npos);
}

TEST_F(QueryCli, PathNotFoundAndDirection) {
    auto r = q("path 'company based in Beijing' 'investors in Dubai'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("no path"), std::string::npos);
    r = q("path 'company based in Beijing' 'investors in Dubai' --undirected");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("  company based in Beijing <--supplies"), std::string::npos) << r.out;
}

TEST_F(QueryCli, UnknownEntitySuggests) {
    auto r = q("path 'Derek Awe' Nvidia");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("did you mean \"Derek Aw\""), std::string::npos) << r.out;
    r = q("show Nvidya");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("did you mean"), std::string::npos);
    r = q("show '#9999'");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("no entity #9999"), std::string::npos);
}

TEST_F(QueryCli, AliasAndIdResolve) {
    auto r = q("show 'nvidia corp'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("Nvidia (organization, #"), std::string::npos);
    auto id_pos = r.out.find("#");
    std::string id = r.out.substr(id_pos, r.out.find(')', id_pos) - id_pos);
    auto r2 = q("show '" + id + "'");
    EXPECT_EQ(r2.status, 0);
    EXPECT_EQ(r.out, r2.out);
}

TEST_F(QueryCli, KShortestAndAllPaths) {
    auto r = q("path Nvidia 'company based in Beijing' --k 3 --json");
    EXPECT_EQ(r.status, 0) << r.out;
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    ASSERT_EQ(doc["paths"].Size(), 1u);
    EXPECT_EQ(doc["paths"][0]["length"].GetUint(), 2u);
    EXPECT_EQ(doc["paths"][0]["hops"][0]["edge"]["predicate"].GetString(), std::string("supplies"));
    EXPECT_EQ(doc["paths"][0]["hops"][0]["edge"]["claims"][0]["document"].GetString(), std::string("a.txt"));
    r = q("path Nvidia 'Megaspeed Asia' --all --max-paths 1");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("stopped at 1 paths"), std::string::npos) << r.out;
    r = q("path 'investors in Dubai' Nvidia --all --undirected --max-hops 2");
    EXPECT_EQ(r.status, 1) << r.out;
}

TEST_F(QueryCli, PathFilters) {
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --min-confidence 0.7").status, 1);
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --predicates supplies").status, 0);
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --since 2024-06").status, 1);
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --until 2024-05").status, 0);
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --types person").status, 1);
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --types facility").status, 0);
    auto r = q("path Nvidia 'company based in Beijing' --types robot");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("unknown entity type"), std::string::npos);
    r = q("path Nvidia 'company based in Beijing' --since yesterday");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(q("path Nvidia 'company based in Beijing' --min-confidence 2").status, 2);
}

TEST_F(QueryCli, Chains) {
    auto r = q("chains --to 'company based in Beijing'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("investors in Dubai > Derek Aw > servers in Brisbane > company based in Beijing"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Nvidia > servers in Brisbane > company based in Beijing"), std::string::npos);
    EXPECT_LT(r.out.find("investors in Dubai >"), r.out.find("Nvidia >"));  // longest first
    r = q("chains --from 'company based in Beijing'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_EQ(q("chains").status, 2);
    r = q("chains --from Nvidia --json");
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    EXPECT_EQ(doc["chains"].Size(), 2u);  // to the Beijing company, and to Megaspeed Asia
}

TEST_F(QueryCli, NeighborsDepth) {
    auto r = q("neighbors 'Derek Aw'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("3 neighbours within 1 hop"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  in  investors in Dubai --funds"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  out Derek Aw --affiliated_with [0.94, 3 docs, 2 sources]--> Megaspeed"), std::string::npos)
        << r.out;
    r = q("neighbors 'Derek Aw' --depth 2 --json");
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    EXPECT_EQ(doc["neighbors"].Size(), 5u);  // + company based in Beijing, Nvidia
    r = q("neighbors 'Derek Aw' --out");
    EXPECT_NE(r.out.find("2 neighbours"), std::string::npos) << r.out;
}

TEST_F(QueryCli, ShowCountsIndependentSources) {
    auto r = q("show 'Derek Aw'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("outgoing affiliated_with:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("3 documents, 2 independent sources"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("incoming funds:"), std::string::npos);
    EXPECT_NE(r.out.find("(b.txt, 2024-06-01)"), std::string::npos);
    r = q("show 'Derek Aw' --json");
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    const auto& aff = doc["outgoing"]["affiliated_with"][0];
    EXPECT_EQ(aff["independent_sources"].GetInt(), 2);
    EXPECT_EQ(aff["documents"].GetInt(), 3);
    EXPECT_EQ(aff["claims"].Size(), 3u);
}

TEST_F(QueryCli, ListingsAndStats) {
    auto r = q("entities --type person");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("Derek Aw"), std::string::npos);
    EXPECT_EQ(r.out.find("Nvidia"), std::string::npos);
    EXPECT_EQ(q("entities --type robot").status, 2);
    r = q("claims --entity Megaspeed --explain");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("3 claims"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("edge: 3 claims, 3 documents, 2 independent sources"), std::string::npos) << r.out;
    r = q("claims --predicate funds --json");
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    EXPECT_EQ(doc["claims"].Size(), 1u);
    EXPECT_EQ(q("claims --predicate nothing").status, 1);
    r = q("stats");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("weakly connected components: 1 (largest: 7 entities, 0 isolated)"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("top intermediaries (betweenness, exact)"), std::string::npos);
    r = q("stats --json");
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    EXPECT_EQ(doc["components"]["count"].GetUint(), 1u);
    // Aw: (investors, servers), (investors, company), (investors, Megaspeed); servers ties with 3.
    EXPECT_STREQ(doc["betweenness"]["top"][0]["entity"]["name"].GetString(), "Derek Aw");
    EXPECT_EQ(doc["betweenness"]["top"][0]["score"].GetDouble(), 3.0);
    EXPECT_STREQ(doc["betweenness"]["top"][1]["entity"]["name"].GetString(), "servers in Brisbane");
}

TEST_F(QueryCli, HelpAndMissingDatabase) {
    for (const char* cmd : {"entities", "claims", "stats", "path", "chains", "neighbors", "show", "alias", "merge",
                            "unmerge", "split", "check"}) {
        auto r = run_cli(std::string(cmd) + " --help");
        EXPECT_EQ(r.status, 0) << cmd;
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
    }
    auto r = run_cli("--db /nonexistent/x.db stats");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("no such database"), std::string::npos);
}

// Runs last among the suite's tests that read the store (it changes it, then restores it).
TEST_F(QueryCli, ZCorrections) {
    auto r = q("alias Megaspeed 'MS Cloud'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(q("show 'ms cloud'").status, 0);
    EXPECT_EQ(q("path Nvidia Megaspeed").status, 1);
    r = q("merge Megaspeed 'Megaspeed Asia'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("merged Megaspeed Asia"), std::string::npos) << r.out;
    r = q("path Nvidia Megaspeed");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("Nvidia --supplies"), std::string::npos);
    EXPECT_EQ(q("merge Megaspeed 'Megaspeed Asia'").status, 0);  // already merged: nothing to do
    r = q("split 'Megaspeed Asia'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(q("path Nvidia Megaspeed").status, 1);
    EXPECT_EQ(q("unmerge 'Megaspeed Asia'").status, 1);
    EXPECT_EQ(q("merge Megaspeed Nobody").status, 2);
    r = q("check");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("ok"), std::string::npos);
    r = q("check --json");
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << r.out;
    EXPECT_TRUE(doc["ok"].GetBool());
}
