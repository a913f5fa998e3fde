// Store robustness: idempotent re-ingest, replacement of a changed document, refusal to
// touch foreign or newer files, integrity after ingest, and the released-schema fixtures
// (tests/data/stores/schema-v<N>.db, see docs/reliability.md).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chipgraph/core/store.hpp"
#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/extractor.hpp"
#include "chipgraph/ingest/pipeline.hpp"

using namespace chipgraph;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = CHIPGRAPH_SOURCE_DIR;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& p, std::string_view bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string file_digest(const fs::path& p) { return content_hash(read_file(p)); }

// A private temporary folder per test, removed afterwards (CHIPGRAPH_KEEP_TEST_DB keeps it).
class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "chipgraph-store-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        if (!std::getenv("CHIPGRAPH_KEEP_TEST_DB")) fs::remove_all(path_);
    }
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

// One value from a one-row query.
long long scalar(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

std::vector<std::string> rows(sqlite3* db, const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::string row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            if (i) row += '|';
            auto* t = sqlite3_column_text(st, i);
            row += t ? reinterpret_cast<const char*>(t) : "NULL";
        }
        out.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return out;
}

// Every table's row count: "no change in any count" compares these.
std::map<std::string, long long> table_counts(sqlite3* db) {
    std::map<std::string, long long> counts;
    for (const auto& t : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        counts[t] = scalar(db, "SELECT count(*) FROM \"" + t + "\"");
    return counts;
}

// The claims of one document (or all), by names rather than ids, sorted.
// Entities are named by their key: a named entity's display name is the first form a
// store saw ("Hanxing Intelligence Technology Co" in one store, "Hanxing Intelligence" in
// another that read a different article first), its key is the same everywhere.
std::vector<std::string> claim_rows(sqlite3* db, const std::string& source = {}) {
    std::string sql =
        "SELECT d.source, s.key, c.predicate, o.key, c.start, c.end, c.rule, c.confidence, c.status, "
        "c.attribution, (SELECT group_concat(q.key || '=' || q.value, ';') FROM claim_qualifiers q "
        "WHERE q.claim_id = c.id) FROM claims c JOIN documents d ON d.id = c.document_id "
        "JOIN entities s ON s.id = c.subject_id JOIN entities o ON o.id = c.object_id";
    if (!source.empty()) {
        std::string quoted;
        for (char ch : source) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
        sql += " WHERE d.source = '" + quoted + "'";
    }
    auto out = rows(db, sql);
    std::sort(out.begin(), out.end());
    return out;
}

void sql_exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "?";
        sqlite3_free(err);
        throw std::runtime_error(sql + ": " + msg);
    }
}

void expect_healthy(sqlite3* db) {
    EXPECT_EQ(rows(db, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
    EXPECT_TRUE(rows(db, "PRAGMA foreign_key_check").empty());
}

const ingest::Extractor& extractor() {
    static const ingest::Extractor x;
    return x;
}

ingest::IngestSummary ingest_dir(Store& store, const fs::path& dir) {
    return ingest::ingest_paths(store, extractor(), {dir.string()});
}

// A copy of the example articles, so that tests may edit them.
fs::path copy_examples(const TempDir& tmp) {
    fs::path dir = tmp / "articles";
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(kSource / "examples" / "articles"))
        fs::copy_file(e.path(), dir / e.path().filename());
    return dir;
}

// Expects `fn` to throw StoreError whose message contains one of the '|'-separated
// `phrases`, and the file (and the absence of a -wal companion) to be exactly as before.
template <class Fn>
void expect_refused(const fs::path& db, const std::string& phrases, Fn fn) {
    const std::string before = file_digest(db);
    const auto size = fs::file_size(db);
    const auto mtime = fs::last_write_time(db);
    const bool had_wal = fs::exists(db.string() + "-wal");
    try {
        fn();
        ADD_FAILURE() << db << ": opened without error";
    } catch (const StoreError& e) {
        const std::string what = e.what();
        bool found = false;
        for (std::size_t i = 0, bar; i <= phrases.size(); i = bar + 1) {
            bar = std::min(phrases.find('|', i), phrases.size());
            found = found || what.find(phrases.substr(i, bar - i)) != std::string::npos;
        }
        EXPECT_TRUE(found) << "expected " << phrases << " in: " << what;
        EXPECT_NE(std::string(e.what()).find(db.string()), std::string::npos) << "message names the file: " << e.what();
    }
    EXPECT_EQ(file_digest(db), before) << db << " changed";
    EXPECT_EQ(fs::file_size(db), size);
    EXPECT_EQ(fs::last_write_time(db), mtime);
    if (!had_wal) {
        EXPECT_FALSE(fs::exists(db.string() + "-wal")) << "a -wal file was left next to " << db;
    }
}

}  // namespace

