#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "chipgraph/graph/paths.hpp"
#include "fixture.hpp"

using namespace chipgraph;
using namespace chipgraph::graph;
using chipgraph::graph::testing::Builder;
using chipgraph::graph::testing::names;
using chipgraph::graph::testing::vertex;

namespace {

// A -> B -> C -> D (supplies), A -> E -> D (owns, low confidence), D -> F (located_in).
GraphData diamond() {
    Builder b;
    b.claim("A", "supplies", "B", 0.9)
        .claim("B", "supplies", "C", 0.9)
        .claim("C", "supplies", "D", 0.9)
        .claim("A", "owns", "E", 0.3, "b.txt", "2023-06-01")
        .claim("E", "supplies", "D", 0.4, "b.txt", "2023-06-01")
        .claim("D", "located_in", "F", 0.8);
    b.data.entities[b.ids["E"] - 1].type = EntityType::person;
    b.data.entities[b.ids["F"] - 1].type = EntityType::place;
    return b.build();
}

}  // namespace

TEST(KnowledgeGraph, BuildsCsrWithBundles) {
    KnowledgeGraph g(diamond());
    EXPECT_EQ(g.vertex_count(), 6u);
    EXPECT_EQ(g.edge_count(), 6u);
    Vertex a = vertex(g, "A");
    EXPECT_EQ(g.vertex_of(g.entity(a).id), a);
    EXPECT_FALSE(g.vertex_of(999).has_value());
    EXPECT_EQ(out_degree(a, g.csr()), 2u);
    EXPECT_EQ(in_degree(vertex(g, "D"), g.csr()), 2u);
    for (auto e : boost::make_iterator_range(edges(g.csr()))) {
        const auto& rec = g.edge_record(e);
        EXPECT_EQ(g.entity(source(e, g.csr())).id, rec.subject);
        EXPECT_EQ(g.entity(target(e, g.csr())).id, rec.object);
        EXPECT_EQ(g.predicate_name(g.csr()[e].predicate), rec.predicate);
    }
    EXPECT_TRUE(g.predicate_id("supplies").has_value());
    EXPECT_FALSE(g.predicate_id("nope").has_value());
    EXPECT_GT(g.structure_bytes(), 0u);
    EXPECT_LT(g.structure_bytes() / g.edge_count(), 150u);
}

TEST(KnowledgeGraph, PredicateRowsAndSparseIds) {
    // Hand-made data, edges deliberately not in (subject, predicate, object) order, and
    // entity ids far apart (no direct id table).
    GraphData d;
    for (EntityId id : {900000, 5, 70000, 12}) {
        EntityRecord e;
        e.id = id;
        e.name = fmt::format("e{}", id);
        d.entities.push_back(e);
    }
    auto edge = [&](EntityId s, const char* p, EntityId o, double c) {
        EdgeRecord e;
        e.subject = s;
        e.predicate = p;
        e.object = o;
        e.combined_confidence = c;
        d.edges.push_back(e);
    };
    edge(5, "uses", 12, 0.5);
    edge(5, "supplies", 900000, 0.5);
    edge(5, "funds", 70000, 0.5);
    edge(5, "supplies", 70000, 0.5);
    edge(12, "supplies", 5, 0.5);
    KnowledgeGraph g(d);
    EXPECT_EQ(g.vertex_of(900000), 0u);
    EXPECT_EQ(g.vertex_of(12), 3u);
    EXPECT_FALSE(g.vertex_of(13).has_value());
    EXPECT_FALSE(g.vertex_of(-1).has_value());
    // Predicates are numbered in name order.
    EXPECT_LT(*g.predicate_id("funds"), *g.predicate_id("supplies"));
    EXPECT_LT(*g.predicate_id("supplies"), *g.predicate_id("uses"));
    Vertex five = *g.vertex_of(5);
    auto [b, e] = g.out_edges_with(five, *g.predicate_id("supplies"));
    ASSERT_EQ(e - b, 2);
    std::set<Vertex> targets;
    for (auto it = b; it != e; ++it) targets.insert(target(*it, g.csr()));
    EXPECT_EQ(targets, (std::set<Vertex>{0u, 2u}));
    auto [b2, e2] = g.out_edges_with(*g.vertex_of(12), *g.predicate_id("funds"));
    EXPECT_EQ(b2, e2);
    // Each CSR edge still maps to its record.
    for (auto ed : boost::make_iterator_range(edges(g.csr())))
        EXPECT_EQ(g.predicate_name(g.csr()[ed].predicate), g.edge_record(ed).predicate);
    EXPECT_EQ(count_simple_paths(g, *g.vertex_of(12), 2, *g.predicate_id("supplies")), 3u);
    EXPECT_EQ(count_simple_paths(g, *g.vertex_of(12), 3), 4u);
}

