#include "chipgraph/core/store.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "chipgraph/core/text.hpp"
#include "sqlite_util.hpp"
#include "store_internal.hpp"

namespace chipgraph {

namespace {

constexpr int kApplicationId = 0x43484750;  // "CHGP"

// Schema migrations, applied in order; migration i brings user_version from i to i + 1.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  ingested_at TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT '',
  source_group INTEGER NOT NULL DEFAULT 0,
  signature BLOB,
  text TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(hash);
-- Locality-sensitive hashing bands of each document's shingle signature, to find
-- near-duplicate retellings without comparing every pair.
CREATE TABLE document_bands (
  band INTEGER NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX document_bands_band ON document_bands(band);
CREATE INDEX document_bands_doc ON document_bands(document_id);
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  unnamed INTEGER NOT NULL DEFAULT 0,
  -- Unnamed entities belong to the document they were found in.
  document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX entities_named_key ON entities(key) WHERE unnamed = 0;
CREATE INDEX entities_document ON entities(document_id);
CREATE TABLE aliases (
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  folded TEXT NOT NULL,
  by_user INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity_id, folded)
) WITHOUT ROWID;
CREATE INDEX aliases_folded ON aliases(folded);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  predicate TEXT NOT NULL,
  object_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  confidence REAL NOT NULL,
  status TEXT NOT NULL DEFAULT 'asserted',
  attribution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX claims_subject ON claims(subject_id);
CREATE INDEX claims_object ON claims(object_id);
CREATE INDEX claims_document ON claims(document_id);
CREATE TABLE claim_qualifiers (
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX claim_qualifiers_claim ON claim_qualifiers(claim_id);
-- User corrections: `from_id` is shown as `into_id` everywhere. Kept across re-ingest
-- because named entities keep their rows.
CREATE TABLE merges (
  from_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
  into_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
);
)sql",
    // 2: named entities are keyed by text::entity_key() (legal forms dropped: "Orbix
    // Compute Ltd" and "Orbix Compute" are one entity); rekey_named_entities() below.
    "",
    // 3: one mentions row per (document, entity) with its spans, instead of one row per
    // mention (a third of the rows and one index less to write); the surname of each
    // named person indexed for the lone-surname lookup; a cheaper minhash() (signatures
    // recomputed by index_surnames_and_signatures() below).
    R"sql(
CREATE TABLE mentions_by_entity (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  count INTEGER NOT NULL,
  -- Byte offsets in the document text, "start-end start-end ...".
  spans TEXT NOT NULL,
  PRIMARY KEY (document_id, entity_id)
) WITHOUT ROWID;
INSERT INTO mentions_by_entity(document_id, entity_id, count, spans)
  SELECT document_id, entity_id, count(*), group_concat(start || '-' || end, ' ')
  FROM (SELECT document_id, entity_id, start, end FROM mentions ORDER BY document_id, entity_id, start)
  GROUP BY document_id, entity_id;
DROP TABLE mentions;
ALTER TABLE mentions_by_entity RENAME TO mentions;
CREATE INDEX mentions_entity ON mentions(entity_id);
ALTER TABLE entities ADD COLUMN surname TEXT;
CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;
)sql",
    // 4: faster ingest. Claims no longer reference nor index their subject and object (two
    // random-order index writes per claim): every claim's subject and object has a mentions
    // row in the claim's document instead (count 0 when the text names it only through the
    // claim), so the mentions index answers "is this entity still used". Unnamed entities
    // ("investors in Dubai") keep the other words the text described them with in
    // entities.surface_forms instead of alias rows: no lookup uses them, and they were
    // most of the alias rows. The qualifiers move to a new table first: dropping the old
    // claims table would cascade to them.
    R"sql(
CREATE TABLE claims_v4 (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL,  -- entities(id), checked by Store::check()
  predicate TEXT NOT NULL,
  object_id INTEGER NOT NULL,   -- entities(id), checked by Store::check()
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  confidence REAL NOT NULL,
  status TEXT NOT NULL DEFAULT 'asserted',
  attribution TEXT NOT NULL DEFAULT ''
);
INSERT INTO claims_v4 SELECT id, subject_id, predicate, object_id, document_id, sentence_start, sentence_end,
  start, end, rule, confidence, status, attribution FROM claims;
CREATE TABLE claim_qualifiers_v4 (
  claim_id INTEGER NOT NULL REFERENCES claims_v4(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL
);
INSERT INTO claim_qualifiers_v4 SELECT claim_id, key, value FROM claim_qualifiers;
DROP TABLE claim_qualifiers;
DROP TABLE claims;
ALTER TABLE claims_v4 RENAME TO claims;
ALTER TABLE claim_qualifiers_v4 RENAME TO claim_qualifiers;
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claim_qualifiers_claim ON claim_qualifiers(claim_id);
INSERT OR IGNORE INTO mentions(document_id, entity_id, count, spans)
  SELECT document_id, subject_id, 0, '' FROM claims UNION SELECT document_id, object_id, 0, '' FROM claims;
ALTER TABLE entities ADD COLUMN surface_forms TEXT;
UPDATE entities SET surface_forms = (SELECT group_concat(a.alias, char(10)) FROM aliases a
    WHERE a.entity_id = entities.id AND a.by_user = 0 AND a.alias <> entities.name)
  WHERE unnamed = 1;
DELETE FROM aliases WHERE by_user = 0 AND entity_id IN (SELECT id FROM entities WHERE unnamed = 1);
)sql",
};
constexpr int kMigrationCount = static_cast<int>(std::size(kMigrations));
static_assert(kMigrationCount == Store::kSchemaVersion);