TEST(StoreReliability, IngestTwiceUnchangedChangesNothing) {
    TempDir tmp;
    fs::path articles = copy_examples(tmp);
    Store store((tmp / "s.db").string());
    auto first = ingest_dir(store, articles);
    ASSERT_GT(first.documents_added, 0);
    ASSERT_GT(first.claims_added, 0);
    auto counts = table_counts(store.handle());
    auto claims = claim_rows(store.handle());
    auto ingested_at = rows(store.handle(), "SELECT id, source, hash, ingested_at FROM documents ORDER BY id");

    auto second = ingest_dir(store, articles);
    EXPECT_EQ(second.documents_added, 0);
    EXPECT_EQ(second.documents_replaced, 0);
    EXPECT_EQ(second.documents_unchanged, first.documents_added);
    EXPECT_EQ(second.entities_added, 0);
    EXPECT_EQ(second.claims_added, 0);
    EXPECT_EQ(table_counts(store.handle()), counts);
    EXPECT_EQ(claim_rows(store.handle()), claims);
    // Not even rewritten: the same rows with the same ids and ingest times.
    EXPECT_EQ(rows(store.handle(), "SELECT id, source, hash, ingested_at FROM documents ORDER BY id"), ingested_at);
    expect_healthy(store.handle());
    EXPECT_TRUE(store.check().ok);
}

TEST(StoreReliability, ChangedDocumentReplacesOnlyItsOwnClaims) {
    TempDir tmp;
    fs::path articles = copy_examples(tmp);
    Store store((tmp / "s.db").string());
    ingest_dir(store, articles);
    sqlite3* db = store.handle();

    // Pick the document with the most claims and remember everyone else's.
    auto sources = rows(db,
                        "SELECT d.source FROM documents d LEFT JOIN claims c ON c.document_id = d.id "
                        "GROUP BY d.id ORDER BY count(c.id) DESC, d.source");
    ASSERT_GE(sources.size(), 2u);
    const std::string changed = sources.front();
    ASSERT_EQ(changed.find('#'), std::string::npos) << "pick a plain file";
    std::map<std::string, std::vector<std::string>> others;
    for (const auto& s : sources)
        if (s != changed) others[s] = claim_rows(db, s);
    const long long claims_before = scalar(db, "SELECT count(*) FROM claims");
    const auto old_claims = claim_rows(db, changed);
    const long long old_doc_id =
        scalar(db, "SELECT id FROM documents WHERE source = '" + changed + "'");
    // A user correction on a named entity survives the replacement.
    auto nvidia = store.find_entities("Nvidia");
    ASSERT_EQ(nvidia.size(), 1u);
    store.add_alias(nvidia[0], "Team Green");

    // New text: the first paragraph dropped, one sentence about new actors appended.
    std::string text = read_file(changed);
    text = text.substr(text.find("\n\n") + 2);
    const bool french = rows(db, "SELECT language FROM documents WHERE source = '" + changed + "'") ==
                        std::vector<std::string>{"fr"};
    text += french ? "\n\nLa société Zorvath Systems, basée à Hong Kong, a vendu 300 puces H100 à Quillon "
                     "Dynamics, une entreprise basée à Pékin.\n"
                   : "\n\nZorvath Systems Ltd sells H100 chips to Quillon Dynamics, a company based in Shenzhen.\n";
    write_file(changed, text);

    auto summary = ingest::ingest_paths(store, extractor(), {changed});
    EXPECT_EQ(summary.documents_replaced, 1);
    EXPECT_EQ(summary.documents_added, 0);

    for (const auto& [source, claims] : others) EXPECT_EQ(claim_rows(db, source), claims) << source;
    auto new_claims = claim_rows(db, changed);
    EXPECT_NE(new_claims, old_claims);
    // Exactly what a fresh store makes of the new text.
    {
        Store fresh((tmp / "fresh.db").string());
        ingest::ingest_paths(fresh, extractor(), {changed});
        EXPECT_EQ(claim_rows(fresh.handle(), changed), new_claims);
    }
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM claims"),
              claims_before - static_cast<long long>(old_claims.size()) + static_cast<long long>(new_claims.size()));
    // Nothing of the old version is left: mentions, claims, unnamed entities, bands.
    const std::string old_id = std::to_string(old_doc_id);
    for (const char* table : {"mentions", "claims", "entities", "document_bands"})
        EXPECT_EQ(scalar(db, std::string("SELECT count(*) FROM ") + table + " WHERE document_id = " + old_id), 0)
            << table;
    EXPECT_EQ(store.find_entities("Team Green"), nvidia);
    EXPECT_FALSE(store.find_entities("Zorvath Systems").empty());
    expect_healthy(db);
    auto health = store.check();
    EXPECT_TRUE(health.ok) << (health.problems.empty() ? "" : health.problems.front());
}

