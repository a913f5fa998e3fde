// Reliability of the program as a whole (docs/reliability.md): SIGKILL during ingest,
// readers and writers at once, bad inputs, broken data files, exit statuses, `check`.
//
// The program under test is CHIPGRAPH_BINARY, run as a child process. Knobs (environment):
//   CHIPGRAPH_KILL_POINTS     kill points of the kill test (default 25; 10 under ASan)
//   CHIPGRAPH_BIG_ARTICLE_MB  size of the one-article test (default 50; 10 under ASan)
//   CHIPGRAPH_KEEP_TEST_DB    keep the temporary folders
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <spawn.h>
#include <sstream>
#include <cstring>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "chipgraph/core/store.hpp"

extern char** environ;

using namespace chipgraph;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

long env_number(const char* name, long fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atol(v) : fallback;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& p, std::string_view bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "chipgraph-reliability-XXXXXX").string();
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

void remove_db(const fs::path& db) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix);
}

// ---- Child processes ----

// Starts chipgraph with `args`; stdin is /dev/null, stdout and stderr go to files.
pid_t spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
    std::vector<std::string> all{CHIPGRAPH_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw std::runtime_error(std::string("posix_spawn failed: ") + std::strerror(rc));
    return pid;
}

// Exit status, or 128 + signal number when killed.
int wait_for(pid_t pid) {
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(st)) return WEXITSTATUS(st);
    if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
    return -1;
}

bool still_running(pid_t pid, int& status) {
    int st = 0;
    pid_t r = waitpid(pid, &st, WNOHANG);
    if (r == 0) return true;
    status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
    return false;
}

struct Result {
    int status = -1;
    std::string out, err;
    std::string all() const { return out + err; }
};

