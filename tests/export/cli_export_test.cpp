// `chipgraph export` end to end: a store built from hand-made extractions (no
// extractor involved), then the command with each option.
#include <gtest/gtest.h>

#include "chipgraph/core/store.hpp"
#include "export/export_test_util.hpp"

namespace chipgraph {
namespace {

using namespace chipgraph::testing;

struct DocSpec {
    std::string source, published, text;
    std::vector<std::pair<std::string, EntityType>> entities;
    struct C {
        int s;
        std::string p;
        int o;
        double conf;
        ClaimStatus status;
    };
    std::vector<C> claims;
};

void add(Store& store, const DocSpec& spec) {
    Document doc;
    doc.source = spec.source;
    doc.published = spec.published;
    doc.language = "en";
    doc.text = spec.text;
    Extraction x;
    for (const auto& [name, type] : spec.entities) {
        ExtractedEntity e;
        e.name = name;
        e.type = type;
        e.aliases = {name};
        x.entities.push_back(e);
        auto at = spec.text.find(name);
        if (at != std::string::npos)
            x.mentions.push_back({static_cast<int>(x.entities.size()) - 1, at, at + name.size()});
    }
    for (const auto& c : spec.claims) {
        ExtractedClaim claim;
        claim.subject = c.s;
        claim.object = c.o;
        claim.predicate = c.p;
        claim.sentence_start = 0;
        claim.sentence_end = spec.text.size();
        claim.start = 0;
        claim.end = spec.text.size();
        claim.rule = "test";
        claim.confidence = c.conf;
        claim.status = c.status;
        x.claims.push_back(claim);
    }
    store.ingest(doc, x);
}

class ExportCli : public ::testing::Test {
protected:
    void SetUp() override {
        using T = EntityType;
        using S = ClaimStatus;
        Store store(db.string());
        add(store, {"a.txt",
                    "2024-03-01",
                    "Nvidia makes the H100. Megaspeed uses the H100. Megaspeed is based in Singapore.",
                    {{"Nvidia", T::organization}, {"H100", T::product}, {"Megaspeed", T::organization},
                     {"Singapore", T::place}},
                    {{0, "produces", 1, 0.9, S::asserted},
                     {2, "uses", 1, 0.7, S::asserted},
                     {2, "located_in", 3, 0.8, S::asserted}}});
        add(store, {"b.txt",
                    "2024-06-10",
                    "Megaspeed reportedly supplies Beijing AI Co, which will pay with bitcoin.",
                    {{"Megaspeed", T::organization}, {"Beijing AI Co", T::organization}, {"bitcoin", T::instrument}},
                    {{0, "supplies", 1, 0.5, S::alleged}, {1, "pays_with", 2, 0.4, S::predicted}}});
        add(store, {"c.txt", "", "Derek Aw runs Megaspeed.", {{"Derek Aw", T::person}, {"Megaspeed", T::organization}},
                    {{0, "affiliated_with", 1, 0.75, S::asserted}, {0, "owns", 1, 0.6, S::denied}}});
    }

    CommandResult chipgraph(const std::string& args, const std::string& env = "") {
        return run_command(env + " " + shell_quote(CHIPGRAPH_BINARY) + " --db " + shell_quote(db.string()) +
                           " export " + args);
    }
    std::string q(const fs::path& p) { return shell_quote(p.string()); }

    TempDir dir{"cli"};
    fs::path db = dir / "test.db";
};

TEST_F(ExportCli, WritesGraphMLToAFile) {
    auto out = dir / "g.graphml";
    auto r = chipgraph("--format graphml -o " + q(out));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "exported 7 entities, 6 edges (6 claims) as graphml to " + out.string() + "\n");
    EXPECT_EQ(r.err, "");
    auto text = read_file(out);
    EXPECT_EQ(count(text, "<node "), 7u);
    EXPECT_EQ(count(text, "<edge "), 6u);
    EXPECT_TRUE(fs::is_regular_file(out));
    for (const auto& f : fs::directory_iterator(dir.path()))  // no temporary left behind
        EXPECT_EQ(f.path().string().find(".tmp"), std::string::npos) << f.path();
}

TEST_F(ExportCli, WritesTextFormatsToStdout) {
    auto r = chipgraph("--format json");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out.substr(0, 14), "{\n\"entities\": ");
    EXPECT_EQ(count(r.out, "\"predicate\":"), 12u);  // 6 claims + 6 edges
    auto dash = chipgraph("--format dot -o -");
    ASSERT_EQ(dash.status, 0) << dash.err;
    EXPECT_NE(dash.out.find("digraph"), std::string::npos);
}

