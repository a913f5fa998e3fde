// Reading the graph back: entities, aliases, documents and claims with their evidence.
//
// A graph of a million entities has five million claims or more, so every table is read
// once in its stored order, with no join and no sort in SQL: ids are looked up in direct
// tables (SQLite row ids are nearly dense), each document's text is read once for the
// evidence sentences of all its claims, and the per-entity document lists come from one
// sort of packed (entity, document) pairs.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chipgraph/core/memory.hpp"
#include "chipgraph/core/store.hpp"
#include "sqlite_util.hpp"
#include "store_internal.hpp"

namespace chipgraph {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Stored id -> position in a vector loaded in id order. A direct table while the ids are
// nearly dense (the usual case for row ids), else a hash map.
class IdIndex {
public:
    // `ids`: every id that will be looked up, ascending.
    explicit IdIndex(const std::vector<std::int64_t>& ids) {
        if (ids.empty()) return;
        base_ = ids.front();
        const auto range = static_cast<std::uint64_t>(ids.back() - base_) + 1;
        dense_ = range <= 4 * ids.size() + 1024;
        if (dense_) table_.assign(range, kNone);
    }
    void set(std::int64_t id, std::uint32_t pos) {
        if (dense_)
            table_[static_cast<std::size_t>(id - base_)] = pos;
        else
            map_[id] = pos;
    }
    // kNone when `id` was not set.
    std::uint32_t at(std::int64_t id) const {
        if (dense_) {
            const auto i = static_cast<std::uint64_t>(id - base_);
            return id >= base_ && i < table_.size() ? table_[i] : kNone;
        }
        auto it = map_.find(id);
        return it == map_.end() ? kNone : it->second;
    }

private:
    std::int64_t base_ = 0;
    bool dense_ = false;
    std::vector<std::uint32_t> table_;
    std::unordered_map<std::int64_t, std::uint32_t> map_;
};

// At least the number of rows of `table`, and not above it by much: the range of its ids
// (read in O(1)) when small, else a count (a scan, but 70 ms for 5 million claims).
std::size_t row_bound(sqlite3* db, const std::string& table) {
    auto scalar = [&](const std::string& sql) {
        sql::Stmt q(db, sql);
        const std::int64_t v = q.step() ? q.i64(0) : 0;
        q.reset();
        return static_cast<std::size_t>(std::max<std::int64_t>(0, v));
    };
    const std::size_t range = scalar("SELECT (SELECT max(id) FROM " + table + ") - (SELECT min(id) FROM " + table + ") + 1");
    if (range <= (std::size_t{1} << 16)) return range;
    return std::min(range, scalar("SELECT count(*) FROM " + table));
}

struct DocumentInfo {
    SharedText source, published;
    std::int64_t source_group = 0;
    std::uint32_t rank = 0;  // position in source order, for sorted entity document lists
};

struct Documents {
    std::vector<DocumentInfo> list;  // in id order
    IdIndex index{{}};