TEST(Paths, ShortestByHopsFollowsDirection) {
    KnowledgeGraph g(diamond());
    auto r = find_paths(g, vertex(g, "A"), vertex(g, "D"), {});
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(names(g, r.paths[0]), "A>E>D");
    EXPECT_EQ(r.paths[0].length(), 2u);
    EXPECT_NEAR(r.paths[0].confidence, 0.3 * 0.4, 1e-9);
    // Against the direction: nothing, unless undirected.
    EXPECT_TRUE(find_paths(g, vertex(g, "D"), vertex(g, "A"), {}).paths.empty());
    PathQuery q;
    q.undirected = true;
    r = find_paths(g, vertex(g, "F"), vertex(g, "A"), q);
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(names(g, r.paths[0]), "F>D>E>A");
    EXPECT_FALSE(r.paths[0].hops[0].forward);
    EXPECT_EQ(hop_distance(g, vertex(g, "A"), vertex(g, "F")), 3);
    EXPECT_EQ(hop_distance(g, vertex(g, "F"), vertex(g, "A")), std::nullopt);
    EXPECT_EQ(hop_distance(g, vertex(g, "F"), vertex(g, "A"), true), 3);
}

TEST(Paths, WeightedPrefersConfidence) {
    KnowledgeGraph g(diamond());
    PathQuery q;
    q.weighted = true;
    auto r = find_paths(g, vertex(g, "A"), vertex(g, "D"), q);
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(names(g, r.paths[0]), "A>B>C>D");
    EXPECT_NEAR(r.paths[0].confidence, 0.729, 1e-9);
    EXPECT_NEAR(r.paths[0].cost, -std::log(0.729), 1e-9);
}

TEST(Paths, Filters) {
    KnowledgeGraph g(diamond());
    Vertex a = vertex(g, "A"), d = vertex(g, "D");
    PathQuery q;
    q.filter.predicates = {"supplies"};
    EXPECT_EQ(names(g, find_paths(g, a, d, q).paths.at(0)), "A>B>C>D");
    q = {};
    q.filter.min_confidence = 0.5;
    EXPECT_EQ(names(g, find_paths(g, a, d, q).paths.at(0)), "A>B>C>D");
    q = {};
    q.filter.since = "2024";
    EXPECT_EQ(names(g, find_paths(g, a, d, q).paths.at(0)), "A>B>C>D");
    q = {};
    q.filter.until = "2023-05";
    EXPECT_TRUE(find_paths(g, a, d, q).paths.empty());
    q.filter.until = "2023-06";  // a month covers its days
    EXPECT_EQ(names(g, find_paths(g, a, d, q).paths.at(0)), "A>E>D");
    q.filter.since = "2023-06-02";
    EXPECT_TRUE(find_paths(g, a, d, q).paths.empty());
    // Types: persons may not be intermediaries, endpoints always allowed.
    q = {};
    q.filter.types = {EntityType::organization};
    EXPECT_EQ(names(g, find_paths(g, a, d, q).paths.at(0)), "A>B>C>D");
    EXPECT_EQ(find_paths(g, a, vertex(g, "E"), q).paths.size(), 1u);
    q.filter.types = {EntityType::person};
    EXPECT_EQ(names(g, find_paths(g, a, d, q).paths.at(0)), "A>E>D");
}