TEST_F(ExportCli, GuessesTheFormatFromTheSuffix) {
    auto out = dir / "g.gexf";
    ASSERT_EQ(chipgraph("-o " + q(out)).status, 0);
    EXPECT_NE(read_file(out).find("http://gexf.net/1.3"), std::string::npos);
    auto r = chipgraph("-o " + q(dir / "g.unknown"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--format is required"), std::string::npos);
}

TEST_F(ExportCli, FiltersByTypePredicateConfidenceAndDate) {
    auto types = chipgraph("--format graphml --types organization,product");
    ASSERT_EQ(types.status, 0) << types.err;
    EXPECT_EQ(count(types.out, "<node "), 4u);  // Nvidia, H100, Megaspeed, Beijing AI Co
    EXPECT_EQ(count(types.out, "<edge "), 3u);  // produces, uses, supplies

    auto pred = chipgraph("--format graphml --predicates located_in");
    EXPECT_EQ(count(pred.out, "<node "), 2u);
    EXPECT_EQ(count(pred.out, "<edge "), 1u);

    auto conf = chipgraph("--format graphml --min-confidence 0.75");
    EXPECT_EQ(count(conf.out, "<edge "), 3u);  // 0.9, 0.8, 0.75

    auto since = chipgraph("--format graphml --since 2024-06");
    EXPECT_EQ(count(since.out, "<node "), 3u);
    EXPECT_EQ(count(since.out, "<edge "), 2u);

    auto until = chipgraph("--format graphml --until 2024-03");
    EXPECT_EQ(count(until.out, "<edge "), 3u);

    auto bad_type = chipgraph("--format graphml --types company");
    EXPECT_EQ(bad_type.status, 2);
    EXPECT_NE(bad_type.err.find("unknown entity type 'company'"), std::string::npos);
    EXPECT_EQ(chipgraph("--format graphml --since yesterday").status, 2);
    EXPECT_EQ(chipgraph("--format graphml --min-confidence 2").status, 2);
}

TEST_F(ExportCli, DeniedClaimsOnlyOnRequest) {
    auto plain = chipgraph("--format dot");
    ASSERT_EQ(plain.status, 0) << plain.err;
    EXPECT_EQ(plain.out.find("label=\"owns\""), std::string::npos);
    auto denied = chipgraph("--format dot --include-denied");
    ASSERT_EQ(denied.status, 0) << denied.err;
    auto at = denied.out.find("label=\"owns\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(denied.out.substr(at, denied.out.find('\n', at) - at).find("style=dotted"), std::string::npos);
}

TEST_F(ExportCli, SelectsAroundAnEntity) {
    auto one = chipgraph("--format graphml --around Singapore --depth 1");
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_EQ(count(one.out, "<node "), 2u);
    auto two = chipgraph("--format graphml --around Singapore --depth 2");
    EXPECT_EQ(count(two.out, "<node "), 5u);  // + H100, Beijing AI Co, Derek Aw
    auto unknown = chipgraph("--format graphml --around Atlantis");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("no entity named \"Atlantis\""), std::string::npos);
    EXPECT_EQ(chipgraph("--format graphml --depth 2").status, 2);  // --depth needs --around
}

TEST_F(ExportCli, SelectsAPath) {
    auto r = chipgraph("--format graphml --path Megaspeed bitcoin");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(count(r.out, "<node "), 3u);
    EXPECT_EQ(count(r.out, "<edge "), 2u);
    auto none = chipgraph("--format graphml --path bitcoin Nvidia");
    EXPECT_EQ(none.status, 1);
    EXPECT_NE(none.err.find("no path"), std::string::npos);
    EXPECT_EQ(count(none.out, "<node "), 2u);
}

TEST_F(ExportCli, ClustersDotByPlace) {
    auto r = chipgraph("--format dot --cluster-by place");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("subgraph cluster_0 {\n    label=\"Singapore\""), std::string::npos);
    auto wrong = chipgraph("--format graphml --cluster-by place");
    EXPECT_EQ(wrong.status, 2);
    EXPECT_EQ(chipgraph("--format dot --cluster-by country").status, 2);
}

TEST_F(ExportCli, Neo4jNeedsADirectory) {
    EXPECT_EQ(chipgraph("--format neo4j").status, 2);
    auto out = dir / "neo4j";
    auto r = chipgraph("--format neo4j -o " + q(out));
    ASSERT_EQ(r.status, 0) << r.err;
    for (const char* f : {"nodes.csv", "relationships.csv", "import.cypher", "README.md"})
        EXPECT_TRUE(fs::exists(out / f)) << f;
    EXPECT_EQ(count(read_file(out / "nodes.csv"), "\n"), 8u);
}

TEST_F(ExportCli, RendersImagesWithGraphviz) {
    if (!have_program("dot")) GTEST_SKIP() << "Graphviz not installed (apt-get install graphviz)";
    auto svg = dir / "g.svg";
    auto r = chipgraph("--format svg -o " + q(svg));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(read_file(svg).find("</svg>"), std::string::npos);
    auto png = dir / "g.png";
    ASSERT_EQ(chipgraph("-o " + q(png)).status, 0);
    EXPECT_EQ(read_file(png).substr(0, 4), "\x89PNG");
}

TEST_F(ExportCli, ReportsMissingGraphviz) {
    auto svg = dir / "g.svg";
    auto r = chipgraph("--format svg -o " + q(svg), "/usr/bin/env PATH=/nonexistent");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "chipgraph: Graphviz is not installed: sudo apt-get install graphviz\n");
    EXPECT_FALSE(fs::exists(svg));
}

}  // namespace
}  // namespace chipgraph
