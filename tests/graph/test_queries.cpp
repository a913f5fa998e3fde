#include <fmt/format.h>
#include <gtest/gtest.h>

#include "chipgraph/graph/analysis.hpp"
#include "chipgraph/graph/chains.hpp"
#include "chipgraph/graph/neighbors.hpp"
#include "chipgraph/graph/selection.hpp"
#include "fixture.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>

#include <random>

using namespace chipgraph;
using namespace chipgraph::graph;
using chipgraph::graph::testing::Builder;
using chipgraph::graph::testing::names;
using chipgraph::graph::testing::vertex;

namespace {

// The Brisbane scheme: investors fund Aw, Aw owns the servers, the servers supply a
// Beijing company, which is a front for an AI lab; plus distractors.
GraphData brisbane() {
    Builder b;
    b.claim("investors in Dubai", "funds", "Derek Aw", 0.7)
        .claim("Derek Aw", "owns", "servers in Brisbane", 0.8)
        .claim("servers in Brisbane", "supplies", "company based in Beijing", 0.6)
        .claim("company based in Beijing", "subsidiary_of", "AI lab", 0.5)
        .claim("Derek Aw", "located_in", "Australia", 0.9)
        .claim("Nvidia", "supplies", "servers in Brisbane", 0.9)
        .claim("Nvidia", "produces", "H100", 0.9)
        .claim("US government", "restricts", "H100", 0.9);
    return b.build();
}

}  // namespace

TEST(Chains, ToFollowsCustomerOfCustomer) {
    KnowledgeGraph g(brisbane());
    ChainQuery q;
    q.to = vertex(g, "AI lab");
    auto r = find_chains(g, q);
    ASSERT_EQ(r.chains.size(), 2u);
    EXPECT_EQ(names(g, r.chains[0]), "investors in Dubai>Derek Aw>servers in Brisbane>company based in Beijing>AI lab");
    EXPECT_EQ(names(g, r.chains[1]), "Nvidia>servers in Brisbane>company based in Beijing>AI lab");
    EXPECT_FALSE(r.capped);
    EXPECT_NEAR(r.chains[0].confidence, 0.7 * 0.8 * 0.6 * 0.5, 1e-9);
}

TEST(Chains, FromAndBetween) {
    KnowledgeGraph g(brisbane());
    ChainQuery q;
    q.from = vertex(g, "investors in Dubai");
    auto r = find_chains(g, q);
    ASSERT_EQ(r.chains.size(), 1u);  // located_in does not extend a chain
    EXPECT_EQ(r.chains[0].length(), 4u);
    q.max_hops = 2;  // no supplies hop within two hops: no chain
    EXPECT_TRUE(find_chains(g, q).chains.empty());
    q.max_hops = 3;
    EXPECT_EQ(names(g, find_chains(g, q).chains.at(0)),
              "investors in Dubai>Derek Aw>servers in Brisbane>company based in Beijing");
    q = {};
    q.from = vertex(g, "Derek Aw");
    q.to = vertex(g, "company based in Beijing");
    r = find_chains(g, q);
    ASSERT_EQ(r.chains.size(), 1u);
    EXPECT_EQ(r.chains[0].length(), 2u);
    q.filter.min_confidence = 0.65;  // the supplies claim (0.6) no longer counts
    EXPECT_TRUE(find_chains(g, q).chains.empty());
    q = {};
    q.from = vertex(g, "Nvidia");
    q.max_chains = 0;
    r = find_chains(g, q);
    EXPECT_TRUE(r.chains.empty());
    EXPECT_TRUE(r.capped);
    EXPECT_THROW(find_chains(g, ChainQuery{}), std::invalid_argument);
}

TEST(Chains, NoSuppliesNoChain) {
    Builder b;
    b.claim("A", "owns", "B").claim("B", "funds", "C");
    KnowledgeGraph g(b.build());
    ChainQuery q;
    q.from = vertex(g, "A");
    EXPECT_TRUE(find_chains(g, q).chains.empty());
}

TEST(Neighbors, DepthAndDirection) {
    KnowledgeGraph g(brisbane());
    Vertex aw = vertex(g, "Derek Aw");
    NeighborQuery q;
    auto r = neighbors(g, aw, q);
    ASSERT_EQ(r.vertices.size(), 4u);  // Aw + investors, servers, Australia
    EXPECT_EQ(r.vertices[0], aw);
    ASSERT_EQ(r.edges.size(), 3u);
    EXPECT_TRUE(r.edges[0].hop.forward);  // out-edges first
    EXPECT_EQ(g.edge_record(r.edges[0].hop.edge).predicate, "located_in");
    EXPECT_EQ(g.edge_record(r.edges[1].hop.edge).predicate, "owns");
    EXPECT_FALSE(r.edges[2].hop.forward);
    EXPECT_EQ(g.entity(r.edges[2].far).name, "investors in Dubai");
    q.depth = 2;
    r = neighbors(g, aw, q);
    EXPECT_EQ(r.vertices.size(), 6u);  // + Nvidia, company based in Beijing
    EXPECT_EQ(r.depth.back(), 2);
    q.incoming = false;
    r = neighbors(g, aw, q);
    EXPECT_EQ(r.vertices.size(), 4u);  // Australia, servers, company
    q.depth = 10;
    q.incoming = true;
    EXPECT_EQ(neighbors(g, aw, q).vertices.size(), g.vertex_count());
    q.filter.predicates = {"owns", "funds"};
    EXPECT_EQ(neighbors(g, aw, q).vertices.size(), 3u);
    q = {};
    q.depth = 3;
    q.filter.types = {EntityType::organization};  // only the center may be something else... all are orgs here
    EXPECT_EQ(neighbors(g, aw, q).vertices.size(), 8u);
}