TEST(Paths, KShortestWithYen) {
    KnowledgeGraph g(diamond());
    PathQuery q;
    q.k = 5;
    auto r = find_paths(g, vertex(g, "A"), vertex(g, "D"), q);
    ASSERT_EQ(r.paths.size(), 2u);
    EXPECT_EQ(names(g, r.paths[0]), "A>E>D");
    EXPECT_EQ(names(g, r.paths[1]), "A>B>C>D");
    q.undirected = true;
    r = find_paths(g, vertex(g, "B"), vertex(g, "E"), q);
    ASSERT_EQ(r.paths.size(), 2u);
    EXPECT_EQ(names(g, r.paths[0]), "B>A>E");
    EXPECT_EQ(names(g, r.paths[1]), "B>C>D>E");
}

TEST(Paths, ParallelEdgesAreDistinctPaths) {
    Builder b;
    b.claim("A", "supplies", "B", 0.9).claim("A", "owns", "B", 0.5).claim("B", "supplies", "C", 0.7);
    KnowledgeGraph g(b.build());
    PathQuery q;
    q.k = 3;
    auto r = find_paths(g, vertex(g, "A"), vertex(g, "C"), q);
    ASSERT_EQ(r.paths.size(), 2u);
    EXPECT_NEAR(r.paths[0].confidence, 0.63, 1e-9);  // equal hops: more confident first
    EXPECT_NEAR(r.paths[1].confidence, 0.35, 1e-9);
    q.all = true;
    EXPECT_EQ(find_paths(g, vertex(g, "A"), vertex(g, "C"), q).paths.size(), 2u);
}

TEST(Paths, AllSimplePathsCountsAndCap) {
    // Complete DAG on 6 vertices: paths from 0 to 5 with h hops: C(4, h-1).
    Builder b;
    for (int i = 0; i < 6; ++i)
        for (int j = i + 1; j < 6; ++j) b.claim(fmt::format("v{}", i), "supplies", fmt::format("v{}", j));
    KnowledgeGraph g(b.build());
    PathQuery q;
    q.all = true;
    q.max_hops = 5;
    auto r = find_paths(g, vertex(g, "v0"), vertex(g, "v5"), q);
    EXPECT_EQ(r.paths.size(), 16u);  // 2^4
    EXPECT_FALSE(r.capped);
    for (std::size_t i = 1; i < r.paths.size(); ++i) EXPECT_LE(r.paths[i - 1].length(), r.paths[i].length());
    q.max_hops = 2;
    EXPECT_EQ(find_paths(g, vertex(g, "v0"), vertex(g, "v5"), q).paths.size(), 5u);  // 1 + 4
    q.max_hops = 5;
    q.max_paths = 3;
    r = find_paths(g, vertex(g, "v0"), vertex(g, "v5"), q);
    EXPECT_EQ(r.paths.size(), 3u);
    EXPECT_TRUE(r.capped);
    EXPECT_EQ(r.paths[0].length(), 1u);  // shortest first even when capped
    // Undirected: many more simple paths (any order of the 4 middle vertices).
    q.max_paths = 100000;
    q.undirected = true;
    r = find_paths(g, vertex(g, "v0"), vertex(g, "v5"), q);
    EXPECT_EQ(r.paths.size(), 1u + 4 + 12 + 24 + 24);
    EXPECT_EQ(count_simple_paths(g, vertex(g, "v0"), 5), 31u);  // every non-empty subset ordered increasingly
    EXPECT_EQ(count_simple_paths(g, vertex(g, "v0"), 1), 5u);
}