// Named entities live as long as a document mentions them: a new version of an article
// takes along the ones only its old version used, those named through a claim alone too.
TEST(StoreReliability, ReplacedDocumentTakesAlongTheNamedEntitiesOnlyItUsed) {
    TempDir tmp;
    Store s((tmp / "s.db").string());
    auto ingest_doc = [&](const std::string& source, const std::string& text, std::vector<std::string> named,
                          std::vector<std::string> mentioned) {
        Document d;
        d.source = source;
        d.language = "en";
        d.text = text;
        Extraction x;
        for (const auto& name : named) {
            x.entities.push_back({name, EntityType::organization, false, {name}});
            if (std::find(mentioned.begin(), mentioned.end(), name) == mentioned.end()) continue;
            auto at = text.find(name);
            x.mentions.push_back({static_cast<int>(x.entities.size()) - 1, at, at + name.size()});
        }
        if (named.size() >= 2) {
            ExtractedClaim c;
            c.subject = 0;
            c.object = 1;
            c.predicate = "supplies";
            c.rule = "test";
            c.sentence_end = c.end = text.size();
            x.claims.push_back(c);
        }
        return s.ingest(d, x);
    };
    // "Nvidia" is a claim's subject without a mention of its own (a chip named after it).
    ingest_doc("a.txt", "Its H100 chips went to Orvex Labs.", {"Nvidia", "Orvex Labs"}, {"Orvex Labs"});
    ingest_doc("b.txt", "Orvex Labs hired engineers.", {"Orvex Labs"}, {"Orvex Labs"});
    EXPECT_TRUE(s.check().ok) << s.check().problems.front();
    ASSERT_EQ(s.find_entities("Nvidia").size(), 1u);

    auto r = ingest_doc("a.txt", "Quillon Dynamics bought servers.", {"Quillon Dynamics"}, {"Quillon Dynamics"});
    EXPECT_EQ(r.outcome, IngestOutcome::replaced);
    EXPECT_TRUE(s.find_entities("Nvidia").empty()) << "only the old version used it";
    EXPECT_EQ(s.find_entities("Orvex Labs").size(), 1u) << "b.txt still mentions it";
    EXPECT_EQ(s.find_entities("Quillon Dynamics").size(), 1u);
    EXPECT_EQ(s.stats().claims, 0);
    auto health = s.check();
    EXPECT_TRUE(health.ok) << (health.problems.empty() ? "" : health.problems.front());
}

// Claims are written several rows per statement: each keeps its own qualifiers and
// offsets, whatever its place in a statement, in two documents one after the other.
TEST(StoreReliability, EveryClaimKeepsItsQualifiers) {
    TempDir tmp;
    Store s((tmp / "s.db").string());
    for (const std::string source : {"a.txt", "b.txt"}) {
        Document d;
        d.source = source;
        d.language = "en";
        Extraction x;
        x.entities.push_back({"Orvex Labs", EntityType::organization, false, {"Orvex Labs"}});
        x.entities.push_back({"Quillon Dynamics", EntityType::organization, false, {"Quillon Dynamics"}});
        for (int i = 0; i < 19; ++i) {
            const std::size_t at = d.text.size();
            d.text += "Orvex Labs sold chips to Quillon Dynamics. ";
            x.mentions.push_back({0, at, at + 10});
            ExtractedClaim c;
            c.subject = 0;
            c.object = 1;
            c.predicate = "supplies";
            c.rule = "test";
            c.sentence_start = c.start = at;
            c.sentence_end = c.end = d.text.size() - 1;
            if (i % 3 != 1) c.qualifiers = {{"quantity", std::to_string(i)}};
            x.claims.push_back(c);
        }
        EXPECT_EQ(s.ingest(d, x).claims_added, 19);
    }
    auto graph = s.load_graph();
    ASSERT_EQ(graph.claims.size(), 38u);
    for (const auto& c : graph.claims) {
        const int i = static_cast<int>(c.start / 43);  // each sentence is 43 bytes
        SCOPED_TRACE(std::string(c.document.view()) + " claim " + std::to_string(i));
        if (i % 3 == 1) {
            EXPECT_TRUE(c.qualifiers.empty());
        } else {
            ASSERT_EQ(c.qualifiers.size(), 1u);
            EXPECT_EQ(c.qualifiers[0].value, std::to_string(i));
        }
    }
    EXPECT_TRUE(s.check().ok);
}

