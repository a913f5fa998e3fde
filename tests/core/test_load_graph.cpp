// Store::load_graph: what the queries and exports read back from the store — merged
// entities, document lists, evidence sentences (byte ranges of the text), qualifiers,
// filters, and the edges aggregated from the claims.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "chipgraph/core/store.hpp"

using namespace chipgraph;
namespace fs = std::filesystem;

namespace {

// A database file of its own, removed with its WAL files afterwards.
struct TempDb {
    fs::path path = fs::temp_directory_path() / ("chipgraph-load-" + std::to_string(::getpid()) + ".db");
    TempDb() { remove(); }
    ~TempDb() { remove(); }
    void remove() const {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
    }
};

struct Spec {
    int s, o;
    const char* predicate;
    std::string sentence;  // found in the text
    double confidence;
    ClaimStatus status = ClaimStatus::asserted;
    std::vector<Qualifier> qualifiers = {};
    const char* attribution = "";
};

void ingest(Store& store, const char* source, const char* date, const std::string& text,
            const std::vector<std::string>& names, const std::vector<Spec>& claims) {
    Document d;
    d.source = source;
    d.published = date;
    d.language = "en";
    d.text = text;
    Extraction x;
    for (const auto& n : names) {
        x.entities.push_back({n, EntityType::organization, false, {}});
        const auto at = text.find(n);
        x.mentions.push_back({static_cast<int>(x.entities.size() - 1), at, at + n.size()});
    }
    for (const auto& c : claims) {
        ExtractedClaim ec;
        ec.subject = c.s;
        ec.object = c.o;
        ec.predicate = c.predicate;
        ec.sentence_start = ec.start = text.find(c.sentence);
        ec.sentence_end = ec.end = ec.sentence_start + c.sentence.size();
        ec.rule = "test";
        ec.confidence = c.confidence;
        ec.status = c.status;
        ec.attribution = c.attribution;
        ec.qualifiers = c.qualifiers;
        x.claims.push_back(ec);
    }
    store.ingest(d, x);
}

const ClaimRecord* find_claim(const GraphData& g, const std::string& predicate, double confidence) {
    for (const auto& c : g.claims)
        if (c.predicate == predicate && c.confidence == confidence) return &c;
    return nullptr;
}

const EntityRecord& entity(const GraphData& g, const std::string& name) {
    auto it = std::find_if(g.entities.begin(), g.entities.end(), [&](const auto& e) { return e.name == name; });
    if (it == g.entities.end()) throw std::runtime_error("no entity " + name);
    return *it;
}

// Two documents: a.txt (February, with accented text before the second sentence) and b.txt
// (May), where "Epsilon" is later merged into "Alpha".
class LoadGraph : public ::testing::Test {
protected:
    void SetUp() override {
        const std::string a_text = "Société Alpha supplies Beta. Gamma owns Delta, écrit-on.";
        ingest(store, "a.txt", "2024-02-10", a_text, {"Alpha", "Beta", "Gamma", "Delta"},
               {{0, 1, "supplies", "Société Alpha supplies Beta.", 0.9, ClaimStatus::asserted, {{"quantity", "200"}}},
                {2, 3, "owns", "Gamma owns Delta, écrit-on.", 0.4, ClaimStatus::alleged, {}, "Reuters"},
                {0, 1, "supplies", "Société Alpha supplies Beta.", 0.6}});
        const std::string b_text = "Epsilon supplies Beta. Beta supplies Gamma.";
        ingest(store, "b.txt", "2024-05-01", b_text, {"Epsilon", "Beta", "Gamma"},
               {{0, 1, "supplies", "Epsilon supplies Beta.", 0.7},
                {1, 2, "supplies", "Beta supplies Gamma.", 0.8, ClaimStatus::denied}});
        store.merge(store.find_entities("Alpha").at(0), store.find_entities("Epsilon").at(0));
    }
    TempDb db;
    Store store{db.path.string()};
};

}  // namespace