    const DocumentInfo* find(DocumentId id) const {
        auto pos = index.at(id);
        return pos == kNone ? nullptr : &list[pos];
    }
};

// Reads the entities that are not merged into another (in id order) and indexes every
// entity id, a merged one under the position of the entity it is merged into.
IdIndex load_entities(sqlite3* db, const std::unordered_map<EntityId, EntityId>& merged_into,
                      std::vector<EntityRecord>& out) {
    std::vector<std::int64_t> ids;
    std::vector<std::uint32_t> positions;
    const std::size_t n = row_bound(db, "entities");
    reserve_populated(out, n);
    reserve_populated(ids, n);
    reserve_populated(positions, n);
    sql::Stmt q(db, "SELECT id, name, type, unnamed FROM entities ORDER BY id");
    while (q.step()) {
        const EntityId id = q.i64(0);
        ids.push_back(id);
        if (merged_into.count(id)) {
            positions.push_back(kNone);
            continue;
        }
        positions.push_back(static_cast<std::uint32_t>(out.size()));
        EntityRecord& e = out.emplace_back();
        e.id = id;
        e.name = q.str(1);
        e.type = parse_entity_type(q.view(2)).value_or(EntityType::organization);
        e.unnamed = q.i64(3) != 0;
    }
    IdIndex index(ids);
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (positions[i] != kNone) index.set(ids[i], positions[i]);
    for (auto [from, into] : merged_into) index.set(from, index.at(into));
    return index;
}

// Appends each alias to its (root) entity: per entity in the order of the stored ids, then
// of the alias, without the entity's name or a repeated alias. The table is read in its
// key order (entity, folded alias), and each entity's few aliases sorted here, rather than
// sorting the whole table in SQL.
void load_aliases(sqlite3* db, const IdIndex& entity_index, std::vector<EntityRecord>& entities) {
    std::vector<std::string> group;  // the aliases of one stored entity
    std::uint32_t group_pos = kNone;
    auto flush = [&] {
        if (group_pos == kNone) return;
        std::sort(group.begin(), group.end());
        auto& e = entities[group_pos];
        for (auto& alias : group) {
            if (alias == e.name) continue;
            // Most entities have few aliases; a linear search beats a set per entity.
            if (std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end())
                e.aliases.push_back(std::move(alias));
        }
        group.clear();
    };
    sql::Stmt q(db, "SELECT entity_id, alias FROM aliases ORDER BY entity_id");  // the key order: no sort
    std::int64_t group_id = 0;
    while (q.step()) {
        const std::int64_t id = q.i64(0);
        if (group_pos == kNone || id != group_id) {
            flush();
            group_id = id;
            group_pos = entity_index.at(id);
            if (group_pos == kNone) continue;
        }
        group.emplace_back(q.view(1));
    }
    flush();
    // Unnamed entities keep the words the text described them with on their own row
    // (schema 4), one per line.
    sql::Stmt forms(db, "SELECT id, surface_forms FROM entities WHERE surface_forms IS NOT NULL");
    while (forms.step()) {
        group_pos = entity_index.at(forms.i64(0));
        if (group_pos == kNone) continue;
        std::string_view all = forms.view(1);
        for (std::size_t start = 0; start <= all.size();) {
            std::size_t end = std::min(all.find('\n', start), all.size());
            if (end > start) group.emplace_back(all.substr(start, end - start));
            start = end + 1;
        }
        flush();
    }
}

Documents load_documents(sqlite3* db) {
    Documents docs;
    std::vector<std::int64_t> ids;
    sql::Stmt q(db, "SELECT id, source, published, source_group FROM documents ORDER BY id");
    while (q.step()) {
        ids.push_back(q.i64(0));
        docs.list.push_back(DocumentInfo{SharedText(q.view(1)), SharedText(q.view(2)), q.i64(3), 0});
    }
    docs.index = IdIndex(ids);
    for (std::size_t i = 0; i < ids.size(); ++i) docs.index.set(ids[i], static_cast<std::uint32_t>(i));
    std::vector<std::uint32_t> by_source(docs.list.size());
    std::iota(by_source.begin(), by_source.end(), 0u);
    std::sort(by_source.begin(), by_source.end(),
              [&](auto a, auto b) { return docs.list[a].source < docs.list[b].source; });
    for (std::size_t r = 0; r < by_source.size(); ++r) docs.list[by_source[r]].rank = static_cast<std::uint32_t>(r);
    return docs;
}

// The documents each entity appears in, as packed (entity position, document rank) pairs;
// sorted and deduplicated at the end. `last` skips the usual repeat (the same entity again
// in the same document) before it costs a pair.
class EntityDocuments {
public:
    explicit EntityDocuments(std::size_t entities) : last_(entities, kNone) {}
    void reserve_more(std::size_t pairs, bool populated) {
        if (populated)
            reserve_populated(pairs_, pairs_.size() + pairs);
        else
            pairs_.reserve(pairs_.size() + pairs);
    }
    void add(std::uint32_t entity, std::uint32_t rank) {
        if (last_[entity] == rank) return;
        last_[entity] = rank;
        pairs_.push_back(std::uint64_t{entity} << 32 | rank);
    }
    // Fills EntityRecord::documents with the sources, in source order: the pairs grouped by
    // entity with a counting sort (there are millions of pairs, the entities are known),
    // then each entity's few documents sorted.
    void fill(std::vector<EntityRecord>& entities, const Documents& docs) {
        last_ = {};
        std::vector<std::uint32_t> start(entities.size() + 1, 0);
        for (auto p : pairs_) ++start[(p >> 32) + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        std::vector<std::uint32_t> ranks;
        resize_populated(ranks, pairs_.size());
        {
            std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
            for (auto p : pairs_) ranks[next[p >> 32]++] = static_cast<std::uint32_t>(p);
        }
        pairs_ = {};
        std::vector<std::uint32_t> by_rank(docs.list.size());
        for (std::size_t i = 0; i < docs.list.size(); ++i) by_rank[docs.list[i].rank] = static_cast<std::uint32_t>(i);
        for (std::size_t e = 0; e < entities.size(); ++e) {
            const auto first = ranks.begin() + start[e], last = ranks.begin() + start[e + 1];
            if (first == last) continue;
            std::sort(first, last);
            const auto end = std::unique(first, last);
            auto& list = entities[e].documents;
            list.reserve(list.size() + static_cast<std::size_t>(end - first));
            for (auto it = first; it != end; ++it) list.push_back(docs.list[by_rank[*it]].source);
        }
    }

private:
    std::vector<std::uint32_t> last_;  // by entity: the rank of the last document added
    std::vector<std::uint64_t> pairs_;
};

// Mention counts, and the documents where entities are mentioned.
void load_mentions(sqlite3* db, const IdIndex& entity_index, const Documents& docs,
                   std::vector<EntityRecord>& entities, EntityDocuments& entity_docs) {
    sql::Stmt q(db, "SELECT entity_id, document_id, count FROM mentions");  // one row per (document, entity)
    while (q.step()) {
        const auto pos = entity_index.at(q.i64(0));
        const DocumentInfo* d = docs.find(q.i64(1));
        if (pos == kNone || !d) continue;
        entities[pos].mention_count += static_cast<int>(q.i64(2));
        entity_docs.add(pos, d->rank);
    }
}

// Evidence sentences. Claims come in id order, which keeps a document's claims together:
// each document's text is read about once (not once per claim), and the claims of one
// sentence share one copy of it.
class Sentences {
public:
    explicit Sentences(sqlite3* db) : q_(db, "SELECT text FROM documents WHERE id = ?1") {}
    // The bytes [start, end) of document `id`, clipped to the text.
    SharedText get(DocumentId id, std::int64_t start, std::int64_t end) {
        if (id != current_) {
            text_.clear();
            seen_.clear();
            q_.bind(1, id);
            if (q_.step()) text_.assign(q_.blob(0));
            q_.reset();
            current_ = id;
        }
        const auto size = static_cast<std::int64_t>(text_.size());
        start = std::clamp<std::int64_t>(start, 0, size);
        end = std::clamp<std::int64_t>(end, start, size);
        const auto key = static_cast<std::uint64_t>(start) << 32 ^ static_cast<std::uint64_t>(end);
        if (!seen_.empty() && seen_.back().first == key) return seen_.back().second;  // the usual case
        for (const auto& [k, sentence] : seen_)
            if (k == key) return sentence;
        if (seen_.size() >= kRemembered) seen_.erase(seen_.begin());
        seen_.emplace_back(key, SharedText(std::string_view(text_).substr(static_cast<std::size_t>(start),
                                                                          static_cast<std::size_t>(end - start))));
        return seen_.back().second;
    }

private:
    static constexpr std::size_t kRemembered = 16;  // the sentences of the document's last claims