// "M. Koh" in one article, "Adrian Koh" in another: the lone surname joins the one person
// of that surname, never one of two.
TEST(StoreResolution, LoneSurnameJoinsTheOnlyPersonOfThatSurname) {
    TempDir tmp;
    Store s((tmp / "s.db").string());
    auto ingest_people = [&](const std::string& source, std::vector<std::string> names) {
        Document d;
        d.source = source;
        d.language = "en";
        Extraction x;
        for (const auto& name : names) {
            x.mentions.push_back({static_cast<int>(x.entities.size()), d.text.size(), d.text.size() + name.size()});
            d.text += name + " spoke. ";
            x.entities.push_back({name, EntityType::person, false, {name}});
        }
        s.ingest(d, x);
    };
    ingest_people("a.txt", {"Adrian Koh"});
    ingest_people("b.txt", {"Koh"});
    EXPECT_EQ(s.find_entities("Koh"), s.find_entities("Adrian Koh"));
    ingest_people("c.txt", {"Mei Tan", "Wei Tan"});
    ingest_people("d.txt", {"Tan"});
    auto tan = s.find_entities("Tan");
    ASSERT_EQ(tan.size(), 1u);
    EXPECT_NE(tan, s.find_entities("Mei Tan"));
    EXPECT_NE(tan, s.find_entities("Wei Tan"));
}

// A retelling of an article (a few words changed, another file) is a near-duplicate: it
// joins the original's source group; an article of its own does not.
TEST(StoreNearDuplicates, RetellingJoinsTheOriginalsSourceGroup) {
    TempDir tmp;
    Store s((tmp / "s.db").string());
    auto article = [](unsigned seed) {
        const char* words[] = {"cloud", "servers", "rented", "abroad", "through", "brokers", "payments", "bitcoin",
                               "chips", "data", "center", "investors", "subsidiary", "export", "rules", "engineers",
                               "drives", "Malaysia", "Singapore", "contracts", "hours", "training", "models", "firm"};
        std::string text;
        for (unsigned i = 0, x = seed; i < 400; ++i) {
            x = x * 1103515245u + 12345u;  // an article's worth of distinct word sequences
            text += std::string(words[(x >> 16) % 24]) + " ";
        }
        return text;
    };
    auto add = [&](const std::string& source, const std::string& text) {
        Document d;
        d.source = source;
        d.language = "en";
        d.text = text;
        return s.ingest(d, Extraction{}).document;
    };
    const std::string original = article(1);
    std::string retold = original;
    for (std::size_t at : {100u, 900u, 1700u}) retold.replace(retold.find(' ', at) + 1, 5, "XXXXX");
    const auto a = add("a.txt", original), b = add("b.txt", retold), c = add("c.txt", article(5));
    auto group = [&](DocumentId id) {
        return scalar(s.handle(), "SELECT source_group FROM documents WHERE id = " + std::to_string(id));
    };
    EXPECT_EQ(group(a), a);
    EXPECT_EQ(group(b), a) << "the retelling counts with the original";
    EXPECT_EQ(group(c), c) << "another article is its own source";
}

// Opening a second connection to a store (the ingest pipeline's lookups do) must leave the
// first one's file locks alone: POSIX drops all of a process's locks on a file when any
// descriptor of that file is closed, and without its shared lock another process would
// think the store unused and reset the write-ahead log under it (documents lost).
TEST(StoreReliability, SecondConnectionKeepsTheFirstOnesLocks) {
    TempDir tmp;
    const fs::path p = tmp / "s.db";
    Store first(p.string());
    ingest_dir(first, copy_examples(tmp));
    first.stats();  // a read: in WAL mode the connection keeps a shared lock on the file
    Store second(p.string());
    second.stats();
    // Another process asks whether it could lock the shared-lock bytes exclusively.
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        int fd = ::open(p.c_str(), O_RDWR);
        struct flock lock {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        lock.l_start = 0x40000000 + 2;  // SQLite's SHARED_FIRST
        lock.l_len = 510;               // SHARED_SIZE
        int held = fd >= 0 && fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
        _exit(held ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "another process sees no lock on a store this process has open";
}

TEST(StoreReliability, RefusesAFileThatIsNotSqlite) {
    TempDir tmp;
    fs::path p = tmp / "notes.db";
    write_file(p, "These are my notes, not a database.\nDo not overwrite them.\n");
    expect_refused(p, "not a SQLite database", [&] { Store s(p.string()); });
    // Binary junk longer than a SQLite header.
    std::string junk(8192, '\0');
    for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131 + 7) & 0xff);
    write_file(p, junk);
    expect_refused(p, "not a SQLite database", [&] { Store s(p.string()); });
}

