// Properties of each writer that the golden files do not spell out.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <regex>
#include <set>
#include <sstream>

#include "chipgraph/core/text.hpp"
#include "chipgraph/exporters/dot.hpp"
#include "chipgraph/exporters/exporter.hpp"
#include "chipgraph/exporters/gexf.hpp"
#include "chipgraph/exporters/graphml.hpp"
#include "chipgraph/exporters/json.hpp"
#include "chipgraph/exporters/neo4j.hpp"
#include "export/export_test_util.hpp"

namespace chipgraph::exporters {
namespace {

using namespace chipgraph::testing;

bool has_forbidden_xml_chars(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 && c != '\n') return true;  // the writers escape TAB/CR too
    return s.find("\xEF\xBF\xBE") != std::string::npos || s.find("\xEF\xBF\xBF") != std::string::npos;
}

TEST(Registry, HoldsTheBuiltinFormats) {
    const auto& r = builtin_registry();
    EXPECT_EQ(r.names(), (std::vector<std::string>{"dot", "gexf", "graphml", "graphology", "json", "neo4j", "png",
                                                    "svg"}));
    EXPECT_TRUE(r.find("neo4j")->writes_directory());
    EXPECT_FALSE(r.find("graphml")->writes_directory());
    EXPECT_TRUE(r.find("png")->binary);
    EXPECT_EQ(r.find("nope"), nullptr);
    Registry mine;
    register_builtin_formats(mine);
    EXPECT_THROW(register_builtin_formats(mine), std::invalid_argument);
}

TEST(GraphML, KeysArePerDomainTypedWithoutDefaults) {
    auto out = render(write_graphml, small_graph());
    EXPECT_EQ(count(out, "<key "), 21u);
    EXPECT_EQ(count(out, "for=\"node\""), 8u);
    EXPECT_EQ(count(out, "for=\"edge\""), 13u);
    EXPECT_EQ(count(out, "for=\"all\""), 0u);
    EXPECT_EQ(count(out, "<default"), 0u);
    EXPECT_EQ(count(out, "attr.name=\"id\""), 0u);
    EXPECT_EQ(count(out, "<node "), 10u);
    EXPECT_EQ(count(out, "<edge "), 11u);
    EXPECT_NE(out.find("edgedefault=\"directed\""), std::string::npos);
    // Every node and edge carries every attribute of its domain.
    EXPECT_EQ(count(out, "<data "), 10u * 8 + 11u * 13);
    EXPECT_NE(out.find("<node id=\"n5\"><data key=\"d0\">company based in Beijing</data>"), std::string::npos);
}

TEST(GraphML, HostileTextStaysWellFormedUtf8) {
    auto h = hostile_graph();
    auto out = render(write_graphml, h.data);
    EXPECT_FALSE(text::find_invalid_utf8(out).has_value());
    EXPECT_FALSE(has_forbidden_xml_chars(out));
    EXPECT_EQ(count(out, "<node "), h.nodes);
    EXPECT_EQ(count(out, "<edge "), h.edges);
    // The 10,000-character evidence is shortened to ~300 bytes.
    std::regex evidence("<data key=\"d17\">([^<]*)</data>");
    std::size_t longest = 0;
    for (std::sregex_iterator it(out.begin(), out.end(), evidence), end; it != end; ++it)
        longest = std::max<std::size_t>(longest, static_cast<std::size_t>((*it)[1].length()));
    EXPECT_GT(longest, 250u);
    EXPECT_LT(longest, 600u);  // escaped entities make it longer than 300 bytes
}

TEST(GraphML, NonFiniteValuesAreOmitted) {
    auto h = hostile_graph();
    auto out = render(write_graphml, h.data);
    for (const char* bad : {"nan", "NaN", "inf", "INF"}) EXPECT_EQ(count(out, std::string(">") + bad + "<"), 0u) << bad;
}

TEST(GraphML, SkipsEdgesWhoseEntityIsMissing) {
    auto h = hostile_graph();
    std::ostringstream out;
    auto stats = write_graphml(h.data, out);
    EXPECT_EQ(stats.nodes, h.nodes);
    EXPECT_EQ(stats.edges, h.edges);
    EXPECT_EQ(stats.skipped, 1u);
    EXPECT_EQ(out.str().find("n99999"), std::string::npos);
}

TEST(GraphML, DuplicateEntityIdsAreWrittenOnce) {
    auto g = small_graph();
    g.entities.push_back(g.entities[2]);
    g.entities.back().name = "duplicate";
    auto out = render(write_graphml, g);
    EXPECT_EQ(count(out, "<node id=\"n3\""), 1u);
    EXPECT_EQ(out.find("duplicate"), std::string::npos);
}

TEST(Gexf, DeclaresNumericAttributesAndDynamicSpells) {
    auto out = render(write_gexf, small_graph());
    EXPECT_NE(out.find("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\""), std::string::npos);
    EXPECT_NE(out.find("mode=\"dynamic\" timeformat=\"date\""), std::string::npos);
    EXPECT_NE(out.find("<attribute id=\"0\" title=\"type\" type=\"string\"/>"), std::string::npos);
    EXPECT_NE(out.find("<attribute id=\"2\" title=\"unnamed\" type=\"boolean\"/>"), std::string::npos);
    EXPECT_LT(out.find("<attributes"), out.find("<nodes"));
    EXPECT_LT(out.find("<nodes"), out.find("<edges"));
    // Megaspeed -> H100 "uses" spans 2024-03-01 (a.txt) to the end of May 2024 (b.txt: "2024-05").
    EXPECT_NE(out.find("kind=\"uses\" weight=\"0.88\"><attvalues>"), std::string::npos);
    EXPECT_NE(out.find("<spells><spell start=\"2024-03-01\" end=\"2024-05-31\"/></spells></edge>"), std::string::npos);
    // Derek Aw only has undated claims: no spell on him.
    auto aw = out.find("<node id=\"n6\"");
    EXPECT_EQ(out.substr(aw, out.find("</node>", aw) - aw).find("<spells>"), std::string::npos);
    EXPECT_EQ(count(out, "<viz:color "), 10u);
    EXPECT_EQ(count(out, "<viz:size "), 10u);
    EXPECT_EQ(count(out, " kind=\""), 11u);
}

TEST(Gexf, StaticWithoutDatesAndNoInvalidDates) {
    auto g = small_graph();
    for (auto& c : g.claims) c.document_date = "";
    aggregate_edges(g);
    auto out = render(write_gexf, g);
    EXPECT_NE(out.find("mode=\"static\""), std::string::npos);
    EXPECT_EQ(out.find("<spells>"), std::string::npos);

    auto h = hostile_graph();
    auto hostile = render(write_gexf, h.data);
    EXPECT_NE(hostile.find("value=\"2024-02-30\""), std::string::npos);  // kept as an attribute value
    EXPECT_EQ(count(hostile, "start=\"2024-02-30\""), 0u);                // but never a spell
    EXPECT_EQ(count(hostile, "end=\"2024-02-30\""), 0u);
    EXPECT_NE(hostile.find("<spell start=\"2024-01-01\" end=\"2024-12-31\"/>"), std::string::npos);
    EXPECT_FALSE(text::find_invalid_utf8(hostile).has_value());
    EXPECT_FALSE(has_forbidden_xml_chars(hostile));
}

TEST(Gexf, WeightsArePositive) {
    auto h = hostile_graph();
    auto out = render(write_gexf, h.data);
    std::regex weight(" weight=\"([^\"]*)\"");
    std::size_t n = 0;
    for (std::sregex_iterator it(out.begin(), out.end(), weight), end; it != end; ++it, ++n)
        EXPECT_GT(std::stod((*it)[1]), 0.0);
    EXPECT_EQ(n, h.edges);
}

TEST(Dot, StylesEdgesByStatusAndListsTypes) {
    auto out = render(write_dot, small_graph());
    EXPECT_EQ(out.find("digraph \"chipgraph\" {"), out.find("digraph"));
    EXPECT_NE(out.find("rankdir=LR"), std::string::npos);
    EXPECT_NE(out.find("charset=\"UTF-8\""), std::string::npos);
    // Megaspeed -> company: supplies (alleged) is dashed; Aw owns (denied) is dotted;
    // Megaspeed uses H100 (asserted + alleged) stays solid.
    EXPECT_NE(out.find("\"n3\" -> \"n5\" [label=\"supplies\""), std::string::npos);
    auto line_of = [&](const std::string& start) {
        auto p = out.find(start);
        return out.substr(p, out.find('\n', p) - p);
    };
    EXPECT_NE(line_of("\"n3\" -> \"n5\" [label=\"supplies\"").find("style=dashed"), std::string::npos);
    EXPECT_NE(line_of("\"n6\" -> \"n9\"").find("style=dotted"), std::string::npos);
    EXPECT_EQ(line_of("\"n3\" -> \"n2\"").find("style="), std::string::npos);
    EXPECT_NE(out.find("subgraph cluster_legend"), std::string::npos);
    EXPECT_EQ(count(out, "\"legend_"), 8u);
    ExportOptions no_legend;
    no_legend.legend = false;
    EXPECT_EQ(render(write_dot, small_graph(), no_legend).find("legend"), std::string::npos);
}

TEST(Dot, ClustersByPlaceKeepEachNodeInOneCluster) {
    ExportOptions options;
    options.cluster_by = "place";
    options.legend = false;
    auto out = render(write_dot, small_graph(), options);
    EXPECT_EQ(count(out, "subgraph cluster_"), 1u);
    auto begin = out.find("subgraph cluster_0 {");
    ASSERT_NE(begin, std::string::npos);
    auto body = out.substr(begin, out.find("  }\n", begin) - begin);
    EXPECT_NE(body.find("label=\"Singapore\""), std::string::npos);
    for (const char* member : {"\"n3\" [", "\"n4\" [", "\"n9\" ["}) EXPECT_NE(body.find(member), std::string::npos);
    EXPECT_EQ(body.find("\"n1\" ["), std::string::npos);
    for (int id = 1; id <= 10; ++id) {
        auto node = "\"n" + std::to_string(id) + "\" [label=";
        EXPECT_EQ(count(out, "\n  " + node) + count(out, "\n    " + node), 1u) << id;
    }
    options.cluster_by = "country";
    EXPECT_THROW(render(write_dot, small_graph(), options), ExportError);
}

TEST(Dot, LargeGraphsDropEdgeLabels) {
    GraphData g;
    for (int i = 0; i < 400; ++i)
        g.entities.push_back(entity(i + 1, std::to_string(i) + " Ltd", EntityType::organization, {}, {}, 1));
    for (int i = 0; i < 400; ++i)
        g.claims.push_back(claim(i + 1, i + 1, "supplies", (i + 7) % 400 + 1, "d", "", 0.5, ClaimStatus::asserted, 1, "s"));
    aggregate_edges(g);
    auto out = render(write_dot, g);
    EXPECT_EQ(out.find("label=\"supplies\""), std::string::npos);
    EXPECT_NE(out.find("overlap=prism"), std::string::npos);
    ExportOptions always;
    always.edge_labels = EdgeLabels::always;
    EXPECT_EQ(count(render(write_dot, g, always), "label=\"supplies\""), 400u);
}

TEST(Dot, HostileLabelsAreEscaped) {
    auto out = render(write_dot, hostile_graph().data);
    EXPECT_FALSE(text::find_invalid_utf8(out).has_value());
    for (unsigned char c : out) EXPECT_TRUE(c >= 0x20 || c == '\n') << int(c);
    EXPECT_NE(out.find("[label=\"C:\\\\path\\\\to\\\\\", "), std::string::npos);
    EXPECT_NE(out.find("[label=\"\\\\N \\\\G \\\\E"), std::string::npos);
    EXPECT_NE(out.find("[label=\"line one\\nline two\\nline three\\nfour\""), std::string::npos);
}

rapidjson::Document parse(const std::string& s) {
    rapidjson::Document d;
    d.Parse(s.c_str(), s.size());
    EXPECT_FALSE(d.HasParseError()) << "offset " << d.GetErrorOffset();
    return d;
}

TEST(Json, FollowsTheEvaluationContract) {
    auto d = parse(render(write_json, small_graph()));
    ASSERT_TRUE(d.IsObject());
    ASSERT_EQ(d["entities"].Size(), 10u);
    ASSERT_EQ(d["claims"].Size(), 12u);
    ASSERT_EQ(d["edges"].Size(), 11u);
    const auto& e = d["entities"][4];
    EXPECT_STREQ(e["id"].GetString(), "e5");
    EXPECT_STREQ(e["name"].GetString(), "company based in Beijing");
    EXPECT_STREQ(e["type"].GetString(), "organization");
    EXPECT_TRUE(e["unnamed"].GetBool());
    EXPECT_STREQ(e["documents"][0].GetString(), "corpus/2024/b.txt");
    const auto& c = d["claims"][1];
    EXPECT_STREQ(c["id"].GetString(), "c2");
    EXPECT_STREQ(c["subject"].GetString(), "e3");
    EXPECT_STREQ(c["object"].GetString(), "e2");
    EXPECT_STREQ(c["document"].GetString(), "corpus/2024/a.txt");
    EXPECT_DOUBLE_EQ(c["confidence"].GetDouble(), 0.7);
    EXPECT_STREQ(c["status"].GetString(), "asserted");
    EXPECT_STREQ(c["qualifiers"]["product"].GetString(), "H100 | servers");
    EXPECT_STREQ(c["qualifiers"]["quantity"].GetString(), "2,000");
    EXPECT_EQ(c["evidence"]["start"].GetInt(), 200);
    EXPECT_STREQ(c["attribution"].GetString(), "The Wall Street Journal");
    const auto& edge = d["edges"][4];  // edges are sorted by (subject, predicate, object)
    EXPECT_STREQ(edge["predicate"].GetString(), "uses");
    EXPECT_EQ(edge["claims"].Size(), 2u);
    EXPECT_EQ(edge["independent_sources"].GetInt(), 2);
}

TEST(Json, HostileGraphIsStrictJson) {
    auto h = hostile_graph();
    auto s = render(write_json, h.data);
    EXPECT_FALSE(text::find_invalid_utf8(s).has_value());
    EXPECT_EQ(s.find("NaN"), std::string::npos);
    auto d = parse(s);
    EXPECT_EQ(d["entities"].Size(), h.nodes);
    EXPECT_EQ(d["claims"].Size(), h.data.claims.size() - 1);  // the claim to a missing entity
    EXPECT_EQ(d["edges"].Size(), h.edges);
    // The evidence sentence stays whole in the contract export (it is the claim's evidence).
    std::size_t longest = 0;
    for (const auto& c : d["claims"].GetArray())
        longest = std::max<std::size_t>(longest, c["evidence"]["sentence"].GetStringLength());
    EXPECT_GE(longest, 10000u);
}

TEST(Graphology, HasOptionsKeysAndRenderingAttributes) {
    auto d = parse(render(write_graphology, small_graph()));
    EXPECT_STREQ(d["options"]["type"].GetString(), "directed");
    EXPECT_TRUE(d["options"]["multi"].GetBool());
    ASSERT_EQ(d["nodes"].Size(), 10u);
    ASSERT_EQ(d["edges"].Size(), 11u);
    const auto& n = d["nodes"][0];
    EXPECT_STREQ(n["key"].GetString(), "n1");
    for (const char* attr : {"label", "type", "aliases", "unnamed", "mentions", "documents", "document_list", "degree",
                             "color", "size", "x", "y"})
        EXPECT_TRUE(n["attributes"].HasMember(attr)) << attr;
    EXPECT_STREQ(n["attributes"]["color"].GetString(), "#4e79a7");
    const auto& e = d["edges"][0];
    EXPECT_STREQ(e["key"].GetString(), "e0");
    EXPECT_STREQ(e["source"].GetString(), "n1");
    EXPECT_FALSE(e["attributes"].HasMember("type"));  // sigma.js reads edge "type" as its renderer
    EXPECT_GT(e["attributes"]["weight"].GetDouble(), 0.0);
}

TEST(Neo4j, CsvFilesRoundTripHostileText) {
    auto h = hostile_graph();
    TempDir dir("neo4j");
    auto stats = write_neo4j(h.data, dir.path() / "sub" / "dir");
    EXPECT_EQ(stats.nodes, h.nodes);
    auto nodes = read_file(dir.path() / "sub/dir/nodes.csv");
    auto rels = read_file(dir.path() / "sub/dir/relationships.csv");
    EXPECT_EQ(nodes.substr(0, nodes.find('\n')),
              "entityId:ID,name,type,:LABEL,aliases:string[],unnamed:boolean,mentions:int");
    EXPECT_EQ(rels.substr(0, rels.find('\n')),
              ":START_ID,:END_ID,:TYPE,claims:int,confidence:double,evidence,sources:string[]");
    EXPECT_FALSE(text::find_invalid_utf8(nodes).has_value());
    EXPECT_NE(nodes.find("\"He said \"\"hi\"\" & 'bye'\""), std::string::npos);
    EXPECT_NE(nodes.find(",Entity;Organization,"), std::string::npos);
    EXPECT_NE(rels.find(",PAID_VIA__CASH_____,"), std::string::npos);
    EXPECT_NE(read_file(dir.path() / "sub/dir/README.md").find("--multiline-fields=true"), std::string::npos);
    if (!python_has("csv")) GTEST_SKIP() << "/usr/bin/python3 not available";
    // Python's csv module (RFC 4180) sees one row per entity / edge with 7 fields each.
    auto r = run_command("/usr/bin/python3 -c \"import csv,sys\n"
                         "for f in sys.argv[1:]:\n"
                         "  rows=list(csv.reader(open(f,newline='',encoding='utf-8')))\n"
                         "  print(len(rows)-1, set(len(r) for r in rows))\" " +
                         shell_quote((dir.path() / "sub/dir/nodes.csv").string()) + " " +
                         shell_quote((dir.path() / "sub/dir/relationships.csv").string()));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, std::to_string(h.nodes) + " {7}\n" + std::to_string(h.edges) + " {7}\n");
}

TEST(Writers, FailingStreamThrowsExportError) {
    std::ostringstream bad;
    bad.setstate(std::ios::badbit);
    EXPECT_THROW(write_graphml(small_graph(), bad), ExportError);
    EXPECT_THROW(write_json(small_graph(), bad), ExportError);
}

}  // namespace
}  // namespace chipgraph::exporters