// Runs chipgraph to completion; output files are kept in `dir`.
Result run(const fs::path& dir, const std::vector<std::string>& args) {
    static int n = 0;
    ++n;
    fs::path out = dir / ("run" + std::to_string(n) + ".out"), err = dir / ("run" + std::to_string(n) + ".err");
    Result r;
    r.status = wait_for(spawn(args, out, err));
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

// ---- A generated corpus: every article makes claims, no two articles are alike ----

class Rng {
public:
    explicit Rng(std::uint32_t seed) : gen_(seed) {}
    std::size_t below(std::size_t n) { return gen_() % n; }
    double unit() { return (gen_() & 0xffffff) / double(0x1000000); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }

private:
    std::mt19937 gen_;
};

void write_corpus(const fs::path& dir, int count, std::uint32_t seed) {
    Rng r(seed);
    const std::vector<std::string> syllables{"or", "bix", "tar", "men", "hal", "den", "ver", "dan", "quo",
                                             "rin", "mar", "lo",  "zen", "ka",  "vel", "tho", "ri",  "sa",
                                             "nu", "pel", "dra", "gon", "lys", "tek", "mo",  "fa"};
    const std::vector<std::string> suffixes{"Ltd", "Technologies", "Systems", "Holdings",
                                            "Compute", "Trading", "Capital", "Logistics"};
    const std::vector<std::string> cities{"Shenzhen", "Singapore", "Hong Kong", "Dubai",    "Kuala Lumpur",
                                          "Beijing",  "Shanghai",  "Bangkok",   "Jakarta", "Hangzhou"};
    const std::vector<std::string> chips{"H100", "A100", "H200", "H800", "B200"};
    auto name = [&] {
        std::string n;
        for (std::size_t i = 0, k = 2 + r.below(2); i < k; ++i) n += r.pick(syllables);
        n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
        return n + " " + r.pick(suffixes);
    };
    fs::create_directories(dir);
    for (int i = 0; i < count; ++i) {
        std::string a = name(), b = name(), c = name();
        std::string ca = r.pick(cities), cb = r.pick(cities), cc = r.pick(cities);
        std::string chip = r.pick(chips);
        std::string qty = std::to_string(10 * (2 + r.below(899))), year = std::to_string(2021 + r.below(5));
        std::string text;
        if (i % 2 == 0) {
            text = "Report " + std::to_string(i) + ": chips for " + cb + "\n\n" + a + " sells " + qty + " Nvidia " +
                   chip + " chips to " + b + ", a company based in " + cb + ", and the buyers in " + cc +
                   " pay in USDT.\nThe firm is a subsidiary of " + c + ", which is based in " + ca + ". " + c +
                   " funds " + a + ".\nAccording to investigators, the servers were shipped to " + cc + " in " +
                   year + ".\n";
        } else {
            text = "Enquête " + std::to_string(i) + " : des puces pour " + cb + "\n\nLa société " + a +
                   ", basée à " + ca + ", a vendu " + qty + " puces " + chip + " à " + b +
                   ", une entreprise basée à " + cb + ".\n" + a + " est une filiale de " + c +
                   ", un fonds basé à " + cc + ". Les serveurs ont été expédiés à " + cc + " en " + year + ".\n";
        }
        char file[32];
        std::snprintf(file, sizeof file, "article_%03d.txt", i);
        write_file(dir / file, text);
    }
}

// ---- Looking into a store with SQLite itself ----

class Db {
public:
    explicit Db(const fs::path& p) {
        if (sqlite3_open_v2(p.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error(p.string() + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 15000);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    std::vector<std::string> rows(const std::string& sql) const {
        std::vector<std::string> out;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                if (i) row += '|';
                auto* t = sqlite3_column_text(st, i);
                row += t ? reinterpret_cast<const char*>(t) : "NULL";
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        return out;
    }
    long long scalar(const std::string& sql) const {
        auto r = rows(sql);
        return r.empty() ? -1 : std::atoll(r[0].c_str());
    }
    void exec(const std::string& sql) const {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    }

private:
    sqlite3* db_ = nullptr;
};

// What a store holds, independent of row ids and ingest times.
struct Content {
    long long documents = 0, entities = 0, aliases = 0, mentions = 0, claims = 0, qualifiers = 0;
    std::string claims_digest;                                 // of the sorted claim rows
    std::map<std::string, std::pair<long, long>> per_document;  // source -> claims, mentions
    bool operator==(const Content& o) const {
        return documents == o.documents && entities == o.entities && aliases == o.aliases &&
               mentions == o.mentions && claims == o.claims && qualifiers == o.qualifiers &&
               claims_digest == o.claims_digest && per_document == o.per_document;
    }
};

std::ostream& operator<<(std::ostream& os, const Content& c) {
    return os << c.documents << " documents, " << c.entities << " entities, " << c.aliases << " aliases, "
              << c.mentions << " mentions, " << c.claims << " claims, " << c.qualifiers << " qualifiers, digest "
              << c.claims_digest;
}

Content content(const Db& db) {
    Content c;
    c.documents = db.scalar("SELECT count(*) FROM documents");
    c.entities = db.scalar("SELECT count(*) FROM entities");
    c.aliases = db.scalar("SELECT count(*) FROM aliases");
    c.mentions = db.scalar("SELECT count(*) FROM mentions");
    c.claims = db.scalar("SELECT count(*) FROM claims");
    c.qualifiers = db.scalar("SELECT count(*) FROM claim_qualifiers");
    // Entities by key (the name that created a shared entity depends on ingest order).
    auto claims = db.rows(
        "SELECT d.source, s.key, s.type, s.unnamed, c.predicate, o.key, o.type, o.unnamed, c.sentence_start, "
        "c.sentence_end, c.start, c.end, c.rule, printf('%.6f', c.confidence), c.status, c.attribution, "
        "(SELECT group_concat(q.key || '=' || q.value, ';') FROM claim_qualifiers q WHERE q.claim_id = c.id) "
        "FROM claims c JOIN documents d ON d.id = c.document_id JOIN entities s ON s.id = c.subject_id "
        "JOIN entities o ON o.id = c.object_id");
    std::sort(claims.begin(), claims.end());
    std::string all;
    for (const auto& row : claims) all += row + "\n";
    c.claims_digest = content_hash(all);
    for (const auto& row : db.rows("SELECT d.source, (SELECT count(*) FROM claims c WHERE c.document_id = d.id), "
                                   "(SELECT count(*) FROM mentions m WHERE m.document_id = d.id) FROM documents d")) {
        auto a = row.rfind('|', row.rfind('|') - 1), b = row.rfind('|');
        c.per_document[row.substr(0, a)] = {std::stol(row.substr(a + 1, b - a - 1)), std::stol(row.substr(b + 1))};
    }
    return c;
}

// integrity_check says ok and no foreign key is broken.
::testing::AssertionResult healthy(const Db& db) {
    auto integrity = db.rows("PRAGMA integrity_check");
    if (integrity != std::vector<std::string>{"ok"})
        return ::testing::AssertionFailure() << "integrity_check: " << (integrity.empty() ? "" : integrity[0]);
    auto fk = db.rows("PRAGMA foreign_key_check");
    if (!fk.empty()) return ::testing::AssertionFailure() << fk.size() << " foreign key violations, first: " << fk[0];
    return ::testing::AssertionSuccess();
}

// ---- The shared corpus and its reference store (made once) ----

class Reliability : public ::testing::Test {
protected:
    static constexpr int kArticles = 300;
    static void SetUpTestSuite() {
        root_ = new TempDir;
        corpus_ = *root_ / "corpus";
        write_corpus(corpus_, kArticles, 20250212);
        fs::path db = *root_ / "reference.db";
        auto t0 = Clock::now();
        Result r = run(root_->path(), {"--db", db.string(), "ingest", "-q", corpus_.string()});
        reference_seconds_ = std::chrono::duration<double>(Clock::now() - t0).count();
        ASSERT_EQ(r.status, 0) << r.all();
        // Start-up (loading the gazetteer and the rule packs) before the store is opened.
        write_file(*root_ / "one" / "one.txt", "Kestrel Grid is based in Singapore.\n");
        t0 = Clock::now();
        Result one = run(root_->path(), {"--db", (*root_ / "one.db").string(), "ingest", "-q",
                                         (*root_ / "one").string()});
        startup_seconds_ = std::chrono::duration<double>(Clock::now() - t0).count();
        ASSERT_EQ(one.status, 0) << one.all();
        Db ref(db);
        ASSERT_TRUE(healthy(ref));
        reference_ = content(ref);
        ASSERT_EQ(reference_.documents, kArticles);
        for (const auto& [source, counts] : reference_.per_document)
            ASSERT_GT(counts.first, 0) << source << " makes no claim: the corpus must exercise claims";
    }
    static void TearDownTestSuite() {
        delete root_;
        root_ = nullptr;
    }
    void SetUp() override {
        if (!root_ || reference_.documents != kArticles) GTEST_SKIP() << "the reference run failed";
        work_ = std::make_unique<TempDir>();
    }

    // Ingests the corpus into `db` to completion and expects the reference content.
    void finish_and_compare(const fs::path& db) {
        Result r = run(work_->path(), {"--db", db.string(), "ingest", "-q", corpus_.string()});
        ASSERT_EQ(r.status, 0) << r.all();
        Db d(db);
        EXPECT_TRUE(healthy(d));
        EXPECT_EQ(content(d), reference_);
    }

    static inline TempDir* root_ = nullptr;
    static inline fs::path corpus_;
    static inline Content reference_;
    static inline double reference_seconds_ = 0, startup_seconds_ = 0;
    std::unique_ptr<TempDir> work_;
};

int failure_count() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
}

}  // namespace

// SIGKILL at random points of an ingest: after each kill the store is sound and holds
// whole documents only; finishing the ingest gives exactly the uninterrupted result.
TEST_F(Reliability, KillDuringIngestLeavesWholeDocumentsOnly) {
    const int points = static_cast<int>(env_number("CHIPGRAPH_KILL_POINTS", kSanitized ? 10 : 25));
    Rng rng(0x5eed);
    fs::path db = *work_ / "killed.db";
    int survived = 0, killed = 0;
    std::vector<long> at_kill;
    for (int k = 0; k < points; ++k) {
        SCOPED_TRACE("kill point " + std::to_string(k));
        remove_db(db);
        // Kill point k: a random time in the k-th of `points` equal slices of the part of
        // the reference run after start-up (the store commits batches of whole documents, so
        // a kill lands in extraction, in an open batch or in a commit). Kill point 0 falls
        // around the end of start-up, when the schema is created.
        // Spread over the first 60 % of the reference run: a loaded machine makes runs vary,
        // and kills after the end prove nothing.
        const double span = std::max(0.6 * (reference_seconds_ - startup_seconds_), 0.05);
        const double at = k == 0 ? startup_seconds_ * (0.8 + 0.3 * rng.unit())
                                 : startup_seconds_ + span * (k - 1 + rng.unit()) / (points - 1);
        const auto delay = std::chrono::duration<double>(at);
        // Small batches: kills land between commits and inside them, not only before the
        // first commit of a run that is shorter than a default batch.
        pid_t pid = spawn({"--db", db.string(), "ingest", "-q", "--batch", "16", corpus_.string()},
                          *work_ / "kill.out", *work_ / "kill.err");
        std::this_thread::sleep_for(delay);
        int status = -1;
        bool running = still_running(pid, status);
        if (running) {
            ::kill(pid, SIGKILL);
            status = wait_for(pid);
            running = status == 128 + SIGKILL;
        }
        ASSERT_TRUE(running || status == 0) << "ingest ended with " << status << ": " << read_file(*work_ / "kill.err");

        long docs = 0;
        const int failures_before = failure_count();
        if (fs::exists(db)) {
            Db d(db);
            ASSERT_TRUE(healthy(d));
            if (d.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'documents'") == 1) {
                Content c = content(d);
                docs = c.documents;
                for (const auto& [source, counts] : c.per_document) {
                    auto it = reference_.per_document.find(source);
                    ASSERT_NE(it, reference_.per_document.end()) << source;
                    EXPECT_EQ(counts, it->second) << source << ": claims and mentions differ from the reference";
                }
            }
        }
        at_kill.push_back(docs);
        killed += running;
        finish_and_compare(db);
        survived += failure_count() == failures_before;
    }
    std::sort(at_kill.begin(), at_kill.end());
    std::string spread;
    for (long d : at_kill) {
        if (!spread.empty()) spread += ' ';
        spread += std::to_string(d);
    }
    std::cout << "[ kill test ] " << survived << "/" << points << " kill points survived, " << killed
              << " killed while running; documents stored at each kill: " << spread
              << "; uninterrupted ingest of " << kArticles << " articles took " << reference_seconds_
              << " s, of which start-up " << startup_seconds_ << " s\n";
    RecordProperty("kill_points", points);
    RecordProperty("kill_points_survived", survived);
    EXPECT_EQ(survived, points);
    EXPECT_GE(killed, points / 3) << "too few kills landed inside the run: " << spread;
}

// Readers (stats, export) run while an ingest writes: they all succeed and see a
// consistent store.
TEST_F(Reliability, QueriesAndExportsRunWhileIngestWrites) {
    fs::path db = *work_ / "shared.db";
    Result seed = run(work_->path(), {"--db", db.string(), "ingest", "-q", CHIPGRAPH_SOURCE_DIR "/examples/articles"});
    ASSERT_EQ(seed.status, 0) << seed.all();
    pid_t writer =
        spawn({"--db", db.string(), "ingest", "-q", corpus_.string()}, *work_ / "writer.out", *work_ / "writer.err");
    int status = -1, readers = 0, overlapped = 0;
    long last_claims = 0;
    bool running = true;
    while (running || readers < 4) {
        running = running && still_running(writer, status);
        fs::path json = *work_ / "export.json";
        Result e = run(work_->path(), {"--db", db.string(), "export", "--format", "json", "-o", json.string()});
        Result s = run(work_->path(), {"--db", db.string(), "stats"});
        ++readers;
        overlapped += running;
        ASSERT_EQ(e.status, 0) << e.all();
        ASSERT_EQ(s.status, 0) << s.all();
        EXPECT_TRUE(contains(s.out, "documents")) << s.out;
        rapidjson::Document doc;
        std::string text = read_file(json);
        doc.Parse(text.c_str());
        ASSERT_FALSE(doc.HasParseError()) << "export " << readers << " is not JSON";
        ASSERT_TRUE(doc.HasMember("claims") && doc["claims"].IsArray());
        long claims = static_cast<long>(doc["claims"].Size());
        EXPECT_GE(claims, last_claims) << "an export saw fewer claims than the one before";
        last_claims = claims;
    }
    EXPECT_EQ(status, 0) << read_file(*work_ / "writer.err");
    std::cout << "[ concurrency ] " << readers << " stats+export pairs, " << overlapped
              << " while the ingest was writing, all succeeded\n";
    EXPECT_GE(overlapped, 1) << "no reader ran during the ingest";
    Db d(db);
    EXPECT_TRUE(healthy(d));
    // The corpus went in as it does alone.
    Content c = content(d);
    for (const auto& [source, counts] : reference_.per_document) EXPECT_EQ(c.per_document[source], counts) << source;
}

// Two ingests of the same corpus at once into one store (new, then existing): each
// completes or gives up with "database is locked"; never a damaged store.
// What the batch remembers (named entities' ids, aliases written) must not change what is
// stored: one document per transaction gives the same store as the default batches.
TEST_F(Reliability, BatchSizeDoesNotChangeTheStore) {
    fs::path db = *work_ / "one-per-batch.db";
    Result r = run(work_->path(), {"--db", db.string(), "ingest", "-q", "--batch", "1", corpus_.string()});
    ASSERT_EQ(r.status, 0) << r.all();
    Db d(db);
    EXPECT_TRUE(healthy(d));
    EXPECT_EQ(content(d), reference_);
}

TEST_F(Reliability, TwoIngestsAtOnce) {
    fs::path db = *work_ / "twice.db";
    int locked = 0;
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        if (round < 2) remove_db(db);  // rounds 0 and 1 create the store, round 2 re-ingests into it
        pid_t a = spawn({"--db", db.string(), "ingest", "-q", corpus_.string()}, *work_ / "a.out", *work_ / "a.err");
        pid_t b = spawn({"--db", db.string(), "ingest", "-q", corpus_.string()}, *work_ / "b.out", *work_ / "b.err");
        int sa = wait_for(a), sb = wait_for(b);
        for (auto [status, err] : {std::pair{sa, *work_ / "a.err"}, std::pair{sb, *work_ / "b.err"}}) {
            std::string text = read_file(err);
            if (status != 0) {
                EXPECT_TRUE(contains(text, "database is locked")) << "exit " << status << ": " << text;
                ++locked;
            }
        }
        {
            Db d(db);
            ASSERT_TRUE(healthy(d));
        }
        finish_and_compare(db);
    }
    std::cout << "[ concurrency ] 3 rounds of two ingests at once: " << locked << " gave up on the lock\n";
}

// ---- Bad inputs through the command line ----

namespace {

struct BadInputs {
    fs::path dir;
    std::vector<std::pair<std::string, std::string>> skipped;  // file (and line), reason
    std::vector<std::pair<std::string, std::string>> warned;
    std::vector<std::string> ingested;                          // document sources
};

// A folder with one of each kind of bad input, next to good ones.
BadInputs make_bad_inputs(const fs::path& dir) {
    BadInputs b;
    b.dir = dir;
    const std::string good = read_file(CHIPGRAPH_SOURCE_DIR "/examples/articles/02_en_polaris_usdt.txt");
    const std::string fr = read_file(CHIPGRAPH_SOURCE_DIR "/examples/articles/01_fr_kestrel_johor.txt");
    write_file(dir / "good.txt", good);
    write_file(dir / "copy of good.txt", good);
    // PNG signature and binary noise under a .txt name.
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    for (int i = 0; i < 2000; ++i) png += static_cast<char>(i * 37 % 256);
    write_file(dir / "picture.txt", png);
    // Invalid UTF-8 sequences in an otherwise English article.
    write_file(dir / "invalid-utf8.txt",
               "Arcwave Systems sells H100 chips \xc3\x28 to Tarmen Dynamics, a company based in Shenzhen.\n"
               "The \xed\xa0\x80 buyers in Hong Kong pay in USDT \xff.\n");
    // The French article in Latin-1.
    std::string latin1;
    for (std::size_t i = 0; i < fr.size(); ++i) {
        unsigned char c = fr[i];
        if (c == 0xc3 && i + 1 < fr.size()) {
            latin1 += static_cast<char>(static_cast<unsigned char>(fr[++i]) + 0x40);
        } else if (c >= 0x80) {  // other characters (’, «, –): not in Latin-1, dropped
            while (i + 1 < fr.size() && (static_cast<unsigned char>(fr[i + 1]) & 0xc0) == 0x80) ++i;
            latin1 += ' ';
        } else {
            latin1 += static_cast<char>(c);
        }
    }
    write_file(dir / "latin1.txt", latin1);
    // UTF-8 BOM and CRLF line ends.
    std::string crlf = "\xef\xbb\xbf";
    for (char c : good) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    write_file(dir / "bom-crlf.txt", crlf);
    write_file(dir / "empty.txt", "");
    write_file(dir / "feed.jsonl",
               "{\"title\": \"First\", \"text\": \"Orbix Compute Ltd sells 300 Nvidia H100 chips to Tarmen Dynamics, "
               "a company based in Shenzhen, and the buyers in Hong Kong pay in USDT.\"}\n"
               "{\"title\": \"Cut\", \"text\": \"Halden Holdings funds\n"
               "{\"title\": \"No text\"}\n");
    write_file(dir / "notes.docx", "PK\x03\x04 not really a document");
    fs::create_directories(dir / "loop");
    fs::create_symlink("..", dir / "loop" / "again");
    b.skipped = {{"picture.txt", "binary file"},
                 {"empty.txt", "empty file"},
                 {"feed.jsonl:2", "invalid JSON"},
                 {"feed.jsonl:3", "no text field"},
                 {"notes.docx", "unsupported file type .docx"},
                 {"again", "symlink loop"}};
    b.warned = {{"invalid-utf8.txt", "not UTF-8; decoded as Latin-1"},
                {"latin1.txt", "not UTF-8; decoded as Latin-1"},
                {"good.txt", "same text as"}};
    b.ingested = {"good.txt", "copy of good.txt", "invalid-utf8.txt", "latin1.txt", "bom-crlf.txt", "feed.jsonl#1"};
    return b;
}

// The line of `text` that names `file`, or "".
std::string line_naming(const std::string& text, const std::string& file) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (contains(line, "/" + file + ":") || contains(line, "/" + file + " ")) return line;
    return {};
}

std::string file_digest(const fs::path& p) { return content_hash(read_file(p)); }

}  // namespace