    sql::Stmt q_;
    DocumentId current_ = -1;
    std::string text_;
    std::vector<std::pair<std::uint64_t, SharedText>> seen_;  // (start, end) -> sentence
};

// One SharedText per distinct value of a column with few values (predicates, rules,
// attributions): the first values in a short list, the rest in a hash map.
class Interner {
public:
    Interner() { first_.reserve(kListed); }  // references stay valid while the list grows
    const SharedText& get(std::string_view text) {
        for (const auto& t : first_)
            if (t.view() == text) return t;
        if (first_.size() < kListed) return first_.emplace_back(text);
        auto it = rest_.find(text);
        if (it == rest_.end()) {
            SharedText t(text);
            it = rest_.emplace(t.view(), t).first;  // the key views the value's own buffer
        }
        return it->second;
    }

private:
    static constexpr std::size_t kListed = 16;
    std::vector<SharedText> first_;
    std::unordered_map<std::string_view, SharedText> rest_;
};

bool date_passes(std::string_view published, const ClaimFilter& filter) {
    if (filter.since.empty() && filter.until.empty()) return true;
    if (published.empty()) return false;
    if (!filter.since.empty() && published < filter.since) return false;
    if (!filter.until.empty() && published > std::string_view(filter.until + "\xff")) return false;
    return true;
}

// Claims passing `filter`, in id order, each with its document's source, date, source
// group and evidence sentence. The documents of a claim count as documents of its entities.
void load_claims(sqlite3* db, const ClaimFilter& filter, const IdIndex& entity_index,
                 const std::unordered_map<EntityId, EntityId>& merged_into, const Documents& docs, GraphData& data,
                 EntityDocuments& entity_docs) {
    auto& out = data.claims;
    {
        // The whole graph: the pages of the records mapped at once (see memory.hpp). Only
        // then, as a filter may keep few of the claims.
        const std::size_t n = row_bound(db, "claims");
        const bool all = !filter.entity && filter.predicates.empty() && filter.min_confidence <= 0 &&
                         filter.since.empty() && filter.until.empty();
        if (all)
            reserve_populated(out, n);
        else
            out.reserve(n);
        entity_docs.reserve_more(2 * n, all);
    }
    std::string sql =
        "SELECT id, subject_id, predicate, object_id, document_id, sentence_start, sentence_end, start, end, rule, "
        "confidence, status, attribution FROM claims WHERE confidence >= ?1";
    if (!filter.include_denied) sql += " AND status <> 'denied'";
    sql += " ORDER BY id";
    sql::Stmt q(db, sql);
    q.bind(1, filter.min_confidence);
    Sentences sentences(db);
    Interner predicates, rules, attributions;
    auto position = [&](std::int64_t id) {
        const auto pos = entity_index.at(id);
        if (pos == kNone) throw StoreError("load_graph: a claim names an unknown entity");
        return pos;
    };
    while (q.step()) {
        const std::string_view predicate = q.view(2);
        if (!filter.predicates.empty() &&
            std::find(filter.predicates.begin(), filter.predicates.end(), predicate) == filter.predicates.end())
            continue;
        const std::uint32_t subject_pos = position(q.i64(1)), object_pos = position(q.i64(3));
        // The entity a merged one is shown as (not read from the entity records: a cache miss).
        auto root = [&](EntityId id) {
            if (merged_into.empty()) return id;
            auto it = merged_into.find(id);
            return it == merged_into.end() ? id : it->second;
        };
        const EntityId subject = root(q.i64(1)), object = root(q.i64(3));
        if (filter.entity && subject != *filter.entity && object != *filter.entity) continue;
        const DocumentId doc_id = q.i64(4);
        const DocumentInfo* doc = docs.find(doc_id);
        if (!doc) throw StoreError("load_graph: a claim names an unknown document");
        if (!date_passes(doc->published, filter)) continue;
        entity_docs.add(subject_pos, doc->rank);
        entity_docs.add(object_pos, doc->rank);
        ClaimRecord& c = out.emplace_back();
        c.id = q.i64(0);
        c.subject = subject;
        c.predicate = predicates.get(predicate);
        c.object = object;
        c.document = doc->source;
        c.document_date = doc->published;
        c.source_group = doc->source_group;
        c.sentence = sentences.get(doc_id, q.i64(5), q.i64(6));
        c.start = static_cast<std::size_t>(q.i64(7));
        c.end = static_cast<std::size_t>(q.i64(8));
        c.rule = rules.get(q.view(9));
        c.confidence = q.dbl(10);
        c.status = parse_claim_status(q.view(11)).value_or(ClaimStatus::asserted);
        c.attribution = attributions.get(q.view(12));
    }
}

// Qualifiers, in stored order, on the claims that were loaded (sorted by id).
void load_qualifiers(sqlite3* db, std::vector<ClaimRecord>& claims) {
    sql::Stmt q(db, "SELECT claim_id, key, value FROM claim_qualifiers ORDER BY rowid");
    while (q.step()) {
        const ClaimId id = q.i64(0);
        auto it = std::partition_point(claims.begin(), claims.end(), [&](const ClaimRecord& c) { return c.id < id; });
        if (it != claims.end() && it->id == id) it->qualifiers.push_back({q.str(1), q.str(2)});
    }
}

}  // namespace

GraphData Store::load_graph(const ClaimFilter& filter) const {
    // One snapshot for every query below, even while another process ingests (WAL).
    std::optional<sql::Transaction> snapshot;
    if (sqlite3_get_autocommit(db_)) snapshot.emplace(db_, false);
    GraphData data;
    const auto merged_into = load_merges(db_);
    const IdIndex entity_index = load_entities(db_, merged_into, data.entities);
    load_aliases(db_, entity_index, data.entities);
    const Documents docs = load_documents(db_);
    EntityDocuments entity_docs(data.entities.size());
    load_mentions(db_, entity_index, docs, data.entities, entity_docs);
    load_claims(db_, filter, entity_index, merged_into, docs, data, entity_docs);
    load_qualifiers(db_, data.claims);
    entity_docs.fill(data.entities, docs);
    aggregate_edges(data);
    return data;
}

}  // namespace chipgraph
