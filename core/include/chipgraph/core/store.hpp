// The SQLite store: documents, entities, aliases, mentions, claims and qualifiers.
//
// Every document is written in one transaction, so an interrupted ingest leaves whole
// documents only. Named entities are shared across documents (resolved by their folded
// canonical name, then by user aliases); unnamed entities belong to their document.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "chipgraph/core/model.hpp"

struct sqlite3;

namespace chipgraph {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct StoreStats {
    long documents = 0, entities = 0, aliases = 0, mentions = 0, claims = 0, qualifiers = 0;
    std::vector<std::pair<std::string, long>> entities_by_type;
    std::vector<std::pair<std::string, long>> claims_by_predicate;
};

enum class IngestOutcome { added, replaced, unchanged };

struct IngestResult {
    IngestOutcome outcome = IngestOutcome::added;
    DocumentId document = 0;
    long entities_added = 0;  // new entity rows (named entities first seen, unnamed ones)
    long claims_added = 0;
};

// Filters shared by claim listings and graph loading.
struct ClaimFilter {
    std::optional<EntityId> entity;  // subject or object
    std::vector<std::string> predicates;
    double min_confidence = 0.0;
    std::string since, until;  // ISO dates, compared on the document date
    // Claims the text denies ("n'enfreint aucune loi") stay in the store but are not
    // graph edges unless asked for.
    bool include_denied = false;
};

struct HealthReport {
    bool ok = true;
    std::vector<std::string> problems;
    StoreStats stats;
};

// A store is one SQLite connection, for one thread at a time (SQLite's per-connection
// mutexes are off); another thread opens its own Store on path().
class Store {
public:
    static constexpr int kSchemaVersion = 4;

    // Opens or creates the database and migrates it. Throws StoreError when the file is
    // not a chipgraph database or was written by a newer program; the file is untouched.
    explicit Store(const std::string& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Writes one document and what was extracted from it in a single transaction.
    // Same source and same content hash: nothing changes. Same source, new content:
    // the document's previous mentions, claims and unnamed entities are replaced.
    // `text_hash` is content_hash(doc.text) when the caller has it already.
    IngestResult ingest(const Document& doc, const Extraction& extraction, std::string_view text_hash = {});

    // Groups the next ingests in one transaction, each document in its own savepoint:
    // much faster than one commit per document, and an interrupted batch still leaves
    // whole documents only (the uncommitted batch is rolled back as a whole).
    void begin_batch();
    void commit_batch();
    bool in_batch() const { return batch_; }

    // True when a document with this source and content hash is already stored.
    bool has_document(const std::string& source, const std::string& content_hash) const;
    // True when a document with this content hash is stored under another source.
    std::optional<std::string> source_with_hash(const std::string& content_hash) const;

    StoreStats stats() const;

    // Entity lookup by any name or alias, case- and accent-insensitively.
    std::vector<EntityId> find_entities(const std::string& name) const;
    // Names closest to `name` (for "did you mean").
    std::vector<std::string> suggest_names(const std::string& name, std::size_t limit = 3) const;

    // The entity an id stands for after user merges (the id itself when not merged);
    // nullopt when no entity has this id.
    std::optional<EntityId> canonical_entity(EntityId id) const;

    std::vector<EntityRecord> entities(std::optional<EntityType> type = std::nullopt) const;
    std::optional<EntityRecord> entity(EntityId id) const;
    std::vector<ClaimRecord> claims(const ClaimFilter& filter = {}) const;

    // The whole graph: every entity and claim passing the filter, edges aggregated.
    GraphData load_graph(const ClaimFilter& filter = {}) const;

    // User corrections, kept across re-ingest.
    void add_alias(EntityId entity, const std::string& alias);
    // Merges `from` into `into`; remembered so that re-ingest keeps them merged.
    void merge(EntityId into, EntityId from);
    // Undoes the merges recorded for `name` (by alias of the merged entity).
    bool unmerge(const std::string& name);

    HealthReport check() const;

    sqlite3* handle() const { return db_; }
    // The database file, for another connection to the same store (another thread's).
    std::string path() const;

private:
    IngestResult ingest_in_transaction(const Document& doc, const Extraction& extraction, std::string_view text_hash);
    // Whether the current batch already wrote this alias of a stored entity (remembers it).
    bool alias_written(EntityId entity, std::string_view alias);
    EntityId named_entity(const std::string& key, EntityType type);
    // What the write lock lets this connection remember between documents; forgotten with
    // the lock, and whenever rows it lists may go (a rollback, a replaced document).
    void forget_batch();
    struct Statements;
    sqlite3* db_ = nullptr;
    std::unique_ptr<Statements> stmts_;
    bool batch_ = false;
    // "entity id (8 bytes) alias" written during the current batch, and a scratch key.
    std::unordered_set<std::string> aliases_written_;
    std::string alias_key_;
    // Named entities' ids by key, as found or written during the current batch.
    std::unordered_map<std::string, EntityId> named_ids_;
};

// Content hash of a document's text (hex), used to recognize unchanged documents.
std::string content_hash(std::string_view text);

}  // namespace chipgraph