TEST(ReliabilityCli, BadInputsAreNamedSkippedAndTheRestIngested) {
    TempDir tmp;
    BadInputs b = make_bad_inputs(tmp / "inputs");
    fs::path db = tmp / "bad.db";
    Result r = run(tmp.path(), {"--db", db.string(), "ingest", b.dir.string()});
    EXPECT_EQ(r.status, 1) << "some inputs skipped: exit 1\n" << r.all();
    for (const auto& [file, reason] : b.skipped) {
        std::string in_err = line_naming(r.err, file), in_out = line_naming(r.out, file);
        EXPECT_TRUE(contains(in_err, reason)) << file << " on stderr: " << in_err << "\n" << r.err;
        EXPECT_TRUE(contains(in_out, reason)) << file << " in the summary: " << in_out << "\n" << r.out;
        EXPECT_TRUE(contains(r.err, "skipped: " + (b.dir / file).string()) || file == "again") << file;
    }
    EXPECT_TRUE(contains(r.err, (b.dir / "loop" / "again").string() + ": symlink loop")) << r.err;
    for (const auto& [file, reason] : b.warned)
        EXPECT_TRUE(contains(line_naming(r.err, file), reason)) << file << ": " << r.err;
    EXPECT_TRUE(contains(r.out, "skipped 6 inputs")) << r.out;

    Db d(db);
    EXPECT_TRUE(healthy(d));
    auto sources = d.rows("SELECT source FROM documents ORDER BY source");
    std::vector<std::string> expected;
    for (const auto& f : b.ingested) expected.push_back((b.dir / f).string());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(sources, expected);
    for (const auto& f : b.ingested) {
        std::string source = (b.dir / f).string();
        EXPECT_GT(d.scalar("SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id WHERE d.source = '" +
                           source + "'"),
                  0)
            << f << " was stored without claims";
    }
    // Text is stored normalized: no BOM, no CR, valid UTF-8 with the Latin-1 accents.
    EXPECT_EQ(d.scalar("SELECT count(*) FROM documents WHERE instr(text, char(13)) > 0 OR instr(text, char(65279)) > 0"),
              0);
    EXPECT_EQ(d.rows("SELECT text FROM documents WHERE source = '" + (b.dir / "bom-crlf.txt").string() + "'"),
              d.rows("SELECT text FROM documents WHERE source = '" + (b.dir / "good.txt").string() + "'"));
    auto latin1 = d.rows("SELECT text FROM documents WHERE source = '" + (b.dir / "latin1.txt").string() + "'");
    ASSERT_EQ(latin1.size(), 1u);
    EXPECT_TRUE(contains(latin1[0], "Pékin")) << "Latin-1 decoded";

    // Again: nothing new, the same report, the same exit status.
    Result again = run(tmp.path(), {"--db", db.string(), "ingest", b.dir.string()});
    EXPECT_EQ(again.status, 1);
    EXPECT_TRUE(contains(again.out, "0 new, 0 replaced, 6 unchanged")) << again.out;
}

