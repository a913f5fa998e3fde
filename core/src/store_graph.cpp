// Reading the graph back: entities, aliases, documents and claims with their evidence.
#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include "chipgraph/core/store.hpp"
#include "sqlite_util.hpp"
#include "store_internal.hpp"

namespace chipgraph {

GraphData Store::load_graph(const ClaimFilter& filter) const {
    // One snapshot for every query below, even while another process ingests (WAL).
    std::optional<sql::Transaction> snapshot;
    if (sqlite3_get_autocommit(db_)) snapshot.emplace(db_, false);
    GraphData data;
    auto merged_into = load_merges(db_);
    auto root = [&](EntityId id) {
        auto it = merged_into.find(id);
        return it == merged_into.end() ? id : it->second;
    };

    std::unordered_map<EntityId, std::size_t> index;  // root entity id -> position in data.entities
    {
        sql::Stmt q(db_, "SELECT id, name, type, unnamed FROM entities ORDER BY id");
        while (q.step()) {
            EntityId id = q.i64(0);
            if (merged_into.count(id)) continue;
            EntityRecord e;
            e.id = id;
            e.name = q.str(1);
            e.type = parse_entity_type(q.str(2)).value_or(EntityType::organization);
            e.unnamed = q.i64(3) != 0;
            index.emplace(id, data.entities.size());
            data.entities.push_back(std::move(e));
        }
    }
    {
        sql::Stmt q(db_, "SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias");
        std::unordered_map<EntityId, std::set<std::string>> seen;
        while (q.step()) {
            auto& e = data.entities[index.at(root(q.i64(0)))];
            std::string alias = q.str(1);
            if (alias != e.name && seen[e.id].insert(alias).second) e.aliases.push_back(std::move(alias));
        }
    }
    std::unordered_map<DocumentId, std::pair<std::string, std::string>> docs;  // id -> source, date
    std::unordered_map<DocumentId, std::int64_t> groups;
    {
        sql::Stmt q(db_, "SELECT id, source, published, source_group FROM documents");
        while (q.step()) {
            docs.emplace(q.i64(0), std::make_pair(q.str(1), q.str(2)));
            groups.emplace(q.i64(0), q.i64(3));
        }
    }
    {
        sql::Stmt q(db_, "SELECT entity_id, document_id, count FROM mentions");
        while (q.step()) {
            auto& e = data.entities[index.at(root(q.i64(0)))];
            e.mention_count += static_cast<int>(q.i64(2));
            e.documents.push_back(docs.at(q.i64(1)).first);
        }
    }

    std::string sql =
        "SELECT c.id, c.subject_id, c.predicate, c.object_id, c.document_id, "
        "substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start), c.start, c.end, c.rule, "
        "c.confidence, c.status, c.attribution FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE c.confidence >= ?1";
    if (!filter.include_denied) sql += " AND c.status <> 'denied'";
    if (!filter.since.empty()) sql += " AND d.published <> '' AND d.published >= ?2";
    if (!filter.until.empty()) sql += " AND d.published <> '' AND d.published <= ?3";
    sql += " ORDER BY c.id";
    // substr() counts characters, not bytes: read the sentence as a blob instead.
    sql.replace(sql.find("substr(d.text"), std::string("substr(d.text").size(), "substr(CAST(d.text AS BLOB)");
    sql::Stmt q(db_, sql);
    q.bind(1, filter.min_confidence);
    if (!filter.since.empty()) q.bind(2, filter.since);
    if (!filter.until.empty()) q.bind(3, filter.until + "\xff");
    std::unordered_map<ClaimId, std::size_t> claim_index;
    const std::set<std::string> predicates(filter.predicates.begin(), filter.predicates.end());
    while (q.step()) {
        ClaimRecord c;
        c.id = q.i64(0);
        c.subject = root(q.i64(1));
        c.predicate = q.str(2);
        c.object = root(q.i64(3));
        if (!predicates.empty() && !predicates.count(c.predicate)) continue;
        if (filter.entity && c.subject != *filter.entity && c.object != *filter.entity) continue;
        DocumentId d = q.i64(4);
        c.document = docs.at(d).first;
        c.document_date = docs.at(d).second;
        c.source_group = groups.at(d);
        auto sentence = q.blob(5);
        c.sentence.assign(sentence.data(), sentence.size());
        c.start = static_cast<std::size_t>(q.i64(6));
        c.end = static_cast<std::size_t>(q.i64(7));
        c.rule = q.str(8);
        c.confidence = q.dbl(9);
        c.status = parse_claim_status(q.str(10)).value_or(ClaimStatus::asserted);
        c.attribution = q.str(11);
        claim_index.emplace(c.id, data.claims.size());
        data.claims.push_back(std::move(c));
    }
    {
        sql::Stmt qq(db_, "SELECT claim_id, key, value FROM claim_qualifiers ORDER BY rowid");
        while (qq.step()) {
            auto it = claim_index.find(qq.i64(0));
            if (it != claim_index.end()) data.claims[it->second].qualifiers.push_back({qq.str(1), qq.str(2)});
        }
    }
    // Documents where an entity only appears in claims count too.
    for (const auto& c : data.claims) {
        for (EntityId id : {c.subject, c.object}) {
            auto& e = data.entities[index.at(id)];
            if (std::find(e.documents.begin(), e.documents.end(), c.document) == e.documents.end())
                e.documents.push_back(c.document);
        }
    }
    for (auto& e : data.entities) std::sort(e.documents.begin(), e.documents.end());
    aggregate_edges(data);
    return data;
}

}  // namespace chipgraph
