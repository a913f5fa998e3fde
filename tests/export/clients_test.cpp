// The exported files, loaded by the programs people open them with: the shared
// validator (../shared/validate/validate-graph: schema, NetworkX, igraph, graphology,
// Graphviz) and, independently of ../shared, xmllint, NetworkX, igraph and dot.
// Tests skip with a message when a tool is missing.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chipgraph/exporters/dot.hpp"
#include "chipgraph/exporters/gexf.hpp"
#include "chipgraph/exporters/graphml.hpp"
#include "chipgraph/exporters/json.hpp"
#include "export/export_test_util.hpp"

namespace chipgraph::exporters {
namespace {

using namespace chipgraph::testing;

const std::string kValidator = CHIPGRAPH_SHARED_DIR "/validate/validate-graph";

struct Case {
    std::string name;
    GraphData data;
    std::size_t nodes, edges, types;
};

Case small_case() { return {"small", small_graph(), 10, 11, 8}; }
Case hostile_case() {
    auto h = hostile_graph();
    return {"hostile", std::move(h.data), h.nodes, h.edges, h.types_present};
}

template <class Writer>
fs::path write(const TempDir& dir, const std::string& name, Writer writer, const GraphData& g,
               const ExportOptions& options = {}) {
    auto path = dir / name;
    std::ofstream out(path, std::ios::binary);
    writer(g, out, options);
    return path;
}

void validate(const fs::path& file, const std::string& format, std::size_t nodes, std::size_t edges,
              const std::string& extra = "") {
    if (!fs::exists(kValidator)) GTEST_SKIP() << "../shared not found (" << kValidator << ")";
    std::string cmd = shell_quote(kValidator) + " " + shell_quote(file.string()) + " " + format +
                      " --allow-missing --counts" + extra;
    if (nodes != std::size_t(-1))
        cmd += " --expect-nodes " + std::to_string(nodes) + " --expect-edges " + std::to_string(edges);
    auto r = run_command(cmd);
    // Tools the validator could not find are reported as SKIP lines (--allow-missing): show them.
    for (std::istringstream lines(r.out); !lines.eof();) {
        std::string line;
        std::getline(lines, line);
        if (line.find("not available") != std::string::npos) std::cout << "  [validator] " << line << "\n";
    }
    EXPECT_EQ(r.status, 0) << cmd << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("SUMMARY PASS"), std::string::npos) << r.out;
}

class Clients : public ::testing::TestWithParam<std::string> {
protected:
    Case c = GetParam() == "small" ? small_case() : hostile_case();
    TempDir dir{"clients"};
};

TEST_P(Clients, ValidatorGraphML) {
    validate(write(dir, "g.graphml", write_graphml, c.data), "graphml", c.nodes, c.edges);
}

TEST_P(Clients, ValidatorGexf) { validate(write(dir, "g.gexf", write_gexf, c.data), "gexf", c.nodes, c.edges); }

TEST_P(Clients, ValidatorDot) {
    // The legend adds one node per entity type present.
    validate(write(dir, "g.dot", write_dot, c.data), "dot", c.nodes + c.types, c.edges);
    ExportOptions clusters;
    clusters.cluster_by = "place";
    clusters.legend = false;
    validate(write(dir, "c.dot", write_dot, c.data, clusters), "dot", c.nodes, c.edges);
}

TEST_P(Clients, ValidatorGraphology) {
    validate(write(dir, "g.json", write_graphology, c.data), "json", c.nodes, c.edges);
}

TEST_P(Clients, ValidatorJsonContract) {
    // No "nodes" array: the validator checks strict JSON syntax only.
    validate(write(dir, "g.json", write_json, c.data), "json", std::size_t(-1), 0);
}

TEST_P(Clients, XmllintWellFormed) {
    if (!have_program("xmllint")) GTEST_SKIP() << "xmllint not installed (apt-get install libxml2-utils)";
    for (auto path : {write(dir, "g.graphml", write_graphml, c.data), write(dir, "g.gexf", write_gexf, c.data)}) {
        auto r = run_command("xmllint --noout --nonet " + shell_quote(path.string()));
        EXPECT_EQ(r.status, 0) << path << "\n" << r.err;
        EXPECT_EQ(r.err, "");
    }
}

TEST_P(Clients, NetworkxReadsGraphML) {
    if (!python_has("networkx")) GTEST_SKIP() << "NetworkX not installed (apt-get install python3-networkx)";
    auto path = write(dir, "g.graphml", write_graphml, c.data);
    auto r = run_command(
        "/usr/bin/python3 -c \"import sys, networkx as nx\n"
        "G = nx.read_graphml(sys.argv[1])\n"
        "na = set(k for _, d in G.nodes(data=True) for k in d)\n"
        "ea = set(k for *_, d in G.edges(data=True) for k in d)\n"
        "assert all('type' in d for _, d in G.nodes(data=True))\n"
        "print(G.is_directed(), G.number_of_nodes(), G.number_of_edges(), len(na), len(ea - {'id'}))\" " +
        shell_quote(path.string()));
    ASSERT_EQ(r.status, 0) << r.err;
    // NetworkX keeps the GraphML edge id as an "id" attribute when no pair repeats (not
    // counted), and drops empty <data></data> (so count the union of the keys).
    std::string expected = "True " + std::to_string(c.nodes) + " " + std::to_string(c.edges) + " 8 13\n";
    EXPECT_EQ(r.out, expected);
}

TEST_P(Clients, IgraphReadsGraphML) {
    if (!python_has("igraph")) GTEST_SKIP() << "igraph not installed (apt-get install python3-igraph)";
    auto path = write(dir, "g.graphml", write_graphml, c.data);
    auto r = run_command(
        "/usr/bin/python3 -W error -c \"import sys, igraph\n"
        "G = igraph.Graph.Read_GraphML(sys.argv[1])\n"
        "print(G.is_directed(), G.vcount(), G.ecount(), sorted(G.vs.attributes()), len(set(G.es.attributes()) - {'id'}))\" " +
        shell_quote(path.string()));
    ASSERT_EQ(r.status, 0) << r.err;
    std::string expected = "True " + std::to_string(c.nodes) + " " + std::to_string(c.edges) +
                           " ['aliases', 'degree', 'document_list', 'documents', 'id', 'label', 'mentions', 'type', "
                           "'unnamed'] 13\n";
    EXPECT_EQ(r.out, expected);
}

TEST_P(Clients, GraphvizRendersDotWithoutWarnings) {
    if (!have_program("dot")) GTEST_SKIP() << "Graphviz not installed (apt-get install graphviz)";
    ExportOptions clusters;
    clusters.cluster_by = "place";
    for (auto path : {write(dir, "g.dot", write_dot, c.data), write(dir, "c.dot", write_dot, c.data, clusters)}) {
        auto r = run_command("dot -Tsvg " + shell_quote(path.string()));
        EXPECT_EQ(r.status, 0) << path << r.err;
        EXPECT_EQ(r.err, "") << path;
        EXPECT_NE(r.out.find("</svg>"), std::string::npos);
    }
}

TEST_P(Clients, RenderGraphvizSvgAndPng) {
    if (find_on_path("dot").empty()) GTEST_SKIP() << "Graphviz not installed (apt-get install graphviz)";
    std::ostringstream svg, png;
    auto stats = render_graphviz(c.data, svg, "svg");
    EXPECT_EQ(stats.nodes, c.nodes);
    EXPECT_NE(svg.str().find("<svg"), std::string::npos);
    EXPECT_NE(svg.str().find("</svg>"), std::string::npos);
    render_graphviz(c.data, png, "png");
    EXPECT_EQ(png.str().substr(0, 8), "\x89PNG\r\n\x1a\n");
}

INSTANTIATE_TEST_SUITE_P(Graphs, Clients, ::testing::Values("small", "hostile"));

TEST(Graphviz, MissingDotIsReportedWithTheInstallCommand) {
    const char* old = std::getenv("PATH");
    std::string saved = old ? old : "";
    setenv("PATH", "/nonexistent", 1);
    std::ostringstream out;
    try {
        render_graphviz(small_graph(), out, "svg");
        ADD_FAILURE() << "expected ExportError";
    } catch (const ExportError& e) {
        EXPECT_STREQ(e.what(), "Graphviz is not installed: sudo apt-get install graphviz");
    }
    setenv("PATH", saved.c_str(), 1);
}

}  // namespace
}  // namespace chipgraph::exporters