TEST(ReliabilityCli, ExitStatusPolicy) {
    TempDir tmp;
    fs::path db = tmp / "x.db";
    // 0: everything ingested.
    Result ok = run(tmp.path(), {"--db", db.string(), "ingest", CHIPGRAPH_SOURCE_DIR "/examples/articles"});
    EXPECT_EQ(ok.status, 0) << ok.all();
    // 2: nothing could be ingested.
    write_file(tmp / "only-bad" / "empty.txt", "");
    Result none = run(tmp.path(), {"--db", db.string(), "ingest", (tmp / "only-bad").string()});
    EXPECT_EQ(none.status, 2) << none.all();
    EXPECT_TRUE(contains(none.err, "empty.txt: empty file")) << none.err;
    Result missing = run(tmp.path(), {"--db", db.string(), "ingest", (tmp / "no-such-folder").string()});
    EXPECT_EQ(missing.status, 2) << missing.all();
    EXPECT_TRUE(contains(missing.err, "no-such-folder: no such file or directory")) << missing.err;
    // A mistyped path does not leave a new empty database behind.
    Result typo = run(tmp.path(), {"--db", (tmp / "new.db").string(), "ingest", (tmp / "artciles").string()});
    EXPECT_EQ(typo.status, 2) << typo.all();
    EXPECT_TRUE(contains(typo.err, "artciles: no such file or directory")) << typo.err;
    EXPECT_FALSE(fs::exists(tmp / "new.db"));
    // 2: usage errors, named on stderr, nothing written.
    const std::string before = file_digest(db);
    Result flag = run(tmp.path(), {"--db", db.string(), "ingest", "--frobnicate", CHIPGRAPH_SOURCE_DIR "/examples"});
    EXPECT_EQ(flag.status, 2) << flag.all();
    EXPECT_TRUE(contains(flag.err, "--frobnicate")) << flag.err;
    Result batch = run(tmp.path(), {"--db", db.string(), "ingest", "--batch", "0", CHIPGRAPH_SOURCE_DIR "/examples"});
    EXPECT_EQ(batch.status, 2) << batch.all();
    EXPECT_TRUE(contains(batch.err, "--batch")) << batch.err;
    Result command = run(tmp.path(), {"--db", db.string(), "frobnicate"});
    EXPECT_EQ(command.status, 2) << command.all();
    EXPECT_TRUE(contains(command.err, "chipgraph --help")) << command.err;
    EXPECT_TRUE(contains(command.err, "unknown command 'frobnicate'")) << command.err;
    EXPECT_TRUE(contains(command.err, "ingest, ")) << "the commands are listed: " << command.err;
    Result none_at_all = run(tmp.path(), {});
    EXPECT_EQ(none_at_all.status, 2) << none_at_all.all();
    EXPECT_EQ(file_digest(db), before);
    // 2: the database is not a chipgraph store; it is left as it was.
    write_file(tmp / "notes.db", "my notes\n");
    Result foreign = run(tmp.path(), {"--db", (tmp / "notes.db").string(), "ingest", CHIPGRAPH_SOURCE_DIR "/examples"});
    EXPECT_EQ(foreign.status, 2) << foreign.all();
    EXPECT_TRUE(contains(foreign.err, "not a SQLite database")) << foreign.err;
    EXPECT_EQ(read_file(tmp / "notes.db"), "my notes\n");
}

