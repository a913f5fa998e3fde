// Byte-for-byte golden files for the small hand-made graph, one per format.
// CHIPGRAPH_UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
#include <gtest/gtest.h>

#include <sstream>

#include "chipgraph/exporters/dot.hpp"
#include "chipgraph/exporters/gexf.hpp"
#include "chipgraph/exporters/graphml.hpp"
#include "chipgraph/exporters/json.hpp"
#include "chipgraph/exporters/neo4j.hpp"
#include "export/export_test_util.hpp"

namespace chipgraph::exporters {
namespace {

using namespace chipgraph::testing;

const fs::path kGolden = fs::path(CHIPGRAPH_SOURCE_DIR) / "tests/export/golden";

bool updating() {
    const char* v = std::getenv("CHIPGRAPH_UPDATE_GOLDEN");
    return v && std::string(v) == "1";
}

void check_golden(const std::string& actual, const std::string& name) {
    auto path = kGolden / name;
    if (updating()) {
        write_file(path, actual);
        std::cout << "updated " << path << "\n";
        return;
    }
    ASSERT_TRUE(fs::exists(path)) << path << " is missing: run with CHIPGRAPH_UPDATE_GOLDEN=1";
    std::string expected = read_file(path);
    if (actual == expected) return;
    std::size_t at = 0;
    while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
    FAIL() << name << " differs from the golden file at byte " << at << ":\n  expected: "
           << expected.substr(at > 40 ? at - 40 : 0, 120) << "\n  actual:   " << actual.substr(at > 40 ? at - 40 : 0, 120)
           << "\n(CHIPGRAPH_UPDATE_GOLDEN=1 rewrites the golden files)";
}

TEST(Golden, GraphML) { check_golden(render(write_graphml, small_graph()), "small.graphml"); }
TEST(Golden, Gexf) { check_golden(render(write_gexf, small_graph()), "small.gexf"); }
TEST(Golden, Dot) { check_golden(render(write_dot, small_graph()), "small.dot"); }
TEST(Golden, DotClusteredByPlace) {
    ExportOptions options;
    options.cluster_by = "place";
    check_golden(render(write_dot, small_graph(), options), "small-clusters.dot");
}
TEST(Golden, Json) { check_golden(render(write_json, small_graph()), "small.json"); }
TEST(Golden, Graphology) { check_golden(render(write_graphology, small_graph()), "small.graphology.json"); }

TEST(Golden, Neo4j) {
    TempDir dir("neo4j");
    auto stats = write_neo4j(small_graph(), dir.path());
    EXPECT_EQ(stats.nodes, 10u);
    EXPECT_EQ(stats.edges, 11u);
    for (const char* file : {"nodes.csv", "relationships.csv", "import.cypher", "README.md"})
        check_golden(read_file(dir / file), std::string("small-neo4j/") + file);
}

TEST(Golden, OutputIsDeterministic) {
    auto g = small_graph();
    EXPECT_EQ(render(write_gexf, g), render(write_gexf, small_graph()));
    EXPECT_EQ(render(write_graphology, g), render(write_graphology, small_graph()));
}

}  // namespace
}  // namespace chipgraph::exporters