// ---- Near-duplicate detection: MinHash over word 4-shingles, LSH in 8 bands of 4 ----

constexpr int kSignatureSize = 32;
constexpr int kBands = 8;
constexpr int kRowsPerBand = kSignatureSize / kBands;
using Signature = std::array<std::uint64_t, kSignatureSize>;

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

// For each byte: 0 when it separates words, else the byte with ASCII letters lowercased.
constexpr std::array<unsigned char, 256> kWordBytes = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) t[c] = static_cast<unsigned char>(c);
        if (c >= 'A' && c <= 'Z') t[c] = static_cast<unsigned char>(c + ('a' - 'A'));
    }
    return t;
}();

// Word 4-shingles of the text (ASCII case folded: accents rarely differ between two
// copies of one report), each hashed once, in one-permutation MinHash: the hash's top
// bits pick one of the 32 slots, which keeps its least value. A fraction of the cost of
// 32 hash functions per shingle, with the same estimate on article-length texts.
Signature minhash(std::string_view text) {
    Signature sig;
    sig.fill(~0ULL);
    std::uint64_t window[4] = {};
    std::size_t words = 0, i = 0;
    while (i < text.size()) {
        while (i < text.size() && !kWordBytes[static_cast<unsigned char>(text[i])]) ++i;
        std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the word
        std::size_t j = i;
        for (unsigned char c; j < text.size() && (c = kWordBytes[static_cast<unsigned char>(text[j])]); ++j) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        if (j == i) break;
        i = j;
        window[words++ % 4] = h;
        if (words < 4) continue;
        // The four words in text order, whatever their place in the ring.
        std::uint64_t shingle = 0;
        for (std::size_t w = words - 4; w < words; ++w) shingle = shingle * 0x9e3779b97f4a7c15ULL + window[w % 4];
        const std::uint64_t v = mix(shingle);
        auto& slot = sig[v >> 59];  // 32 slots
        slot = std::min(slot, v);
    }
    return sig;
}

// The LSH band keys of a signature: documents sharing one are compared.
std::array<std::int64_t, kBands> band_keys(const Signature& sig) {
    std::array<std::int64_t, kBands> keys{};
    for (int b = 0; b < kBands; ++b) {
        auto band = static_cast<std::uint64_t>(b);
        for (int r = 0; r < kRowsPerBand; ++r) band = mix(band ^ sig[b * kRowsPerBand + r]);
        keys[b] = static_cast<std::int64_t>(band >> 1);
    }
    return keys;
}

double signature_similarity(const Signature& a, std::string_view b_blob) {
    if (b_blob.size() != sizeof(Signature)) return 0.0;
    Signature b;
    std::memcpy(b.data(), b_blob.data(), sizeof b);
    // Jaccard estimate over the slots that either text filled.
    int same = 0, filled = 0;
    for (int k = 0; k < kSignatureSize; ++k) {
        filled += a[k] != ~0ULL || b[k] != ~0ULL;
        same += a[k] == b[k] && a[k] != ~0ULL;
    }
    return filled ? static_cast<double>(same) / filled : 0.0;
}

// The key an entity is stored and found under.
std::string stored_key(const std::string& name, bool unnamed) {
    std::string key = unnamed ? text::name_key(name) : text::entity_key(name);
    return key.empty() ? text::fold(name) : key;
}

// Recomputes the key of every named entity (after a change of text::entity_key()) and
// merges the entities whose keys become equal into the oldest of them: mentions, claims,
// aliases and user merges move to it. Run by a migration, inside its transaction.
void rekey_named_entities(sqlite3* db) {
    std::vector<std::pair<std::int64_t, std::string>> named;
    {
        sql::Stmt q(db, "SELECT id, name FROM entities WHERE unnamed = 0 ORDER BY id");
        while (q.step()) named.emplace_back(q.i64(0), q.str(1));
    }
    // Out of the unique index's way first: a new key may be another entity's old one.
    sql::exec(db, "UPDATE entities SET key = char(1) || id WHERE unnamed = 0");
    sql::Stmt find(db, "SELECT id FROM entities WHERE key = ? AND unnamed = 0");
    sql::Stmt set_key(db, "UPDATE entities SET key = ? WHERE id = ?");
    std::vector<sql::Stmt> move;  // ?1 survivor, ?2 merged away
    for (const char* q : {
             "UPDATE mentions SET entity_id = ?1 WHERE entity_id = ?2",
             "UPDATE claims SET subject_id = ?1 WHERE subject_id = ?2",
             "UPDATE claims SET object_id = ?1 WHERE object_id = ?2",
             "INSERT OR IGNORE INTO aliases(entity_id, alias, folded, by_user) "
             "SELECT ?1, alias, folded, by_user FROM aliases WHERE entity_id = ?2",
             "UPDATE aliases SET by_user = 1 WHERE entity_id = ?1 AND folded IN "
             "(SELECT folded FROM aliases WHERE entity_id = ?2 AND by_user = 1)",
             "UPDATE merges SET into_id = ?1 WHERE into_id = ?2",
             "UPDATE OR IGNORE merges SET from_id = ?1 WHERE from_id = ?2",
             "DELETE FROM merges WHERE from_id = ?1 AND into_id = ?1",
             "DELETE FROM entities WHERE id = ?2",  // cascades to what was not moved
         })
        move.emplace_back(db, q);
    for (const auto& [id, name] : named) {
        const std::string key = stored_key(name, false);
        find.bind(1, key);
        if (find.step()) {
            const std::int64_t survivor = find.i64(0);
            find.reset();
            for (auto& m : move) m.bind(1, survivor).bind(2, id).run();
        } else {
            set_key.bind(1, key).bind(2, id).run();
        }
    }
}