TEST(ReliabilityCli, BrokenGazetteerAndRulePackStopBeforeTheStore) {
    TempDir tmp;
    fs::path db = tmp / "x.db", fresh = tmp / "never.db";
    fs::path article = CHIPGRAPH_SOURCE_DIR "/examples/articles/02_en_polaris_usdt.txt";
    ASSERT_EQ(run(tmp.path(), {"--db", db.string(), "ingest", article.string()}).status, 0);
    const std::string before = file_digest(db);

    write_file(tmp / "bad-gazetteer.json", "{\"version\": 1, \"entries\": [ {\"name\": \"Orbix\", ");
    write_file(tmp / "wrong-gazetteer.json", "{\"entities\": [{\"name\": \"X Corp\"}]}");
    write_file(tmp / "bad-rules.json", "{\"language\": \"en\", \"rules\": [");
    write_file(tmp / "wrong-rules.json",
               R"({"language": "en", "version": 1, "rules": [
 {"id": "my.fine", "predicate": "supplies", "confidence": 0.5, "pattern": [{"ENT_TYPE": ["ORG"], "SLOT": "subject"}, {"LOWER": "feeds"}, {"ENT_TYPE": ["ORG"], "SLOT": "object"}]},
 {"id": "my.broken", "predicate": "supplies", "confidence": 0.5, "pattern": [{"ENT_TYPE": ["ORG"], "SLOT": "subject"}, {"LOWR": "feeds"}, {"ENT_TYPE": ["ORG"], "SLOT": "object"}]}
]})");
    struct Case {
        std::string option, file;
        std::vector<std::string> expected;  // in the message
    };
    for (const Case& c : {Case{"--gazetteer", "bad-gazetteer.json", {"bad-gazetteer.json", "invalid JSON"}},
                          Case{"--gazetteer", "wrong-gazetteer.json", {"wrong-gazetteer.json", "entries"}},
                          Case{"--rules", "bad-rules.json", {"bad-rules.json", "invalid JSON"}},
                          Case{"--rules", "wrong-rules.json", {"wrong-rules.json", "my.broken", "LOWR"}},
                          Case{"--rules", "missing-rules.json", {"missing-rules.json"}}}) {
        SCOPED_TRACE(c.file);
        for (const fs::path& target : {db, fresh}) {
            Result r = run(tmp.path(),
                        {"--db", target.string(), "ingest", c.option, (tmp / c.file).string(), article.string()});
            EXPECT_EQ(r.status, 2) << r.all();
            for (const auto& e : c.expected) EXPECT_TRUE(contains(r.err, e)) << "\"" << e << "\" in: " << r.err;
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
        }
        EXPECT_EQ(file_digest(db), before) << "the store changed";
        EXPECT_FALSE(fs::exists(fresh)) << "a store was created";
    }
}