// Random small multigraphs: Yen and the bounded DFS agree with brute force.
TEST(Paths, RandomGraphsAgreeWithBruteForce) {
    std::mt19937 rng(7);
    const char* preds[] = {"supplies", "owns", "funds"};
    for (int round = 0; round < 200; ++round) {
        Builder b;
        const int n = 7;
        for (int i = 0; i < n; ++i) b.entity(fmt::format("n{}", i));
        for (int k = 0; k < 16; ++k) {
            int s = rng() % n, o = rng() % n;
            if (s == o) continue;
            b.claim(fmt::format("n{}", s), preds[rng() % 3], fmt::format("n{}", o), 0.1 + (rng() % 9) / 10.0);
        }
        KnowledgeGraph g(b.build());
        const bool undirected = round % 2 == 1;
        // Brute force: every simple path from 0 to n-1, as hop lengths.
        std::vector<std::size_t> lengths;
        std::vector<char> on(n, 0);
        std::function<void(Vertex, std::size_t)> dfs = [&](Vertex v, std::size_t len) {
            if (v == static_cast<Vertex>(n - 1)) {
                lengths.push_back(len);
                return;
            }
            on[v] = 1;
            for (auto e : boost::make_iterator_range(out_edges(v, g.csr())))
                if (!on[target(e, g.csr())]) dfs(target(e, g.csr()), len + 1);
            if (undirected)
                for (auto e : boost::make_iterator_range(in_edges(v, g.csr())))
                    if (!on[source(e, g.csr())]) dfs(source(e, g.csr()), len + 1);
            on[v] = 0;
        };
        dfs(0, 0);
        std::sort(lengths.begin(), lengths.end());
        PathQuery q;
        q.undirected = undirected;
        q.all = true;
        q.max_hops = n;
        q.max_paths = 1'000'000;
        auto all = find_paths(g, 0, n - 1, q);
        ASSERT_EQ(all.paths.size(), lengths.size()) << "round " << round;
        std::set<std::vector<Hop>> distinct;
        for (auto& p : all.paths) distinct.insert(p.hops);
        EXPECT_EQ(distinct.size(), lengths.size());
        q.all = false;
        q.k = 6;
        auto yen = find_paths(g, 0, n - 1, q);
        ASSERT_EQ(yen.paths.size(), std::min<std::size_t>(6, lengths.size())) << "round " << round;
        for (std::size_t i = 0; i < yen.paths.size(); ++i) {
            EXPECT_EQ(yen.paths[i].length(), lengths[i]) << "round " << round << " path " << i;
            std::set<Vertex> vs(yen.paths[i].vertices.begin(), yen.paths[i].vertices.end());
            EXPECT_EQ(vs.size(), yen.paths[i].vertices.size());  // loopless
            EXPECT_EQ(yen.paths[i].vertices.back(), static_cast<Vertex>(n - 1));
        }
        // Weighted k-shortest: costs non-decreasing and each no better than brute force allows.
        q.weighted = true;
        auto wy = find_paths(g, 0, n - 1, q);
        ASSERT_EQ(wy.paths.size(), yen.paths.size());
        for (std::size_t i = 1; i < wy.paths.size(); ++i) EXPECT_LE(wy.paths[i - 1].cost, wy.paths[i].cost + 1e-12);
        if (!lengths.empty()) {
            // The best weighted path has the highest confidence of all simple paths.
            double best = 0;
            for (auto& p : all.paths) best = std::max(best, p.confidence);
            EXPECT_NEAR(wy.paths[0].confidence, best, 1e-12) << "round " << round;
        }
        if (!lengths.empty()) {
            EXPECT_EQ(hop_distance(g, 0, n - 1, undirected), static_cast<int>(lengths[0]));
            // The shortest path returned is the most confident of the shortest ones.
            double best = 0;
            for (auto& p : all.paths)
                if (p.length() == lengths[0]) best = std::max(best, p.confidence);
            PathQuery one;
            one.undirected = undirected;
            auto r = find_paths(g, 0, n - 1, one);
            ASSERT_EQ(r.paths.size(), 1u);
            EXPECT_EQ(r.paths[0].length(), lengths[0]);
            EXPECT_NEAR(r.paths[0].confidence, best, 1e-6) << "round " << round;
        }
    }
}