// An unnamed entity's other descriptions in the text ("the operator", "ses ingénieurs"),
// one per line for entities.surface_forms: one per folded form, as alias rows would be,
// without its name (on the row already); empty when there is none.
std::string surface_forms(const ExtractedEntity& e) {
    std::string out;
    std::vector<std::string> seen;
    for (const auto& alias : e.aliases) {
        if (alias == e.name || alias.find('\n') != std::string::npos) continue;
        std::string folded = text::name_key(alias);
        if (folded.empty() || std::find(seen.begin(), seen.end(), folded) != seen.end()) continue;
        seen.push_back(std::move(folded));
        if (!out.empty()) out += '\n';
        out += alias;
    }
    return out;
}

// The last word of a named person's key ("adrian koh" -> "koh"), for the lone-surname
// lookup; null for everything else.
std::optional<std::string> surname_of(std::string_view key, EntityType type, bool unnamed) {
    auto space = key.rfind(' ');
    if (type != EntityType::person || unnamed || space == std::string_view::npos) return std::nullopt;
    return std::string(key.substr(space + 1));
}

// Version 3: surnames of named persons; signatures and bands of the current minhash().
void index_surnames_and_signatures(sqlite3* db) {
    {
        sql::Stmt q(db, "SELECT id, key FROM entities WHERE type = 'person' AND unnamed = 0");
        sql::Stmt set(db, "UPDATE entities SET surname = ? WHERE id = ?");
        while (q.step())
            if (auto surname = surname_of(q.str(1), EntityType::person, false))
                set.bind(1, *surname).bind(2, q.i64(0)).run();
    }
    sql::exec(db, "DELETE FROM document_bands");
    sql::Stmt q(db, "SELECT id, text FROM documents");
    sql::Stmt set(db, "UPDATE documents SET signature = ? WHERE id = ?");
    sql::Stmt band(db, "INSERT INTO document_bands(band, document_id) VALUES (?, ?)");
    while (q.step()) {
        const Signature sig = minhash(q.str(1));
        set.bind_blob(1, sig.data(), sizeof sig).bind(2, q.i64(0)).run();
        for (std::int64_t key : band_keys(sig)) band.bind(1, key).bind(2, q.i64(0)).run();
    }
}

// What SQL cannot do, run after the SQL of the same migration (nullptr: nothing).
void (*const kMigrationSteps[])(sqlite3*) = {nullptr, rekey_named_entities, index_surnames_and_signatures, nullptr};
static_assert(std::size(kMigrationSteps) == std::size(kMigrations));