TEST(StoreReliability, RefusesAnotherProgramsSqliteDatabase) {
    TempDir tmp;
    fs::path p = tmp / "other.db";
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('bread');", nullptr,
                               nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    expect_refused(p, "not a chipgraph database", [&] { Store s(p.string()); });
    // Same with another program's application_id and a WAL journal.
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, "PRAGMA application_id = 1234; PRAGMA journal_mode = WAL;", nullptr, nullptr,
                               nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    expect_refused(p, "not a chipgraph database", [&] { Store s(p.string()); });
}

TEST(StoreReliability, RefusesANewerSchema) {
    TempDir tmp;
    fs::path p = tmp / "newer.db";
    {
        Store s(p.string());
        ingest_dir(s, copy_examples(tmp));
    }
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
        std::string sql = "PRAGMA user_version = " + std::to_string(Store::kSchemaVersion + 1);
        ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    ASSERT_FALSE(fs::exists(p.string() + "-wal"));
    expect_refused(p, "schema version " + std::to_string(Store::kSchemaVersion + 1) + " is newer than", [&] {
        Store s(p.string());
    });
}

TEST(StoreReliability, RefusesATruncatedDatabase) {
    TempDir tmp;
    fs::path p = tmp / "cut.db";
    {
        Store s(p.string());
        ingest_dir(s, copy_examples(tmp));
    }
    std::string bytes = read_file(p);
    ASSERT_GT(bytes.size(), 3 * 4096u);
    write_file(p, std::string_view(bytes).substr(0, 4096 + 100));  // header page and a bit of the next
    // SQLite itself says what is wrong ("database disk image is malformed" or similar).
    expect_refused(p, "malformed|not a database|corrupt", [&] {
        Store s(p.string());
        s.stats();
    });
}

TEST(StoreReliability, EmptyFileBecomesAStore) {
    TempDir tmp;
    fs::path p = tmp / "empty.db";
    write_file(p, "");
    Store s(p.string());
    EXPECT_EQ(scalar(s.handle(), "PRAGMA user_version"), Store::kSchemaVersion);
    EXPECT_EQ(s.stats().documents, 0);
}

TEST(StoreReliability, DirectoryIsNotADatabase) {
    TempDir tmp;
    try {
        Store s(tmp.path().string());
        ADD_FAILURE() << "opened a directory";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
    }
}

TEST(StoreReliability, IntegrityAfterIngestOfDevArticles) {
    TempDir tmp;
    Store store((tmp / "s.db").string());
    ingest_dir(store, copy_examples(tmp));
    ingest::ingest_paths(store, extractor(), {(kSource / "tests" / "data" / "dev" / "articles").string()});
    EXPECT_GT(store.stats().claims, 100);
    expect_healthy(store.handle());
    EXPECT_EQ(scalar(store.handle(), "PRAGMA foreign_keys"), 1);
    EXPECT_EQ(rows(store.handle(), "PRAGMA journal_mode"), std::vector<std::string>{"wal"});
    auto health = store.check();
    EXPECT_TRUE(health.ok) << (health.problems.empty() ? "" : health.problems.front());
}

// ---- Released schemas: each tests/data/stores/schema-v<N>.db opens, migrates and works ----