// One very large article. 200 MB works (see docs/reliability.md) but takes minutes and
// gigabytes: the default is 50 MB (10 MB under the sanitizers).
TEST(ReliabilityCli, OneHugeArticle) {
    const long mb = env_number("CHIPGRAPH_BIG_ARTICLE_MB", kSanitized ? 10 : 50);
    TempDir tmp;
    fs::path file = tmp / "huge.txt";
    {
        std::ofstream out(file, std::ios::binary);
        out << "A very long report\n\nOrbix Compute Ltd sells 300 Nvidia H100 chips to Tarmen Dynamics, a company "
               "based in Shenzhen.\n\n";
        const std::vector<std::string> words{"the",    "weather", "was",  "calm",    "and",   "markets", "were",
                                             "quiet",  "that",    "day",  "while",   "analysts", "wrote", "long",
                                             "notes",  "about",   "rates", "prices", "other", "matters"};
        Rng r(42);
        std::string para;
        std::size_t written = 0;
        while (written < static_cast<std::size_t>(mb) << 20) {
            para.clear();
            for (int s = 0; s < 8; ++s) {
                std::string sentence;
                for (int w = 0; w < 12; ++w) sentence += (w ? " " : "") + r.pick(words);
                sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
                para += sentence + ". ";
            }
            para += "\n\n";
            out << para;
            written += para.size();
        }
        out << "Halden Holdings sells 500 Nvidia A100 chips to Quillon Dynamics, a company based in Beijing.\n";
    }
    const auto size = fs::file_size(file);
    fs::path db = tmp / "huge.db";
    auto t0 = Clock::now();
    Result r = run(tmp.path(), {"--db", db.string(), "ingest", file.string()});
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    ASSERT_EQ(r.status, 0) << r.all();
    Db d(db);
    EXPECT_TRUE(healthy(d));
    EXPECT_EQ(d.scalar("SELECT count(*) FROM documents"), 1);
    // All of it is stored (the text is already clean UTF-8 with LF line ends; the last
    // line end is trimmed).
    EXPECT_GE(d.scalar("SELECT length(CAST(text AS BLOB)) FROM documents"), static_cast<long long>(size) - 1);
    // Claims from the first and the very last sentence.
    EXPECT_GE(d.scalar("SELECT count(*) FROM claims WHERE predicate = 'supplies' AND start < 200"), 1);
    EXPECT_GE(d.scalar("SELECT count(*) FROM claims WHERE predicate = 'supplies' AND start > " +
                       std::to_string(size - 200)),
              1);
    std::cout << "[ huge article ] " << (size >> 20) << " MB ingested in " << seconds << " s\n";
}