std::string now_iso() {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

std::string content_hash(std::string_view text) {
    // Two independent 64-bit FNV-1a streams in one pass: ample for telling documents apart.
    std::uint64_t a = 1469598103934665603ULL, b = 0x84222325cbf29ce4ULL;
    for (unsigned char c : text) {
        a = (a ^ c) * 1099511628211ULL;
        b = (b ^ c) * 1099511628211ULL;
    }
    return fmt::format("{:016x}{:016x}", a, b);
}

// Several rows per INSERT: a statement's own cost is most of what a narrow row costs.
constexpr std::size_t kRowsPerInsert = 8;

int column_count(std::string_view columns) {
    return static_cast<int>(std::count(columns.begin(), columns.end(), ',')) + 1;
}

// "INSERT INTO table(a, b) VALUES (?,?),(?,?)...": `rows` rows of parameters.
std::string insert_sql(std::string_view verb, std::string_view table, std::string_view columns, std::size_t rows) {
    std::string row = "(?";
    for (int c = 1; c < column_count(columns); ++c) row += ",?";
    row += ')';
    std::string sql = fmt::format("{} INTO {}({}) VALUES {}", verb, table, columns, row);
    for (std::size_t r = 1; r < rows; ++r) sql += "," + row;
    return sql;
}

// One statement of one row and one of kRowsPerInsert rows for the same table.
struct RowInserter {
    RowInserter(sqlite3* db, std::string_view table, std::string_view columns, std::string_view verb = "INSERT")
        : one(db, insert_sql(verb, table, columns, 1)),
          many(db, insert_sql(verb, table, columns, kRowsPerInsert)),
          columns(column_count(columns)) {}

    // Inserts rows 0..n-1: bind_row(stmt, p, row) binds row `row` to parameters p+1, p+2...
    template <class BindRow>
    void insert(std::size_t n, BindRow&& bind_row) {
        std::size_t k = 0;
        for (; k + kRowsPerInsert <= n; k += kRowsPerInsert) {
            for (std::size_t r = 0; r < kRowsPerInsert; ++r) bind_row(many, static_cast<int>(r) * columns, k + r);
            many.run();
        }
        for (; k < n; ++k) {
            bind_row(one, 0, k);
            one.run();
        }
    }

    sql::Stmt one, many;
    int columns;
};

struct Store::Statements {
    explicit Statements(sqlite3* db)
        : doc_by_source(db, "SELECT id, hash FROM documents WHERE source = ?"),
          doc_by_hash(db, "SELECT source FROM documents WHERE hash = ? LIMIT 1"),
          doc_delete(db, "DELETE FROM documents WHERE id = ?"),
          doc_insert(db,
                     "INSERT INTO documents(source, hash, title, url, language, published, ingested_at, origin, "
                     "signature, text) VALUES (?,?,?,?,?,?,?,?,?,?)"),
          doc_set_group(db, "UPDATE documents SET source_group = ? WHERE id = ?"),
          doc_by_origin(db, "SELECT source_group FROM documents WHERE origin = ? AND id <> ? LIMIT 1"),
          band_candidates(db,
                          "SELECT DISTINCT d.id, d.source_group, d.signature FROM document_bands b "
                          "JOIN documents d ON d.id = b.document_id WHERE b.band = ? AND d.id <> ? LIMIT 16"),
          entity_by_key(db, "SELECT id FROM entities WHERE key = ? AND unnamed = 0"),
          person_by_surname(db,
                            "SELECT id FROM entities WHERE surname = ? AND type = 'person' AND unnamed = 0 LIMIT 2"),
          entity_insert(db,
                        "INSERT INTO entities(name, key, type, unnamed, document_id, surname, surface_forms) "
                        "VALUES (?,?,?,?,?,?,?)"),
          max_claim_id(db, "SELECT coalesce(max(id), 0) FROM claims"),
          entities_of_document(db, "SELECT entity_id FROM mentions WHERE document_id = ?"),
          // A claim's subject and object have mentions in its document: no mention, no claim.
          gc_entity(db,
                    "DELETE FROM entities WHERE id = ? AND unnamed = 0 "
                    "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id) "
                    "AND NOT EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = entities.id AND a.by_user = 1) "
                    "AND NOT EXISTS (SELECT 1 FROM merges g WHERE g.from_id = entities.id OR "
                    "g.into_id = entities.id)"),
          savepoint(db, "SAVEPOINT doc"),
          release(db, "RELEASE doc"),
          find_by_alias(db,
                        "SELECT DISTINCT COALESCE(g.into_id, a.entity_id) FROM aliases a "
                        "LEFT JOIN merges g ON g.from_id = a.entity_id WHERE a.folded = ?"),
          band_insert(db, "document_bands", "band, document_id"),
          alias_insert(db, "aliases", "entity_id, alias, folded, by_user", "INSERT OR IGNORE"),
          mention_insert(db, "mentions", "document_id, entity_id, count, spans"),
          claim_insert(db, "claims",
                       "id, subject_id, predicate, object_id, document_id, sentence_start, sentence_end, start, end, "
                       "rule, confidence, status, attribution"),
          qualifier_insert(db, "claim_qualifiers", "claim_id, key, value") {}

    sql::Stmt doc_by_source, doc_by_hash, doc_delete, doc_insert, doc_set_group, doc_by_origin, band_candidates,
        entity_by_key, person_by_surname, entity_insert, max_claim_id, entities_of_document, gc_entity, savepoint,
        release, find_by_alias;
    RowInserter band_insert, alias_insert, mention_insert, claim_insert, qualifier_insert;
};

Store::Store(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw StoreError(fmt::format("{}: is a directory, not a database file", path));
    // Before SQLite initializes: no global memory statistics, which cost a mutex and some
    // bookkeeping on every allocation (a tenth of SQLite's time during an ingest).
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
    constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, kOpenFlags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(fmt::format("{}: cannot open database: {}", path, msg));
    }
    sqlite3_busy_timeout(db_, 15000);  // SQLite retries with back-off while another writer holds the lock
    // Is it a database at all? SQLite checks the header on the first read, through its own
    // file descriptor, and writes nothing to a foreign file. (Reading the header with a
    // descriptor of our own would be worse than useless: closing it drops every POSIX
    // lock this process holds on the file, those of its other connections included.)
    if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_NOTADB) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(fmt::format("{}: not a SQLite database (not a chipgraph store)", path));
    }
    try {
        sql::Stmt app(db_, "PRAGMA application_id");
        sql::Stmt ver(db_, "PRAGMA user_version");
        sql::Stmt tables(db_, "SELECT count(*) FROM sqlite_master");
        int app_id = 0, version = 0;
        long table_count = 0;
        {
            // One snapshot for the three: another process may be creating the schema now.
            sql::Transaction snapshot(db_, false);
            app.step();
            app_id = static_cast<int>(app.i64(0));
            app.reset();
            ver.step();
            version = static_cast<int>(ver.i64(0));
            ver.reset();
            tables.step();
            table_count = tables.i64(0);
            tables.reset();
        }
        if (table_count > 0 && app_id != kApplicationId)
            throw StoreError(fmt::format("{}: not a chipgraph database (application_id {:#x})", path, app_id));
        if (version > kSchemaVersion)
            throw StoreError(fmt::format(
                "{}: database schema version {} is newer than this chipgraph supports ({}); upgrade chipgraph", path,
                version, kSchemaVersion));
        // New stores only (a page size is set before the first table): 8 KiB pages, half
        // as many to log and checkpoint per ingest; 4 % less CPU than 4 KiB, 16 KiB no better.
        sql::exec(db_, "PRAGMA page_size = 8192");
        sql::exec(db_, "PRAGMA journal_mode = WAL");
        sql::exec(db_, "PRAGMA synchronous = NORMAL");
        // A larger page cache and fewer checkpoints: ingest writes many small rows.
        sql::exec(db_, "PRAGMA cache_size = -65536");
        sql::exec(db_, "PRAGMA wal_autocheckpoint = 8192");
        sql::exec(db_, "PRAGMA temp_store = MEMORY");
        sql::exec(db_, "PRAGMA foreign_keys = ON");
        if (version < kSchemaVersion) {
            sql::Transaction tx(db_);
            // Another process may have migrated the file since the version was read (two
            // programs creating a new database at once): read it again under the write lock.
            ver.step();
            version = static_cast<int>(ver.i64(0));
            ver.reset();
            if (version < kSchemaVersion) {
                sql::exec(db_, fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
                for (int v = version; v < kSchemaVersion; ++v) {
                    sql::exec(db_, kMigrations[v]);
                    if (kMigrationSteps[v]) kMigrationSteps[v](db_);
                }
                sql::exec(db_, fmt::format("PRAGMA user_version = {}", kSchemaVersion).c_str());
            }
            tx.commit();
        }
        stmts_ = std::make_unique<Statements>(db_);
    } catch (const StoreError& e) {
        stmts_.reset();
        sqlite3_close(db_);
        db_ = nullptr;
        std::string msg = e.what();
        if (msg.find(path) == std::string::npos) msg = path + ": " + msg;
        throw StoreError(msg);
    }
}

