// Entity resolution as the graph sees it, through a real store.
#include <gtest/gtest.h>

#include <filesystem>

#include "chipgraph/core/store.hpp"
#include "chipgraph/graph/knowledge_graph.hpp"
#include "chipgraph/graph/paths.hpp"

using namespace chipgraph;
using namespace chipgraph::graph;

namespace {

class TempStore : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("chipgraph_graph_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        store_ = std::make_unique<Store>((dir_ / "t.db").string());
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    // A document whose text is "S0. S1. ..." with one sentence per claim; entities are
    // given as (name, unnamed, aliases) and claims as (subject, predicate, object).
    struct E {
        E(std::string n, bool u = false, std::vector<std::string> a = {})
            : name(std::move(n)), unnamed(u), aliases(std::move(a)) {}
        std::string name;
        bool unnamed = false;
        std::vector<std::string> aliases;
        EntityType type = EntityType::organization;
    };
    struct C {
        int s;
        std::string p;
        int o;
        double confidence = 0.8;
    };
    IngestResult add(const std::string& source, const std::vector<E>& es, const std::vector<C>& cs,
                     const std::string& extra = "", const std::string& origin = "", const std::string& date = "2024-05-01") {
        Document d;
        d.source = source;
        d.published = date;
        d.language = "en";
        Extraction x;
        x.origin = origin;
        for (auto& e : es) x.entities.push_back({e.name, e.type, e.unnamed, e.aliases});
        for (auto& c : cs) {
            std::string sentence = es[c.s].name + " " + c.p + " " + es[c.o].name + ". ";
            ExtractedClaim ec;
            ec.subject = c.s;
            ec.object = c.o;
            ec.predicate = c.p;
            ec.sentence_start = d.text.size();
            ec.sentence_end = d.text.size() + sentence.size() - 1;
            ec.start = ec.sentence_start;
            ec.end = ec.sentence_end;
            ec.rule = "test";
            ec.confidence = c.confidence;
            d.text += sentence;
            x.claims.push_back(ec);
        }
        d.text += extra;
        return store_->ingest(d, x);
    }
    std::size_t count_named(const GraphData& g, const std::string& name) {
        std::size_t n = 0;
        for (auto& e : g.entities) n += e.name == name;
        return n;
    }

    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
};

}  // namespace

TEST_F(TempStore, SameNamedEntityAcrossDocumentsIsOneVertex) {
    add("a.txt", {{"Megaspeed"}, {"Nvidia"}}, {{1, "supplies", 0}});
    add("b.txt", {{"Megaspeed"}, {"Alibaba"}}, {{0, "supplies", 1}});
    KnowledgeGraph g(store_->load_graph());
    EXPECT_EQ(g.vertex_count(), 3u);
    EXPECT_EQ(count_named(g.data(), "Megaspeed"), 1u);
    auto mega = g.vertex_of(store_->find_entities("Megaspeed").at(0));
    ASSERT_TRUE(mega);
    EXPECT_EQ(g.entity(*mega).documents, (std::vector<SharedText>{SharedText("a.txt"), SharedText("b.txt")}));
    // The path crosses documents through the shared vertex.
    auto nv = g.vertex_of(store_->find_entities("Nvidia").at(0));
    auto ali = g.vertex_of(store_->find_entities("Alibaba").at(0));
    EXPECT_EQ(hop_distance(g, *nv, *ali), 2);
}

TEST_F(TempStore, AliasesResolveToTheSameEntity) {
    add("a.txt", {{"Nvidia", false, {"NVIDIA Corp.", "Nvidia"}}, {"Megaspeed"}}, {{0, "supplies", 1}});
    add("b.txt", {{"Nvidia", false, {"nvidia"}}, {"Inspur"}}, {{0, "supplies", 1}});
    auto ids = store_->find_entities("NVIDIA Corp.");
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ(store_->find_entities("nvidia corp"), ids);
    KnowledgeGraph g(store_->load_graph());
    EXPECT_EQ(count_named(g.data(), "Nvidia"), 1u);
    EXPECT_EQ(out_degree(*g.vertex_of(ids[0]), g.csr()), 2u);
    const auto& aliases = g.entity(*g.vertex_of(ids[0])).aliases;
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "NVIDIA Corp."), aliases.end());
}