TEST(Paths, ShortestPathVertices) {
    KnowledgeGraph g(diamond());
    auto p = shortest_path_vertices(g, vertex(g, "A"), vertex(g, "F"));
    ASSERT_EQ(p.size(), 4u);
    EXPECT_EQ(p.front(), vertex(g, "A"));
    EXPECT_EQ(p.back(), vertex(g, "F"));
    for (std::size_t i = 1; i < p.size(); ++i) {
        bool linked = false;
        for (auto e : boost::make_iterator_range(out_edges(p[i - 1], g.csr()))) linked |= target(e, g.csr()) == p[i];
        EXPECT_TRUE(linked);
    }
    EXPECT_TRUE(shortest_path_vertices(g, vertex(g, "F"), vertex(g, "A")).empty());
    EXPECT_EQ(shortest_path_vertices(g, vertex(g, "F"), vertex(g, "A"), true).size(), 4u);
    EXPECT_EQ(shortest_path_vertices(g, vertex(g, "B"), vertex(g, "B")), std::vector<Vertex>{vertex(g, "B")});
}

TEST(Paths, CountOnPredicateSubgraphMatches) {
    std::mt19937 rng(11);
    Builder b;
    const int n = 40;
    const char* preds[] = {"supplies", "owns", "funds"};
    for (int i = 0; i < n; ++i) b.entity(fmt::format("n{}", i));
    for (int k = 0; k < 160; ++k) {
        int s = rng() % n, o = rng() % n;
        if (s != o) b.claim(fmt::format("n{}", s), preds[rng() % 3], fmt::format("n{}", o));
    }
    KnowledgeGraph g(b.build());
    auto supplies = *g.predicate_id("supplies");
    PredicateCsr sub = g.predicate_subgraph(supplies);
    EXPECT_EQ(num_vertices(sub), g.vertex_count());
    for (Vertex v = 0; v < g.vertex_count(); ++v)
        for (int h = 1; h <= 4; ++h) EXPECT_EQ(count_simple_paths(sub, v, h), count_simple_paths(g, v, h, supplies));
}

namespace {

// A random graph with heavy-tailed degrees: many parallel predicates, hubs, isolated vertices.
GraphData random_graph(std::mt19937& rng, int n, int claims) {
    Builder b;
    const char* preds[] = {"supplies", "owns", "funds", "intermediary_for"};
    for (int i = 0; i < n; ++i) b.entity(fmt::format("n{}", i));
    std::vector<int> used;
    for (int k = 0; k < claims; ++k) {
        auto pick = [&] { return used.empty() || rng() % 3 == 0 ? static_cast<int>(rng() % n) : used[rng() % used.size()]; };
        int s = pick(), o = pick();
        if (s == o) continue;
        used.push_back(s);
        used.push_back(o);
        b.claim(fmt::format("n{}", s), preds[rng() % 4], fmt::format("n{}", o), 0.1 + (rng() % 9) / 10.0);
    }
    return b.build();
}

// Hop distances from `from` by a plain BFS over out-edges (and in-edges when undirected).
std::vector<int> bfs_distances(const KnowledgeGraph& g, Vertex from, bool undirected) {
    std::vector<int> dist(g.vertex_count(), -1);
    std::vector<Vertex> queue{from};
    dist[from] = 0;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const Vertex v = queue[i];
        auto reach = [&](Vertex u) {
            if (dist[u] < 0) dist[u] = dist[v] + 1, queue.push_back(u);
        };
        for (auto e : boost::make_iterator_range(out_edges(v, g.csr()))) reach(target(e, g.csr()));
        if (undirected)
            for (auto e : boost::make_iterator_range(in_edges(v, g.csr()))) reach(source(e, g.csr()));
    }
    return dist;
}

}  // namespace