Store::~Store() {
    stmts_.reset();
    if (db_) sqlite3_close(db_);
}

std::string Store::path() const {
    const char* file = sqlite3_db_filename(db_, "main");
    return file ? file : "";
}

bool Store::has_document(const std::string& source, const std::string& hash) const {
    auto& q = stmts_->doc_by_source;
    q.bind(1, source);
    bool same = q.step() && q.str(1) == hash;
    q.reset();
    return same;
}

std::optional<std::string> Store::source_with_hash(const std::string& hash) const {
    auto& q = stmts_->doc_by_hash;
    q.bind(1, hash);
    std::optional<std::string> found;
    if (q.step()) found = q.str(0);
    q.reset();
    return found;
}

void Store::begin_batch() {
    if (batch_) return;
    sql::exec(db_, "BEGIN IMMEDIATE");
    batch_ = true;
    forget_batch();
}

void Store::commit_batch() {
    if (!batch_) return;
    batch_ = false;
    forget_batch();
    sql::exec(db_, "COMMIT");
}

void Store::forget_batch() {
    aliases_written_.clear();
    named_ids_.clear();
}

IngestResult Store::ingest(const Document& doc, const Extraction& ex, std::string_view text_hash) {
    if (!batch_) {
        sql::Transaction tx(db_);
        IngestResult r = ingest_in_transaction(doc, ex, text_hash);
        tx.commit();
        return r;
    }
    stmts_->savepoint.run();  // prepared once: parsing "SAVEPOINT" per document costs more
    try {
        IngestResult r = ingest_in_transaction(doc, ex, text_hash);
        stmts_->release.run();
        return r;
    } catch (...) {
        forget_batch();  // the savepoint rolls back what it lists
        sqlite3_exec(db_, "ROLLBACK TO doc", nullptr, nullptr, nullptr);
        sqlite3_exec(db_, "RELEASE doc", nullptr, nullptr, nullptr);
        throw;
    }
}

bool Store::alias_written(EntityId entity, std::string_view alias) {
    // Most articles name the same few actors the same way: the batch remembers the aliases
    // it wrote for them (as long as it holds the write lock, see begin_batch).
    if (!batch_) return false;
    alias_key_.assign(reinterpret_cast<const char*>(&entity), sizeof entity).append(alias);
    return !aliases_written_.insert(alias_key_).second;
}

// The stored named entity of this key, 0 if none.
EntityId Store::named_entity(const std::string& key, EntityType type) {
    // Most articles name the same few actors: the batch remembers their ids.
    if (auto it = named_ids_.find(key); it != named_ids_.end()) return it->second;
    auto& s = *stmts_;
    EntityId id = 0;
    s.entity_by_key.bind(1, key);
    if (s.entity_by_key.step()) {
        id = s.entity_by_key.i64(0);
        s.entity_by_key.reset();
        if (batch_) named_ids_.emplace(key, id);
        return id;
    }
    // "M. Koh" in one article, "Adrian Koh" in another: a lone surname joins the one
    // person of that surname the store knows (never when two could be meant). Not
    // remembered: a second Koh may come in the same batch.
    if (type == EntityType::person && key.find(' ') == std::string::npos) {
        s.person_by_surname.bind(1, key);
        std::vector<EntityId> found;
        while (s.person_by_surname.step()) found.push_back(s.person_by_surname.i64(0));
        if (found.size() == 1) id = found.front();
    }
    return id;
}