TEST_F(LoadGraph, EntitiesAfterMerges) {
    GraphData g = store.load_graph();
    ASSERT_EQ(g.entities.size(), 4u);  // Epsilon is shown as Alpha
    const auto& alpha = entity(g, "Alpha");
    EXPECT_EQ(alpha.documents, (std::vector<SharedText>{SharedText("a.txt"), SharedText("b.txt")}));
    EXPECT_EQ(alpha.mention_count, 2);
    EXPECT_NE(std::find(alpha.aliases.begin(), alpha.aliases.end(), "Epsilon"), alpha.aliases.end());
    EXPECT_EQ(std::find(alpha.aliases.begin(), alpha.aliases.end(), "Alpha"), alpha.aliases.end());
    // Delta is in a.txt only; Gamma in both (b.txt by mention, and by a denied claim).
    EXPECT_EQ(entity(g, "Delta").documents, std::vector<SharedText>{SharedText("a.txt")});
    EXPECT_EQ(entity(g, "Gamma").documents.size(), 2u);
}

TEST_F(LoadGraph, ClaimsCarryTheirEvidence) {
    GraphData g = store.load_graph();
    ASSERT_EQ(g.claims.size(), 4u);  // the denied claim is left out
    EXPECT_TRUE(std::is_sorted(g.claims.begin(), g.claims.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
    const ClaimRecord* first = find_claim(g, "supplies", 0.9);
    const ClaimRecord* third = find_claim(g, "supplies", 0.6);
    const ClaimRecord* owns = find_claim(g, "owns", 0.4);
    const ClaimRecord* merged = find_claim(g, "supplies", 0.7);
    ASSERT_TRUE(first && third && owns && merged);
    // Sentences are byte ranges of the text, whatever the characters before them.
    EXPECT_EQ(first->sentence, "Société Alpha supplies Beta.");
    EXPECT_EQ(owns->sentence, "Gamma owns Delta, écrit-on.");
    EXPECT_TRUE(first->sentence.shares_with(third->sentence));
    EXPECT_EQ(first->document, "a.txt");
    EXPECT_EQ(first->document_date, "2024-02-10");
    EXPECT_EQ(first->rule, "test");
    ASSERT_EQ(first->qualifiers.size(), 1u);
    EXPECT_EQ(first->qualifiers[0].key, "quantity");
    EXPECT_EQ(first->qualifiers[0].value, "200");
    EXPECT_EQ(owns->status, ClaimStatus::alleged);
    EXPECT_EQ(owns->attribution, "Reuters");
    EXPECT_TRUE(third->qualifiers.empty());
    EXPECT_EQ(merged->subject, entity(g, "Alpha").id);
    EXPECT_EQ(merged->document, "b.txt");
    EXPECT_NE(first->source_group, merged->source_group);
}

TEST_F(LoadGraph, EdgesAggregateClaims) {
    GraphData g = store.load_graph();
    ASSERT_EQ(g.edges.size(), 2u);
    const EdgeRecord& supplies = g.edges[0].predicate == "supplies" ? g.edges[0] : g.edges[1];
    EXPECT_EQ(supplies.claims.size(), 3u);
    EXPECT_EQ(supplies.document_count, 2);
    EXPECT_EQ(supplies.independent_sources, 2);
    EXPECT_DOUBLE_EQ(supplies.best_confidence, 0.9);
    EXPECT_DOUBLE_EQ(supplies.combined_confidence, 1.0 - (1.0 - 0.9) * (1.0 - 0.7));
    EXPECT_EQ(supplies.first_date, "2024-02-10");
    EXPECT_EQ(supplies.last_date, "2024-05-01");
    for (std::size_t i = 1; i < g.edges.size(); ++i)
        EXPECT_LT(std::tie(g.edges[i - 1].subject, g.edges[i - 1].predicate, g.edges[i - 1].object),
                  std::tie(g.edges[i].subject, g.edges[i].predicate, g.edges[i].object));
}

TEST_F(LoadGraph, Filters) {
    auto count = [&](const ClaimFilter& f) { return store.load_graph(f).claims.size(); };
    ClaimFilter f;
    f.include_denied = true;
    EXPECT_EQ(count(f), 5u);
    f = {};
    f.min_confidence = 0.65;
    EXPECT_EQ(count(f), 2u);  // 0.9 and 0.7
    f = {};
    f.predicates = {"owns"};
    EXPECT_EQ(count(f), 1u);
    f = {};
    f.since = "2024-03";
    EXPECT_EQ(count(f), 1u);  // b.txt's claim that is not denied
    f = {};
    f.until = "2024-02";  // a prefix: all of February
    EXPECT_EQ(count(f), 3u);
    f = {};
    f.entity = store.find_entities("Delta").at(0);
    EXPECT_EQ(count(f), 1u);
    f.entity = store.find_entities("Alpha").at(0);
    EXPECT_EQ(count(f), 3u);  // with Epsilon's, merged into Alpha
}