namespace {

struct Fixture {
    int version = 0;
    fs::path db, expected;
};

// Every named entity has the key text::entity_key() gives its name, and no two named
// entities share one.
void expect_current_keys(sqlite3* db) {
    std::map<std::string, std::string> seen;  // key -> name
    for (const auto& row : rows(db, "SELECT key, name FROM entities WHERE unnamed = 0 ORDER BY id")) {
        auto bar = row.find('|');
        std::string stored = row.substr(0, bar), name = row.substr(bar + 1);
        std::string key = text::entity_key(name);
        if (key.empty()) key = text::fold(name);
        EXPECT_EQ(stored, key) << name << " has a stale key";
        auto [it, fresh] = seen.emplace(key, name);
        EXPECT_TRUE(fresh) << name << " and " << it->second << " are two entities with one key";
    }
}

std::vector<Fixture> schema_fixtures() {
    std::vector<Fixture> out;
    for (const auto& e : fs::directory_iterator(kSource / "tests" / "data" / "stores")) {
        // schema-v<N>.db
        const std::string file = e.path().filename().string(), prefix = "schema-v";
        if (file.rfind(prefix, 0) != 0 || e.path().extension() != ".db") continue;
        const std::string digits = e.path().stem().string().substr(prefix.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
        Fixture f{std::stoi(digits), e.path(), e.path()};
        f.expected.replace_extension(".json");
        out.push_back(f);
    }
    std::sort(out.begin(), out.end(), [](const Fixture& a, const Fixture& b) { return a.version < b.version; });
    return out;
}

}  // namespace

TEST(StoreMigration, EveryReleasedSchemaHasAFixture) {
    auto fixtures = schema_fixtures();
    std::set<int> versions;
    for (const auto& f : fixtures) versions.insert(f.version);
    for (int v = 1; v <= Store::kSchemaVersion; ++v)
        EXPECT_TRUE(versions.count(v)) << "tests/data/stores/schema-v" << v
                                       << ".db is missing: docs/reliability.md says how to make it";
}

TEST(StoreMigration, FixturesOpenAndAreUsable) {
    auto fixtures = schema_fixtures();
    ASSERT_FALSE(fixtures.empty());
    for (const auto& f : fixtures) {
        SCOPED_TRACE(f.db.filename().string());
        ASSERT_TRUE(fs::exists(f.expected)) << f.expected << " is missing";
        rapidjson::Document expected;
        expected.Parse(read_file(f.expected).c_str());
        ASSERT_FALSE(expected.HasParseError());

        TempDir tmp;
        fs::path copy = tmp / "store.db";
        fs::copy_file(f.db, copy);
        {
            // The fixture has the version its name says.
            sqlite3* raw = nullptr;
            ASSERT_EQ(sqlite3_open_v2(copy.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
            EXPECT_EQ(scalar(raw, "PRAGMA user_version"), f.version);
            sqlite3_close(raw);
        }
        Store store(copy.string());
        sqlite3* db = store.handle();
        EXPECT_EQ(scalar(db, "PRAGMA user_version"), Store::kSchemaVersion);
        expect_healthy(db);
        auto st = store.stats();
        EXPECT_EQ(st.documents, expected["documents"].GetInt64());
        EXPECT_EQ(st.entities, expected["entities"].GetInt64());
        EXPECT_EQ(st.claims, expected["claims"].GetInt64());
        for (const auto& name : expected["entity_names"].GetArray())
            EXPECT_EQ(store.find_entities(name.GetString()).size(), 1u) << name.GetString();
        // User corrections (aliases, merges) survive the migration.
        for (const auto& pair : expected["same_entity"].GetArray()) {
            auto a = store.find_entities(pair[0].GetString()), b = store.find_entities(pair[1].GetString());
            EXPECT_EQ(a.size(), 1u) << pair[0].GetString();
            EXPECT_EQ(a, b) << pair[0].GetString() << " and " << pair[1].GetString();
        }
        ClaimFilter every_claim;
        every_claim.include_denied = true;  // stats count denied claims too
        EXPECT_EQ(static_cast<long>(store.claims(every_claim).size()), st.claims);
        auto graph = store.load_graph();
        EXPECT_EQ(static_cast<long>(graph.claims.size()), st.claims);

        // Named entities are keyed as the current program keys them (a change of
        // text::entity_key() needs a migration), so the fixture's own article under another
        // name finds them instead of making new ones.
        expect_current_keys(db);
        fs::path again = tmp / "again" / "same-article.txt";
        fs::create_directories(again.parent_path());
        fs::copy_file(fs::path(f.db).replace_extension(".txt"), again);
        auto same = ingest::ingest_paths(store, extractor(), {again.string()});
        EXPECT_EQ(same.documents_added, 1);
        expect_current_keys(db);

        // Still writable: the examples go in, the fixture's document stays unchanged.
        auto summary = ingest_dir(store, copy_examples(tmp));
        EXPECT_GT(summary.documents_added, 0);
        EXPECT_TRUE(summary.skipped.empty());
        EXPECT_GT(store.stats().claims, st.claims);
        auto health = store.check();
        EXPECT_TRUE(health.ok) << (health.problems.empty() ? "" : health.problems.front());
    }
}

// Migration 3 packs mentions into one row per (document, entity) and recomputes the
// near-duplicate signatures: no mention is lost, every document has its bands again.
TEST(StoreMigration, PackingMentionsKeepsEveryMention) {
    TempDir tmp;
    fs::path p = tmp / "v2.db";
    fs::copy_file(kSource / "tests" / "data" / "stores" / "schema-v2.db", p);
    long long mentions = 0, documents = 0;
    std::vector<std::string> spans_before;
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(p.c_str(), &raw), SQLITE_OK);
        ASSERT_EQ(scalar(raw, "PRAGMA user_version"), 2);
        mentions = scalar(raw, "SELECT count(*) FROM mentions");
        documents = scalar(raw, "SELECT count(*) FROM documents");
        spans_before = rows(raw, "SELECT entity_id || ':' || start || '-' || end FROM mentions "
                                 "ORDER BY entity_id, start");
        sqlite3_close(raw);
    }
    ASSERT_GT(mentions, 0);
    Store s(p.string());
    sqlite3* db = s.handle();
    EXPECT_EQ(scalar(db, "SELECT sum(count) FROM mentions"), mentions);
    EXPECT_EQ(s.stats().mentions, mentions);
    std::vector<std::string> spans_after;
    for (const auto& row : rows(db, "SELECT entity_id, spans FROM mentions ORDER BY entity_id")) {
        auto bar = row.find('|');
        std::istringstream spans(row.substr(bar + 1));
        for (std::string span; spans >> span;) spans_after.push_back(row.substr(0, bar) + ":" + span);
    }
    EXPECT_EQ(spans_after, spans_before);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM document_bands"), 8 * documents);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM documents WHERE length(signature) <> 256"), 0);
    expect_healthy(db);
}

