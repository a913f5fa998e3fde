// Ingest throughput: reading, entity recognition, relation extraction and SQLite writes,
// on a generated corpus of French and English articles written to disk.
//
//   ingest_bench [MB] [DIR] [STAGE]   (default 40 MB in a temporary folder, every stage)
//
// STAGE (read, entities, relations, writes or ingest) runs that stage alone, for profiling.
//
// Prints MB/s for each stage, measured in one run on the same files: reading alone (the
// floor any tool pays), reading + entity recognition, reading + full extraction, and the
// full ingest into a fresh store. bench/run_ingest_bench.sh adds the peer baseline.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>

#include <sys/resource.h>

#include "chipgraph/core/store.hpp"
#include "chipgraph/ingest/extractor.hpp"
#include "chipgraph/ingest/pipeline.hpp"
#include "chipgraph/ingest/reader.hpp"

namespace fs = std::filesystem;
using namespace chipgraph;

namespace {

const char* kSyllables[] = {"Kes", "trel", "Pol", "aris", "Han", "xing", "Vor", "tex", "Lu", "mos", "Zen", "ith",
                            "Qi", "yu", "Mer", "id", "Sel", "atan", "Bor", "eal", "Tes", "sera", "Nim", "bus"};
const char* kSuffixesEn[] = {"Compute", "Systems", "Trading", "Cloud", "Holdings", "Technology"};
const char* kPlaces[] = {"Singapore", "Dubai", "Johor Bahru", "Kuala Lumpur", "Hong Kong", "Bangkok", "Shenzhen",
                         "Beijing", "Jakarta", "Tokyo", "Perth", "Brisbane", "Hanoi", "Abu Dhabi"};
const char* kLieux[] = {"Singapour", "Dubaï", "Johor Bahru", "Kuala Lumpur", "Hong Kong", "Bangkok", "Shenzhen",
                        "Pékin", "Jakarta", "Tokyo", "Perth", "Brisbane", "Hanoï", "Abou Dabi"};
const char* kChips[] = {"H100", "A100", "H20", "H800", "B200", "A800"};

// Prose without actors, as most of a news article is: the generated articles mix it with
// the sentences that carry claims, to about the density of the seed articles.
const char* kProseEn[] = {
    "Demand for computing power has grown quickly since large language models became popular.",
    "Analysts say the rules are hard to enforce because cloud services cross borders easily.",
    "The market for accelerators remains tight, and prices for rented capacity rose again this quarter.",
    "Lawyers note that renting computing time abroad is not, in itself, covered by the current regulations.",
    "Several officials declined to comment on the record, citing ongoing investigations.",
    "The industry has long argued that broad restrictions push customers toward other suppliers.",
    "Training a frontier model requires thousands of processors running for weeks without interruption.",
    "Smaller operators often lease space in existing buildings rather than build their own halls."};
const char* kProseFr[] = {
    "La demande de puissance de calcul a fortement augmenté depuis l'essor des grands modèles de langage.",
    "Les analystes estiment que les règles sont difficiles à faire appliquer, car les services traversent les frontières.",
    "Le marché des accélérateurs reste tendu et les prix de la capacité louée ont encore augmenté ce trimestre.",
    "Des juristes rappellent que louer du temps de calcul à l'étranger n'est pas, en soi, visé par la réglementation.",
    "Plusieurs responsables ont refusé de s'exprimer publiquement, invoquant des enquêtes en cours.",
    "Le secteur affirme depuis longtemps que des restrictions trop larges poussent les clients vers d'autres fournisseurs.",
    "Entraîner un modèle de pointe exige des milliers de processeurs pendant des semaines sans interruption.",
    "Les petits opérateurs louent souvent des espaces dans des bâtiments existants plutôt que de construire."};

std::string prose(std::mt19937& rng, bool french, int sentences) {
    std::uniform_int_distribution<int> pick(0, 7);
    std::string out;
    for (int k = 0; k < sentences; ++k) out += std::string(french ? kProseFr[pick(rng)] : kProseEn[pick(rng)]) + " ";
    return out + "\n";
}

std::string name(std::mt19937& rng) {
    std::uniform_int_distribution<int> syl(0, 23);
    std::string n = std::string(kSyllables[syl(rng)]) + kSyllables[syl(rng)];
    n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
    return n;
}

std::string english_article(std::mt19937& rng) {
    std::uniform_int_distribution<int> p(0, 13), c(0, 5), q(100, 5000);
    std::string broker = name(rng) + " " + kSuffixesEn[c(rng)], client = name(rng) + " " + kSuffixesEn[c(rng)];
    std::string out;
    for (int k = 0; k < 6; ++k)
        out += fmt::format(
            "{0}, a {2}-based cloud provider, rents more than {4} {5} chips to {1}, a company based in {3}, "
            "according to people familiar with the matter. Investors in {6} and {7} funded {0} last year. "
            "The servers sit in a data center in {2} operated by a subsidiary of {0}. {1} paid in USDT for the "
            "access, the documents show, and its engineers flew hard drives to {2}. The Commerce Department "
            "added {1} to the Entity List in March 2024. Nvidia said it did not sell directly to either firm.\n",
            broker, client, kPlaces[p(rng)], kPlaces[p(rng)], q(rng), kChips[c(rng)], kPlaces[p(rng)], kPlaces[p(rng)]) +
            prose(rng, false, 12);
    return out;
}

std::string french_article(std::mt19937& rng) {
    std::uniform_int_distribution<int> p(0, 13), c(0, 5), q(100, 5000);
    std::string broker = name(rng) + " Grid", client = name(rng) + " Intelligence";
    std::string out;
    for (int k = 0; k < 6; ++k)
        out += fmt::format(
            "{0}, une société basée à {2}, loue plus de {4} puces {5} de Nvidia à {1}, une entreprise de {3}, "
            "selon des documents consultés par le journal. Des investisseurs à {6} et à {7} ont financé {0}. "
            "Les serveurs se trouvent dans un centre de données à {2}, géré par une filiale de {0}. {1} aurait "
            "payé en bitcoins, et ses ingénieurs ont transporté des disques durs en Malaisie. Le département du "
            "Commerce a placé {1} sur la liste noire en juin.\n",
            broker, client, kLieux[p(rng)], kLieux[p(rng)], q(rng), kChips[c(rng)], kLieux[p(rng)], kLieux[p(rng)]) +
            prose(rng, true, 12);
    return out;
}

// CPU seconds of this process (all its threads): the figure per core, robust to other
// load on the machine.
double cpu_now() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// CPU seconds in the kernel (system time) of this process: writing files, mapping memory.
double kernel_now() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_stime.tv_sec) + static_cast<double>(u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    double megabytes = argc > 1 ? std::stod(argv[1]) : 40.0;
    fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "chipgraph-ingest-bench";
    const std::string only = argc > 3 ? argv[3] : "";
    auto stage = [&](const char* name) { return only.empty() || only == name; };
    fs::remove_all(dir);
    fs::create_directories(dir / "corpus");
    std::mt19937 rng(42);
    std::size_t bytes = 0;
    for (int i = 0; bytes < megabytes * 1e6; ++i) {
        std::string text = i % 2 ? french_article(rng) : english_article(rng);
        bytes += text.size();
        std::ofstream(dir / "corpus" / fmt::format("{:05d}.txt", i)) << text;
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    fmt::print("corpus: {:.1f} MB in {}\n", mb, (dir / "corpus").string());
    // For comparison, the seed articles carry about 7 claims per KB.

    ingest::Extractor extractor;
    auto run = [&](const char* label, auto&& per_document) {
        std::size_t entities = 0, claims = 0;
        ingest::ReadCallbacks cb;
        cb.on_skipped = [](const ingest::InputIssue& i) { fmt::print(stderr, "skipped {}: {}\n", i.source, i.message); };
        cb.on_warning = [](const ingest::InputIssue&) {};
        cb.on_document = [&](Document&& doc) {
            doc.language = ingest::detect_language(doc.text);
            per_document(doc, entities, claims);
        };
        double t0 = cpu_now();
        ingest::read_inputs({(dir / "corpus").string()}, cb);
        double s = cpu_now() - t0;
        fmt::print("{:<34} {:7.2f} s  {:7.1f} MB/s  ({} entities, {} claims)\n", label, s, mb / s, entities, claims);
    };
    if (stage("read")) run("read", [](Document&, std::size_t&, std::size_t&) {});
    if (stage("entities"))
        run("read + entities",
            [&](Document& d, std::size_t& e, std::size_t&) { e += extractor.recognize(d).entities.size(); });
    if (stage("relations"))
        run("read + entities + relations", [&](Document& d, std::size_t& e, std::size_t& c) {
            auto ex = extractor.extract(d);
            e += ex.entities.size();
            c += ex.claims.size();
        });
    if (stage("writes")) {
        // The store alone: documents extracted beforehand, written in batches as the
        // pipeline does.
        std::vector<std::pair<Document, Extraction>> extracted;
        ingest::ReadCallbacks cb;
        cb.on_document = [&](Document&& doc) {
            doc.language = ingest::detect_language(doc.text);
            Extraction ex = extractor.extract(doc);
            extracted.emplace_back(std::move(doc), std::move(ex));
        };
        ingest::read_inputs({(dir / "corpus").string()}, cb);
        fs::path db = dir / "writes.db";
        Store store(db.string());
        std::size_t claims = 0;
        double t0 = cpu_now(), k0 = kernel_now();
        for (std::size_t i = 0; i < extracted.size(); ++i) {
            if (!store.in_batch()) store.begin_batch();
            claims += store.ingest(extracted[i].first, extracted[i].second).claims_added;
            if ((i + 1) % ingest::WriteOptions{}.batch_documents == 0) store.commit_batch();
        }
        store.commit_batch();
        double s = cpu_now() - t0, k = kernel_now() - k0;
        fmt::print("{:<34} {:7.2f} s  {:7.1f} MB/s  ({} claims; {:.2f} s of it in the kernel)\n", "SQLite writes alone",
                   s, mb / s, claims, k);
    }
    if (stage("ingest")) {
        fs::path db = dir / "bench.db";
        double t0 = cpu_now(), k0 = kernel_now();
        auto w0 = std::chrono::steady_clock::now();
        ingest::IngestSummary summary;
        {
            // Opening the store and closing it (its last checkpoint) are part of an ingest.
            Store store(db.string());
            summary = ingest::ingest_paths(store, extractor, {(dir / "corpus").string()});
        }
        double s = cpu_now() - t0, k = kernel_now() - k0;
        double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
        fmt::print("{:<34} {:7.2f} s  {:7.1f} MB/s  ({} documents, {} claims, {:.1f} claims/KB; {:.2f} s in the kernel)\n",
                   "full ingest (SQLite)", s, mb / s, summary.documents_added, summary.claims_added,
                   static_cast<double>(summary.claims_added) / (mb * 1000), k);
        // Extraction and writes overlap on two threads: the time a user waits.
        fmt::print("{:<34} {:7.2f} s  {:7.1f} MB/s  (wall clock, extraction and writes overlapping)\n",
                   "full ingest, elapsed", wall, mb / wall);
    }
    fmt::print("CPU time of one core; targets: entities >= 20 MB/s, full ingest >= 10 MB/s\n");
    return 0;
}
