#include "chipgraph/ingest/pipeline.hpp"

#include <fmt/format.h>

#include <chrono>

namespace chipgraph::ingest {

IngestSummary ingest_paths(Store& store, const Extractor& extractor, const std::vector<std::string>& paths,
                           const std::function<void(const InputIssue&, bool)>& on_issue,
                           const ReadOptions& options) {
    IngestSummary summary;
    auto report = [&](const InputIssue& issue, bool skipped) {
        (skipped ? summary.skipped : summary.warnings).push_back(issue);
        if (on_issue) on_issue(issue, skipped);
    };
    // Commit every few dozen documents or half a second, whichever comes first: a batch
    // holds whole documents only, and readers see progress.
    using Clock = std::chrono::steady_clock;
    auto batch_started = Clock::now();
    int in_batch = 0;
    struct BatchGuard {
        Store& store;
        ~BatchGuard() {
            try {
                store.commit_batch();
            } catch (...) {
            }
        }
    } guard{store};
    ReadCallbacks callbacks;
    callbacks.on_skipped = [&](const InputIssue& issue) { report(issue, true); };
    callbacks.on_warning = [&](const InputIssue& issue) { report(issue, false); };
    callbacks.on_document = [&](Document&& doc) {
        summary.bytes += doc.text.size();
        const std::string hash = content_hash(doc.text);
        if (store.has_document(doc.source, hash)) {
            ++summary.documents_unchanged;
            return;
        }
        if (auto other = store.source_with_hash(hash); other && *other != doc.source)
            report({doc.source, 0, fmt::format("same text as {}: ingested again under its own name", *other)}, false);
        if (doc.language.empty()) doc.language = detect_language(doc.text);
        if (doc.language != "fr" && doc.language != "en")
            report({doc.source, 0,
                    doc.language.empty() ? std::string("language not recognized; extracted with the English rules")
                                         : fmt::format("language '{}' is not supported; extracted with the "
                                                       "English rules",
                                                       doc.language)},
                   false);
        Extraction extraction = extractor.extract(doc);
        for (const auto& w : extraction.warnings) report({doc.source, 0, w}, false);
        if (!store.in_batch()) {
            store.begin_batch();
            batch_started = Clock::now();
            in_batch = 0;
        }
        IngestResult r = store.ingest(doc, extraction);
        if (++in_batch >= 64 || Clock::now() - batch_started > std::chrono::milliseconds(500)) store.commit_batch();
        switch (r.outcome) {
            case IngestOutcome::added: ++summary.documents_added; break;
            case IngestOutcome::replaced: ++summary.documents_replaced; break;
            case IngestOutcome::unchanged: ++summary.documents_unchanged; break;
        }
        summary.entities_added += r.entities_added;
        summary.claims_added += r.claims_added;
    };
    read_inputs(paths, callbacks, options);
    store.commit_batch();
    return summary;
}

}  // namespace chipgraph::ingest