// Migration 4 drops the claims' links to entities (and two indexes): every claim and
// qualifier stays, each claim's subject and object gets a mention in its document, and
// unnamed entities' descriptions move from alias rows to the entities' own rows.
TEST(StoreMigration, UnlinkingClaimsKeepsEveryClaimAndQualifier) {
    TempDir tmp;
    fs::path p = tmp / "v3.db";
    fs::copy_file(kSource / "tests" / "data" / "stores" / "schema-v3.db", p);
    std::vector<std::string> claims_before, qualifiers_before, unnamed_aliases;
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(p.c_str(), &raw), SQLITE_OK);
        ASSERT_EQ(scalar(raw, "PRAGMA user_version"), 3);
        claims_before = rows(raw, "SELECT * FROM claims ORDER BY id");
        qualifiers_before = rows(raw, "SELECT * FROM claim_qualifiers ORDER BY claim_id, key");
        ASSERT_GT(scalar(raw, "SELECT count(*) FROM aliases a JOIN entities e ON e.id = a.entity_id "
                              "WHERE e.unnamed = 1 AND a.alias = e.name"), 0);
        // Version 3 wrote an unnamed entity's other descriptions as alias rows; a user alias
        // on one stays an alias.
        sql_exec(raw, "INSERT INTO aliases(entity_id, alias, folded, by_user) SELECT id, 'the operator', "
                      "'operator', 0 FROM entities WHERE unnamed = 1 ORDER BY id LIMIT 1");
        sql_exec(raw, "INSERT INTO aliases(entity_id, alias, folded, by_user) SELECT id, 'Ops Unit', "
                      "'ops unit', 1 FROM entities WHERE unnamed = 1 ORDER BY id LIMIT 1");
        unnamed_aliases = rows(raw, "SELECT e.id || ':' || a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id "
                                    "WHERE e.unnamed = 1 AND a.alias <> e.name ORDER BY 1");
        sqlite3_close(raw);
    }
    ASSERT_FALSE(unnamed_aliases.empty());
    ASSERT_FALSE(claims_before.empty());
    ASSERT_FALSE(qualifiers_before.empty());
    Store s(p.string());
    sqlite3* db = s.handle();
    EXPECT_EQ(rows(db, "SELECT * FROM claims ORDER BY id"), claims_before);
    EXPECT_EQ(rows(db, "SELECT * FROM claim_qualifiers ORDER BY claim_id, key"), qualifiers_before);
    // Unnamed entities' descriptions moved from alias rows to their own rows, unchanged.
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM aliases a JOIN entities e ON e.id = a.entity_id "
                         "WHERE e.unnamed = 1 AND a.by_user = 0"), 0);
    EXPECT_EQ(s.find_entities("Ops Unit").size(), 1u);
    std::vector<std::string> loaded;
    for (const auto& e : s.load_graph().entities)
        if (e.unnamed)
            for (const auto& alias : e.aliases) loaded.push_back(std::to_string(e.id) + ":" + alias);
    std::sort(loaded.begin(), loaded.end());
    EXPECT_EQ(loaded, unnamed_aliases);
    EXPECT_EQ(rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims'"),
              std::vector<std::string>{"claims_document"});
    // Deleting a claim still takes its qualifiers along.
    sql_exec(db, "DELETE FROM claims WHERE id IN (SELECT claim_id FROM claim_qualifiers)");
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM claim_qualifiers"), 0);
    expect_healthy(db);
    auto health = s.check();
    EXPECT_TRUE(health.ok) << (health.problems.empty() ? "" : health.problems.front());
}