IngestResult Store::ingest_in_transaction(const Document& doc, const Extraction& ex, std::string_view text_hash) {
    IngestResult result;
    const std::string hash = text_hash.empty() ? content_hash(doc.text) : std::string(text_hash);
    auto& s = *stmts_;
    std::vector<EntityId> replaced_entities;  // those the document's old version used

    s.doc_by_source.bind(1, doc.source);
    if (s.doc_by_source.step()) {
        DocumentId old = s.doc_by_source.i64(0);
        bool same = s.doc_by_source.str(1) == hash;
        s.doc_by_source.reset();
        if (same) {
            result.outcome = IngestOutcome::unchanged;
            result.document = old;
            return result;
        }
        s.entities_of_document.bind(1, old);
        while (s.entities_of_document.step()) replaced_entities.push_back(s.entities_of_document.i64(0));
        s.entities_of_document.reset();
        s.doc_delete.bind(1, old).run();
        forget_batch();
        result.outcome = IngestOutcome::replaced;
    }

    Signature sig = minhash(doc.text);
    s.doc_insert.bind(1, doc.source)
        .bind(2, hash)
        .bind(3, doc.title)
        .bind(4, doc.url)
        .bind(5, doc.language)
        .bind(6, doc.published)
        .bind(7, now_iso())
        .bind(8, ex.origin)
        .bind_blob(9, sig.data(), sizeof sig)
        .bind_view(10, doc.text)
        .run();
    const DocumentId doc_id = sqlite3_last_insert_rowid(db_);
    result.document = doc_id;

    // Source group: the attributed original report first, else a near-duplicate, else itself.
    std::int64_t group = doc_id;
    if (!ex.origin.empty()) {
        s.doc_by_origin.bind(1, ex.origin).bind(2, doc_id);
        if (s.doc_by_origin.step()) group = s.doc_by_origin.i64(0);
        s.doc_by_origin.reset();
    }
    const auto bands = band_keys(sig);
    for (std::int64_t band_key : bands) {
        if (group != doc_id) break;
        s.band_candidates.bind(1, band_key).bind(2, doc_id);
        while (s.band_candidates.step()) {
            if (signature_similarity(sig, s.band_candidates.blob(2)) >= 0.5) {
                group = s.band_candidates.i64(1);
                s.band_candidates.reset();
                break;
            }
        }
    }
    s.band_insert.insert(bands.size(),
                         [&](sql::Stmt& st, int p, std::size_t k) { st.bind(p + 1, bands[k]).bind(p + 2, doc_id); });
    s.doc_set_group.bind(1, group).bind(2, doc_id).run();

    // Entities: named ones resolve to a shared row, unnamed ones are the document's own.
    std::vector<EntityId> ids(ex.entities.size());
    struct AliasRow {
        EntityId entity;
        std::string_view alias;
        std::string folded;
    };
    std::vector<AliasRow> alias_rows;
    auto add_alias_row = [&](EntityId entity, std::string_view alias, bool new_entity) {
        // A new entity's aliases are new.
        if (!new_entity && alias_written(entity, alias)) return;
        std::string folded = text::name_key(alias);
        if (!folded.empty()) alias_rows.push_back({entity, alias, std::move(folded)});
    };
    for (std::size_t i = 0; i < ex.entities.size(); ++i) {
        const auto& e = ex.entities[i];
        const std::string key = stored_key(e.name, e.unnamed);
        if (!e.unnamed) ids[i] = named_entity(key, e.type);
        const bool new_entity = ids[i] == 0;
        if (new_entity) {
            s.entity_insert.bind(1, e.name).bind(2, key).bind(3, to_string(e.type)).bind(4, e.unnamed ? 1 : 0);
            if (e.unnamed)
                s.entity_insert.bind(5, doc_id);
            else
                s.entity_insert.bind_null(5);
            if (auto surname = surname_of(key, e.type, e.unnamed))
                s.entity_insert.bind(6, *surname);
            else
                s.entity_insert.bind_null(6);
            const std::string forms = e.unnamed ? surface_forms(e) : std::string();
            if (forms.empty())
                s.entity_insert.bind_null(7);
            else
                s.entity_insert.bind_view(7, forms);
            s.entity_insert.run();
            ids[i] = sqlite3_last_insert_rowid(db_);
            ++result.entities_added;
            if (!e.unnamed) {
                if (batch_) named_ids_.emplace(key, ids[i]);
                add_alias_row(ids[i], e.name, true);
            }
        }
        if (!e.unnamed)
            for (const auto& alias : e.aliases) add_alias_row(ids[i], alias, new_entity);
    }
    s.alias_insert.insert(alias_rows.size(), [&](sql::Stmt& st, int p, std::size_t k) {
        const auto& row = alias_rows[k];
        st.bind(p + 1, row.entity).bind_view(p + 2, row.alias).bind_view(p + 3, row.folded).bind(p + 4, 0);
    });
    // Mentions: one row per entity, its spans in text order; every claim's subject and
    // object has one (schema 4), if need be with no span.
    constexpr std::size_t kNoSpan = SIZE_MAX;
    std::vector<std::pair<EntityId, std::size_t>> found;  // entity, mention (kNoSpan: a claim's end)
    found.reserve(ex.mentions.size() + 2 * ex.claims.size());
    for (std::size_t m = 0; m < ex.mentions.size(); ++m) {
        const int e = ex.mentions[m].entity;
        if (e >= 0 && static_cast<std::size_t>(e) < ids.size()) found.emplace_back(ids[e], m);
    }
    for (const auto& c : ex.claims) {
        if (c.subject < 0 || c.object < 0 || static_cast<std::size_t>(c.subject) >= ids.size() ||
            static_cast<std::size_t>(c.object) >= ids.size())
            throw StoreError(fmt::format("{}: claim from rule {} names an unknown entity", doc.source, c.rule));
        found.emplace_back(ids[c.subject], kNoSpan);
        found.emplace_back(ids[c.object], kNoSpan);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    struct MentionRow {
        EntityId entity;
        std::int64_t count = 0;
        std::string spans;  // "start-end start-end ..."
    };
    std::vector<MentionRow> mention_rows;
    for (const auto& [entity, m] : found) {
        if (mention_rows.empty() || mention_rows.back().entity != entity) mention_rows.push_back({entity, 0, {}});
        if (m == kNoSpan) continue;
        auto& row = mention_rows.back();
        if (row.count++) row.spans += ' ';
        text::append_number(row.spans, static_cast<std::int64_t>(ex.mentions[m].start));
        row.spans += '-';
        text::append_number(row.spans, static_cast<std::int64_t>(ex.mentions[m].end));
    }
    s.mention_insert.insert(mention_rows.size(), [&](sql::Stmt& st, int p, std::size_t k) {
        const auto& row = mention_rows[k];
        st.bind(p + 1, doc_id).bind(p + 2, row.entity).bind(p + 3, row.count).bind_view(p + 4, row.spans);
    });
    s.max_claim_id.step();
    const ClaimId first_claim = s.max_claim_id.i64(0) + 1;
    s.max_claim_id.reset();
    s.claim_insert.insert(ex.claims.size(), [&](sql::Stmt& st, int p, std::size_t k) {
        const auto& c = ex.claims[k];
        st.bind(p + 1, first_claim + static_cast<ClaimId>(k))
            .bind(p + 2, ids[c.subject])
            .bind_view(p + 3, c.predicate)
            .bind(p + 4, ids[c.object])
            .bind(p + 5, doc_id)
            .bind(p + 6, c.sentence_start)
            .bind(p + 7, c.sentence_end)
            .bind(p + 8, c.start)
            .bind(p + 9, c.end)
            .bind_view(p + 10, c.rule)
            .bind(p + 11, c.confidence)
            .bind_view(p + 12, to_string(c.status))
            .bind_view(p + 13, c.attribution);
    });
    std::vector<std::pair<ClaimId, const Qualifier*>> qualifiers;
    for (std::size_t k = 0; k < ex.claims.size(); ++k)
        for (const auto& q : ex.claims[k].qualifiers)
            qualifiers.emplace_back(first_claim + static_cast<ClaimId>(k), &q);
    s.qualifier_insert.insert(qualifiers.size(), [&](sql::Stmt& st, int p, std::size_t k) {
        const auto& [claim, q] = qualifiers[k];
        st.bind(p + 1, claim).bind_view(p + 2, q->key).bind_view(p + 3, q->value);
    });
    result.claims_added += static_cast<long>(ex.claims.size());
    if (result.outcome == IngestOutcome::replaced) {
        // Named entities (and their aliases) may go away with the old version.
        for (EntityId id : replaced_entities) s.gc_entity.bind(1, id).run();
        forget_batch();
    }
    return result;
}

namespace {

long count(sqlite3* db, const char* sql) {
    sql::Stmt q(db, sql);
    long n = q.step() ? q.i64(0) : 0;
    q.reset();
    return n;
}

}  // namespace

std::unordered_map<EntityId, EntityId> load_merges(sqlite3* db) {
    std::unordered_map<EntityId, EntityId> into;
    sql::Stmt q(db, "SELECT from_id, into_id FROM merges");
    while (q.step()) into[q.i64(0)] = q.i64(1);
    return into;
}

StoreStats Store::stats() const {
    // One snapshot for every query below, even while another process ingests (WAL).
    std::optional<sql::Transaction> snapshot;
    if (sqlite3_get_autocommit(db_)) snapshot.emplace(db_, false);
    StoreStats st;
    st.documents = count(db_, "SELECT count(*) FROM documents");
    st.entities = count(db_, "SELECT count(*) FROM entities WHERE id NOT IN (SELECT from_id FROM merges)");
    st.aliases = count(db_, "SELECT count(*) FROM aliases");
    st.mentions = count(db_, "SELECT coalesce(sum(count), 0) FROM mentions");
    st.claims = count(db_, "SELECT count(*) FROM claims");
    st.qualifiers = count(db_, "SELECT count(*) FROM claim_qualifiers");
    sql::Stmt types(db_,
                    "SELECT type, count(*) FROM entities WHERE id NOT IN (SELECT from_id FROM merges) "
                    "GROUP BY type ORDER BY count(*) DESC, type");
    while (types.step()) st.entities_by_type.emplace_back(types.str(0), types.i64(1));
    sql::Stmt preds(db_, "SELECT predicate, count(*) FROM claims GROUP BY predicate ORDER BY count(*) DESC, predicate");
    while (preds.step()) st.claims_by_predicate.emplace_back(preds.str(0), preds.i64(1));
    return st;
}

std::vector<EntityId> Store::find_entities(const std::string& name) const {
    std::vector<EntityId> ids;
    auto& q = stmts_->find_by_alias;
    q.bind(1, text::name_key(name));
    while (q.step()) ids.push_back(q.i64(0));
    if (ids.empty()) {
        // "Hanxing Intelligence" finds "Hanxing Intelligence Technology Co." by its key.
        sql::Stmt k(db_,
                    "SELECT COALESCE(g.into_id, e.id) FROM entities e LEFT JOIN merges g ON g.from_id = e.id "
                    "WHERE e.key = ? AND e.unnamed = 0");
        k.bind(1, text::entity_key(name));
        while (k.step()) ids.push_back(k.i64(0));
    }
    if (ids.empty()) {
        // "investors in Dubai": unnamed entities have no alias rows for their names (and no
        // index on their keys: a scan, for the rare query that names one).
        sql::Stmt k(db_,
                    "SELECT COALESCE(g.into_id, e.id) FROM entities e LEFT JOIN merges g ON g.from_id = e.id "
                    "WHERE e.unnamed = 1 AND e.key = ?");
        k.bind(1, stored_key(name, true));
        while (k.step()) ids.push_back(k.i64(0));
    }
    return ids;
}

namespace {

// Levenshtein distance on folded names, for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::vector<std::string> Store::suggest_names(const std::string& name, std::size_t limit) const {
    const std::string key = text::name_key(name);
    std::vector<std::pair<std::size_t, std::string>> scored;
    sql::Stmt q(db_, "SELECT DISTINCT e.name FROM entities e WHERE e.id NOT IN (SELECT from_id FROM merges)");
    while (q.step()) {
        std::string candidate = q.str(0);
        std::string ck = text::name_key(candidate);
        std::size_t d = edit_distance(key, ck);
        if (!key.empty() && ck.find(key) != std::string::npos) d = std::min<std::size_t>(d, 1);
        if (d <= std::max<std::size_t>(2, key.size() / 3)) scored.emplace_back(d, candidate);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (auto& [d, n] : scored) {
        if (out.size() >= limit) break;
        out.push_back(n);
    }
    return out;
}

std::optional<EntityId> Store::canonical_entity(EntityId id) const {
    sql::Stmt q(db_, "SELECT e.id, g.into_id FROM entities e LEFT JOIN merges g ON g.from_id = e.id WHERE e.id = ?");
    q.bind(1, id);
    std::optional<EntityId> found;
    if (q.step()) found = q.is_null(1) ? q.i64(0) : q.i64(1);
    q.reset();
    return found;
}

std::vector<EntityRecord> Store::entities(std::optional<EntityType> type) const {
    GraphData data = load_graph();
    std::vector<EntityRecord> out;
    for (auto& e : data.entities)
        if (!type || e.type == *type) out.push_back(std::move(e));
    return out;
}

std::optional<EntityRecord> Store::entity(EntityId id) const {
    for (auto& e : entities())
        if (e.id == id) return e;
    return std::nullopt;
}

std::vector<ClaimRecord> Store::claims(const ClaimFilter& filter) const { return load_graph(filter).claims; }

void Store::add_alias(EntityId entity, const std::string& alias) {
    sql::Transaction tx(db_);
    sql::Stmt q(db_,
                "INSERT INTO aliases(entity_id, alias, folded, by_user) VALUES (?, ?, ?, 1) "
                "ON CONFLICT(entity_id, folded) DO UPDATE SET by_user = 1");
    q.bind(1, entity).bind(2, alias).bind(3, text::name_key(alias)).run();
    tx.commit();
}

void Store::merge(EntityId into, EntityId from) {
    if (into == from) return;
    sql::Transaction tx(db_);
    auto merged_into = load_merges(db_);
    if (auto it = merged_into.find(into); it != merged_into.end()) into = it->second;
    if (auto it = merged_into.find(from); it != merged_into.end()) from = it->second;
    if (into == from) return;
    sql::Stmt redirect(db_, "UPDATE merges SET into_id = ? WHERE into_id = ?");
    redirect.bind(1, into).bind(2, from).run();
    sql::Stmt add(db_, "INSERT OR REPLACE INTO merges(from_id, into_id) VALUES (?, ?)");
    add.bind(1, from).bind(2, into).run();
    tx.commit();
}

bool Store::unmerge(const std::string& name) {
    sql::Transaction tx(db_);
    sql::Stmt q(db_,
                "DELETE FROM merges WHERE from_id IN (SELECT a.entity_id FROM aliases a WHERE a.folded = ?) "
                "OR from_id IN (SELECT e.id FROM entities e WHERE e.key = ?)");
    std::string key = text::name_key(name);
    q.bind(1, key).bind(2, key).run();
    bool changed = sqlite3_changes(db_) > 0;
    tx.commit();
    return changed;
}

HealthReport Store::check() const {
    // One snapshot for every query below, even while another process ingests (WAL).
    std::optional<sql::Transaction> snapshot;
    if (sqlite3_get_autocommit(db_)) snapshot.emplace(db_, false);
    HealthReport r;
    {
        sql::Stmt q(db_, "PRAGMA integrity_check");
        while (q.step()) {
            std::string line = q.str(0);
            if (line != "ok") r.problems.push_back("integrity: " + line);
        }
    }
    {
        sql::Stmt q(db_, "PRAGMA foreign_key_check");
        while (q.step())
            r.problems.push_back(fmt::format("foreign key: table {} row {} -> {}", q.str(0), q.i64(1), q.str(2)));
    }
    long orphans = count(db_,
                         "SELECT count(*) FROM entities e WHERE e.unnamed = 0 "
                         "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id) "
                         "AND NOT EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND a.by_user = 1) "
                         "AND NOT EXISTS (SELECT 1 FROM merges g WHERE g.from_id = e.id OR g.into_id = e.id)");
    if (orphans > 0) r.problems.push_back(fmt::format("{} entities with no mention or user correction", orphans));
    // Claims do not reference entities through foreign keys (schema 4): check the links
    // here, and that each subject and object has a mention in the claim's document.
    long dangling = count(db_,
                          "SELECT count(*) FROM claims c WHERE c.subject_id NOT IN (SELECT id FROM entities) "
                          "OR c.object_id NOT IN (SELECT id FROM entities)");
    if (dangling > 0)
        r.problems.push_back(fmt::format("{} claims with a subject or object that is not an entity", dangling));
    long unmentioned = count(db_,
                             "SELECT count(*) FROM claims c WHERE "
                             "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = c.document_id "
                             "AND m.entity_id = c.subject_id) OR "
                             "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = c.document_id "
                             "AND m.entity_id = c.object_id)");
    if (unmentioned > 0)
        r.problems.push_back(
            fmt::format("{} claims whose subject or object has no mention in their document", unmentioned));
    long bad_spans = count(db_,
                           "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id "
                           "WHERE c.start > c.end OR c.end > length(CAST(d.text AS BLOB)) "
                           "OR c.sentence_start > c.sentence_end");
    if (bad_spans > 0)
        r.problems.push_back(fmt::format("{} claims with evidence offsets outside their document", bad_spans));
    r.ok = r.problems.empty();
    r.stats = stats();
    return r;
}

}  // namespace chipgraph
