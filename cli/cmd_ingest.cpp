// `chipgraph ingest PATH...`: read articles, extract claims, store them.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "app.hpp"
#include "chipgraph/ingest/pipeline.hpp"

namespace chipgraph::cli {

namespace {

namespace fs = std::filesystem;

struct IngestOptions {
    std::vector<std::string> paths;
    bool quiet = false;
    ingest::WriteOptions writing;
};

std::string describe(const ingest::InputIssue& issue) {
    if (issue.line > 0) return fmt::format("{}:{}: {}", issue.source, issue.line, issue.message);
    return fmt::format("{}: {}", issue.source, issue.message);
}

int run_ingest(const GlobalOptions& opts, const IngestOptions& io) {
    ingest::ExtractorConfig config;
    config.gazetteers = opts.gazetteers;
    config.rule_packs = opts.rules;
    ingest::Extractor extractor(config);  // data files first: a broken one stops before the store is touched
    // A mistyped path should not leave a new empty database behind.
    std::error_code ec;
    if (std::none_of(io.paths.begin(), io.paths.end(), [&](const std::string& p) { return fs::exists(p, ec); })) {
        for (const auto& p : io.paths) std::cerr << fmt::format("skipped: {}: no such file or directory\n", p);
        std::cerr << "chipgraph: nothing to ingest; the store was not opened\n";
        return kExitFatal;
    }
    Store store(opts.db);
    auto summary = ingest::ingest_paths(
        store, extractor, io.paths,
        [&](const ingest::InputIssue& issue, bool skipped) {
            if (!io.quiet || skipped) std::cerr << (skipped ? "skipped: " : "warning: ") << describe(issue) << "\n";
        },
        {}, io.writing);
    auto st = store.stats();
    std::cout << fmt::format(
        "ingested {} documents ({} new, {} replaced, {} unchanged), {:.1f} KB\n"
        "added {} entities and {} claims; the store now holds {} documents, {} entities, {} claims\n",
        summary.documents_added + summary.documents_replaced + summary.documents_unchanged, summary.documents_added,
        summary.documents_replaced, summary.documents_unchanged, summary.bytes / 1024.0, summary.entities_added,
        summary.claims_added, st.documents, st.entities, st.claims);
    if (!summary.skipped.empty()) {
        std::cout << fmt::format("skipped {} inputs:\n", summary.skipped.size());
        for (const auto& s : summary.skipped) std::cout << "  " << describe(s) << "\n";
    }
    if (!summary.warnings.empty()) std::cout << fmt::format("{} warnings (see above)\n", summary.warnings.size());
    if (summary.skipped.empty()) return kExitOk;
    bool nothing = summary.documents_added + summary.documents_replaced + summary.documents_unchanged == 0;
    return nothing ? kExitFatal : kExitPartial;
}

}  // namespace

void register_ingest_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {
    auto io = std::make_shared<IngestOptions>();
    auto* cmd = app.add_subcommand("ingest", "Read articles (files or folders) and store what they say");
    cmd->add_option("paths", io->paths, "Files or folders (.txt .md .markdown .html .htm .xhtml .jsonl .ndjson .json)")
        ->required();
    cmd->add_option("--gazetteer", opts.gazetteers, "Extra gazetteer file (JSON), repeatable")
        ->check(CLI::ExistingFile);
    cmd->add_option("--rules", opts.rules, "Extra rule pack (JSON), repeatable")->check(CLI::ExistingFile);
    cmd->add_flag("-q,--quiet", io->quiet, "Only report skipped inputs, not warnings");
    cmd->add_option("--batch", io->writing.batch_documents,
                    "Documents per transaction (also committed every half second); an interruption loses "
                    "at most the open one")
        ->default_val(io->writing.batch_documents)
        ->check(CLI::Range(1, 100000));
    cmd->footer(
        "Exit status: 0 every input ingested, 1 some inputs skipped (listed), 2 fatal error.\n"
        "Re-ingesting an unchanged document changes nothing; a changed one replaces its claims.");
    cmd->callback([&opts, &run, io] { run = [&opts, io] { return run_ingest(opts, *io); }; });
}

}  // namespace chipgraph::cli