// ---- chipgraph check ----

TEST(ReliabilityCli, CheckTellsAHealthyStoreFromADamagedOne) {
    TempDir tmp;
    fs::path db = tmp / "c.db";
    ASSERT_EQ(run(tmp.path(), {"--db", db.string(), "ingest", CHIPGRAPH_SOURCE_DIR "/examples/articles"}).status, 0);
    Result good = run(tmp.path(), {"--db", db.string(), "check"});
    EXPECT_EQ(good.status, 0) << good.all();
    EXPECT_TRUE(contains(good.out, "ok")) << good.out;

    // A document deleted behind the store's back, foreign keys off: orphans everywhere.
    {
        Db d(db);
        d.exec("PRAGMA foreign_keys = OFF");
        d.exec("DELETE FROM documents WHERE id = (SELECT min(document_id) FROM claims)");
    }
    Result bad = run(tmp.path(), {"--db", db.string(), "check"});
    EXPECT_NE(bad.status, 0) << bad.all();
    EXPECT_EQ(bad.status, 1) << bad.all();
    EXPECT_TRUE(contains(bad.out, "foreign key")) << bad.out;
    Result json = run(tmp.path(), {"--db", db.string(), "check", "--json"});
    EXPECT_EQ(json.status, 1);
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    ASSERT_FALSE(doc.HasParseError()) << json.out;
    EXPECT_FALSE(doc["ok"].GetBool());
    EXPECT_GT(doc["problems"].Size(), 0u);

    // Not a chipgraph store at all.
    write_file(tmp / "notes.db", "my notes\n");
    Result foreign = run(tmp.path(), {"--db", (tmp / "notes.db").string(), "check"});
    EXPECT_EQ(foreign.status, 2) << foreign.all();
    EXPECT_TRUE(contains(foreign.err, "not a SQLite database")) << foreign.err;
    Result missing = run(tmp.path(), {"--db", (tmp / "none.db").string(), "check"});
    EXPECT_EQ(missing.status, 2) << missing.all();
    EXPECT_FALSE(fs::exists(tmp / "none.db"));
}