// Migration 2 keys named entities without legal forms: two entities of a version-1 store
// that now have one key become one, with everything that pointed to either. The store is
// the released version-1 fixture, with a second article's rows written as version 1 did.
TEST(StoreMigration, RekeyingMergesEntitiesThatNowShareAKey) {
    TempDir tmp;
    fs::path p = tmp / "v1.db";
    fs::copy_file(kSource / "tests" / "data" / "stores" / "schema-v1.db", p);
    EntityId quillon = 0;
    long long orbix_ltd_claims = 0;
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(p.c_str(), &raw), SQLITE_OK);
        ASSERT_EQ(scalar(raw, "PRAGMA user_version"), 1);
        orbix_ltd_claims = scalar(raw, "SELECT count(*) FROM claims c JOIN entities e ON e.id = c.subject_id "
                                       "WHERE e.name = 'Orbix Compute Ltd'");
        ASSERT_GT(orbix_ltd_claims, 0);
        // Version 1 kept the legal form in the key: "Orbix Compute" was another entity.
        const std::string text = "Orbix Compute supplies Quillon Systems.";
        sql_exec(raw, "INSERT INTO documents(id, source, hash, ingested_at, text) VALUES "
                      "(100, 'b.txt', 'b', '2026-01-01T00:00:00Z', '" + text + "')");
        sql_exec(raw, "INSERT INTO entities(id, name, key, type) VALUES "
                      "(100, 'Orbix Compute', 'orbix compute', 'organization'), "
                      "(101, 'Quillon Systems', 'quillon systems', 'organization')");
        sql_exec(raw, "INSERT INTO aliases(entity_id, alias, folded, by_user) VALUES "
                      "(100, 'Orbix Compute', 'orbix compute', 0), (101, 'Quillon Systems', 'quillon systems', 0), "
                      "(100, 'OC', 'oc', 1)");
        sql_exec(raw, "INSERT INTO mentions(entity_id, document_id, start, end) VALUES (100, 100, 0, 13), "
                      "(101, 100, 23, 38)");
        sql_exec(raw, "INSERT INTO claims(subject_id, predicate, object_id, document_id, sentence_start, sentence_end, "
                      "start, end, rule, confidence) VALUES (100, 'supplies', 101, 100, 0, 39, 0, 39, 'test', 0.7)");
        sql_exec(raw, "INSERT INTO merges(from_id, into_id) VALUES (101, 100)");  // into the entity that goes away
        quillon = 101;
        sqlite3_close(raw);
    }
    Store s(p.string());
    sqlite3* db = s.handle();
    EXPECT_EQ(scalar(db, "PRAGMA user_version"), Store::kSchemaVersion);
    auto orbix = s.find_entities("Orbix Compute Ltd");
    ASSERT_EQ(orbix.size(), 1u);
    EXPECT_EQ(s.find_entities("Orbix Compute"), orbix);
    EXPECT_EQ(s.find_entities("OC"), orbix) << "the user alias moved";
    EXPECT_EQ(s.canonical_entity(quillon), orbix[0]) << "the user merge moved";
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM entities WHERE name LIKE 'Orbix%'"), 1);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM claims WHERE subject_id = " + std::to_string(orbix[0])),
              orbix_ltd_claims + 1);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM mentions WHERE document_id = 100 AND entity_id = " +
                             std::to_string(orbix[0])),
              1)
        << "the mention moved";
    EXPECT_EQ(scalar(db, "SELECT by_user FROM aliases WHERE folded = 'oc'"), 1);
    expect_current_keys(db);
    expect_healthy(db);
    auto health = s.check();
    EXPECT_TRUE(health.ok) << (health.problems.empty() ? "" : health.problems.front());
}