// The CSR is filled in place; it must be the graph Boost's own constructor builds from the
// same edges: the same rows in the same order, and the in-edges in forward edge order.
TEST(KnowledgeGraph, CsrMatchesBoostConstruction) {
    std::mt19937 rng(3);
    for (int round = 0; round < 20; ++round) {
        GraphData d = random_graph(rng, 30 + round, 200);
        if (round % 2) std::shuffle(d.edges.begin(), d.edges.end(), rng);  // unsorted input
        KnowledgeGraph g(d);
        std::vector<std::pair<Vertex, Vertex>> ends;
        std::vector<EdgeProps> props;
        for (auto e : boost::make_iterator_range(edges(g.csr()))) {
            ends.emplace_back(source(e, g.csr()), target(e, g.csr()));
            props.push_back(g.csr()[e]);
        }
        Csr boost_csr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
                      static_cast<Vertex>(g.vertex_count()));
        EXPECT_EQ(g.csr().m_forward.m_rowstart, boost_csr.m_forward.m_rowstart);
        EXPECT_EQ(g.csr().m_forward.m_column, boost_csr.m_forward.m_column);
        EXPECT_EQ(g.csr().m_backward.m_rowstart, boost_csr.m_backward.m_rowstart);
        EXPECT_EQ(g.csr().m_backward.m_column, boost_csr.m_backward.m_column);
        EXPECT_EQ(g.csr().m_backward.m_edge_properties, boost_csr.m_backward.m_edge_properties);
        for (Vertex v = 0; v < g.vertex_count(); ++v) {
            EXPECT_EQ(out_degree(v, g.csr()), out_degree(v, boost_csr));
            EXPECT_EQ(in_degree(v, g.csr()), in_degree(v, boost_csr));
            for (auto e : boost::make_iterator_range(in_edges(v, g.csr()))) {
                EXPECT_EQ(target(e, g.csr()), v);
                EXPECT_EQ(g.subject_vertex(g.csr()[e].edge), source(e, g.csr()));
            }
        }
        // Rows are in (predicate, object) order and each edge points to its record.
        for (Vertex v = 0; v < g.vertex_count(); ++v) {
            std::vector<std::pair<PredicateId, Vertex>> row;
            for (auto e : boost::make_iterator_range(out_edges(v, g.csr()))) {
                row.emplace_back(g.csr()[e].predicate, target(e, g.csr()));
                EXPECT_EQ(g.predicate_name(g.csr()[e].predicate), g.edge_record(e).predicate);
                EXPECT_EQ(g.subject_vertex(g.csr()[e].edge), v);
            }
            EXPECT_TRUE(std::is_sorted(row.begin(), row.end()));
        }
    }
}

// Searches reuse their state (visit table, frontiers) from one query to the next: many
// queries in a row, in two orders, give the answers of a fresh BFS for each.
TEST(Paths, RepeatedQueriesReuseSearchStateCorrectly) {
    std::mt19937 rng(5);
    for (int round = 0; round < 6; ++round) {
        KnowledgeGraph g(random_graph(rng, 60 + 40 * round, 300 + 200 * round));
        const bool undirected = round % 2 == 1;
        const auto n = static_cast<Vertex>(g.vertex_count());
        std::vector<std::vector<int>> dist(n);
        for (Vertex v = 0; v < n; ++v) dist[v] = bfs_distances(g, v, undirected);
        std::vector<std::pair<Vertex, Vertex>> pairs;
        for (int k = 0; k < 400; ++k) pairs.emplace_back(rng() % n, rng() % n);
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1) std::reverse(pairs.begin(), pairs.end());
            for (auto [a, b] : pairs) {
                auto path = shortest_path_vertices(g, a, b, undirected);
                ASSERT_EQ(static_cast<int>(path.size()) - 1, dist[a][b]) << a << " -> " << b << " round " << round;
                auto hops = hop_distance(g, a, b, undirected);
                EXPECT_EQ(hops.value_or(-1), dist[a][b]);
                if (path.empty()) continue;
                EXPECT_EQ(path.front(), a);
                EXPECT_EQ(path.back(), b);
                for (std::size_t i = 1; i < path.size(); ++i)  // consecutive vertices are linked
                    EXPECT_EQ(dist[path[i - 1]][path[i]], 1);
            }
        }
    }
}