TEST(Analysis, ComponentsAndBetweenness) {
    Builder b;
    // Path a -> b -> c -> d plus an isolated pair e -> f and a lone g.
    b.claim("a", "supplies", "b").claim("b", "supplies", "c").claim("c", "supplies", "d");
    b.claim("b", "owns", "c");  // parallel edge: counts once for centrality
    b.claim("e", "funds", "f");
    b.entity("g");
    KnowledgeGraph g(b.build());
    auto cs = weak_components(g);
    EXPECT_EQ(cs.count, 3u);
    EXPECT_EQ(cs.largest, 4u);
    EXPECT_EQ(cs.isolated, 1u);
    EXPECT_EQ(cs.of[vertex(g, "a")], 0u);
    EXPECT_EQ(cs.of[vertex(g, "a")], cs.of[vertex(g, "d")]);
    EXPECT_NE(cs.of[vertex(g, "a")], cs.of[vertex(g, "e")]);

    auto bc = betweenness(g);
    EXPECT_FALSE(bc.sampled);
    // b lies on a->c, a->d; c on a->d, b->d.
    EXPECT_DOUBLE_EQ(bc.score[vertex(g, "b")], 2.0);
    EXPECT_DOUBLE_EQ(bc.score[vertex(g, "c")], 2.0);
    EXPECT_DOUBLE_EQ(bc.score[vertex(g, "a")], 0.0);
    auto top = top_vertices(bc.score, 2);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(top[0].first, vertex(g, "b"));
}

// The sampled Brandes from every source equals Boost's exact betweenness.
TEST(Analysis, SampledBrandesMatchesBoost) {
    std::mt19937 rng(3);
    Builder b;
    const int n = 60;
    for (int i = 0; i < n; ++i) b.entity(fmt::format("n{}", i));
    for (int k = 0; k < 200; ++k) {
        int s = rng() % n, o = rng() % n;
        if (s != o) b.claim(fmt::format("n{}", s), k % 3 ? "supplies" : "owns", fmt::format("n{}", o));
    }
    KnowledgeGraph g(b.build());
    auto exact = betweenness(g);
    BetweennessOptions all;
    all.exact_limit = 0;
    all.samples = n;
    auto sampled = betweenness(g, all);
    EXPECT_FALSE(sampled.sampled);
    for (int v = 0; v < n; ++v) EXPECT_NEAR(exact.score[v], sampled.score[v], 1e-9) << v;
    BetweennessOptions some;
    some.exact_limit = 0;
    some.samples = 10;
    auto approx = betweenness(g, some);
    EXPECT_TRUE(approx.sampled);
    EXPECT_EQ(approx.sources, 10u);
    // Explicit sources: the scaled sum of their dependencies.
    BetweennessOptions fixed;
    fixed.sources = {0, 5, 9};
    auto f = betweenness(g, fixed);
    auto dep = source_dependencies(g, fixed.sources);
    for (int v = 0; v < n; ++v) EXPECT_NEAR(f.score[v], dep[v] * n / 3.0, 1e-9);
}

TEST(Selection, FilterAroundPathAndInduced) {
    GraphData data = brisbane();
    auto id = [&](const std::string& name) {
        for (auto& e : data.entities)
            if (e.name == name) return e.id;
        return EntityId{-1};
    };
    Filter f;
    f.predicates = {"supplies"};
    auto s = select(data, f);
    EXPECT_EQ(s.entities.size(), data.entities.size());
    EXPECT_EQ(s.claims.size(), 2u);
    EXPECT_EQ(s.edges.size(), 2u);
    f = {};
    f.types = {EntityType::organization};
    EXPECT_EQ(select(data, f).claims.size(), data.claims.size());

    auto around = select_around(data, id("Derek Aw"), 1);
    EXPECT_EQ(around.entities.size(), 4u);
    EXPECT_EQ(around.claims.size(), 3u);
    EXPECT_EQ(select_around(data, id("Derek Aw"), 0).entities.size(), 1u);
    EXPECT_THROW(select_around(data, 12345, 1), std::invalid_argument);

    auto path = select_path(data, id("investors in Dubai"), id("AI lab"));
    EXPECT_EQ(path.entities.size(), 5u);
    EXPECT_EQ(path.claims.size(), 4u);
    EXPECT_EQ(path.edges.size(), 4u);
    PathQuery none;
    auto nopath = select_path(data, id("AI lab"), id("Nvidia"), none);
    EXPECT_EQ(nopath.entities.size(), 2u);
    EXPECT_TRUE(nopath.claims.empty());

    auto induced = select_entities(data, {id("Nvidia"), id("H100"), id("US government")});
    EXPECT_EQ(induced.entities.size(), 3u);
    EXPECT_EQ(induced.claims.size(), 2u);
}

TEST(Edges, IndependentSourcesCountGroups) {
    Builder b;
    // Three documents; b.txt and c.txt retell the same report.
    b.claim("X", "supplies", "Y", 0.5, "a.txt", "2024-01-01")
        .claim("X", "supplies", "Y", 0.6, "b.txt", "2024-02-01", "wsj")
        .claim("X", "supplies", "Y", 0.7, "c.txt", "2024-03-01", "wsj");
    KnowledgeGraph g(b.build());
    ASSERT_EQ(g.edge_count(), 1u);
    const auto& e = g.data().edges[0];
    EXPECT_EQ(e.claims.size(), 3u);
    EXPECT_EQ(e.document_count, 3);
    EXPECT_EQ(e.independent_sources, 2);
    EXPECT_NEAR(e.combined_confidence, 1 - 0.5 * 0.3, 1e-9);
    EXPECT_EQ(e.first_date, "2024-01-01");
    EXPECT_EQ(e.last_date, "2024-03-01");
}