TEST_F(TempStore, UnnamedEntitiesWithTheSameNameStayApart) {
    add("a.txt", {{"company based in Beijing", true}, {"Megaspeed"}}, {{1, "supplies", 0}});
    add("b.txt", {{"company based in Beijing", true}, {"Inspur"}}, {{1, "supplies", 0}});
    KnowledgeGraph g(store_->load_graph());
    EXPECT_EQ(count_named(g.data(), "company based in Beijing"), 2u);
    EXPECT_EQ(store_->find_entities("company based in Beijing").size(), 2u);
    auto mega = g.vertex_of(store_->find_entities("Megaspeed").at(0));
    auto inspur = g.vertex_of(store_->find_entities("Inspur").at(0));
    EXPECT_EQ(hop_distance(g, *mega, *inspur, true), std::nullopt);
}

TEST_F(TempStore, MergeThenUnmerge) {
    add("a.txt", {{"Megaspeed"}, {"Nvidia"}}, {{1, "supplies", 0}});
    add("b.txt", {{"Megaspeed Asia"}, {"Alibaba"}}, {{0, "supplies", 1}});
    EntityId a = store_->find_entities("Megaspeed").at(0), b = store_->find_entities("Megaspeed Asia").at(0);
    ASSERT_NE(a, b);
    store_->merge(a, b);
    {
        KnowledgeGraph g(store_->load_graph());
        EXPECT_EQ(g.vertex_count(), 3u);
        EXPECT_FALSE(g.vertex_of(b).has_value());
        EXPECT_EQ(store_->find_entities("Megaspeed Asia"), std::vector<EntityId>{a});
        auto nv = g.vertex_of(store_->find_entities("Nvidia").at(0));
        auto ali = g.vertex_of(store_->find_entities("Alibaba").at(0));
        EXPECT_EQ(hop_distance(g, *nv, *ali), 2);
        // Re-ingesting a changed document keeps the merge.
        add("b.txt", {{"Megaspeed Asia"}, {"Alibaba"}}, {{0, "supplies", 1}}, "More text.");
        KnowledgeGraph g2(store_->load_graph());
        EXPECT_EQ(g2.vertex_count(), 3u);
    }
    EXPECT_TRUE(store_->unmerge("Megaspeed Asia"));
    KnowledgeGraph g(store_->load_graph());
    EXPECT_EQ(g.vertex_count(), 4u);
    EXPECT_TRUE(g.vertex_of(b).has_value());
    EXPECT_FALSE(store_->unmerge("Megaspeed Asia"));
}

TEST_F(TempStore, UserAliasSurvivesReingestOfChangedDocument) {
    add("a.txt", {{"Megaspeed"}, {"Nvidia"}}, {{1, "supplies", 0}});
    EntityId m = store_->find_entities("Megaspeed").at(0);
    store_->add_alias(m, "MS Cloud");
    EXPECT_EQ(store_->find_entities("ms cloud"), std::vector<EntityId>{m});
    add("a.txt", {{"Megaspeed"}, {"Nvidia"}}, {{1, "supplies", 0}, {0, "uses", 1}}, "Changed.");
    EXPECT_EQ(store_->find_entities("MS Cloud"), std::vector<EntityId>{m});
    // Even when the document no longer mentions the entity, the user alias keeps it.
    add("a.txt", {{"Nvidia"}, {"Inspur"}}, {{0, "supplies", 1}}, "Changed again.");
    EXPECT_EQ(store_->find_entities("MS Cloud"), std::vector<EntityId>{m});
    auto rec = store_->entity(m);
    ASSERT_TRUE(rec);
    EXPECT_NE(std::find(rec->aliases.begin(), rec->aliases.end(), "MS Cloud"), rec->aliases.end());
}

TEST_F(TempStore, IndependentSourcesFromOrigins) {
    add("a.txt", {{"Megaspeed"}, {"Alibaba"}}, {{0, "supplies", 1, 0.6}}, "", "The Wall Street Journal");
    add("b.txt", {{"Megaspeed"}, {"Alibaba"}}, {{0, "supplies", 1, 0.7}}, "Retold.", "The Wall Street Journal");
    add("c.txt", {{"Megaspeed"}, {"Alibaba"}}, {{0, "supplies", 1, 0.5}}, "Own reporting, quite different.");
    KnowledgeGraph g(store_->load_graph());
    ASSERT_EQ(g.edge_count(), 1u);
    const auto& e = g.data().edges[0];
    EXPECT_EQ(e.document_count, 3);
    EXPECT_EQ(e.independent_sources, 2);
    EXPECT_NEAR(e.combined_confidence, 1 - 0.3 * 0.5, 1e-9);
}
