#include "chipgraph/ingest/pipeline.hpp"

#include <fmt/format.h>

namespace chipgraph::ingest {

IngestSummary ingest_paths(Store& store, const Extractor& extractor, const std::vector<std::string>& paths,
                           const std::function<void(const InputIssue&, bool)>& on_issue,
                           const ReadOptions& options) {
    IngestSummary summary;
    auto report = [&](const InputIssue& issue, bool skipped) {
        (skipped ? summary.skipped : summary.warnings).push_back(issue);
        if (on_issue) on_issue(issue, skipped);
    };
    ReadCallbacks callbacks;
    callbacks.on_skipped = [&](const InputIssue& issue) { report(issue, true); };
    callbacks.on_warning = [&](const InputIssue& issue) { report(issue, false); };
    callbacks.on_document = [&](Document&& doc) {
        summary.bytes += doc.text.size();
        if (store.has_document(doc.source, content_hash(doc.text))) {
            ++summary.documents_unchanged;
            return;
        }
        if (auto other = store.source_with_hash(content_hash(doc.text)); other && *other != doc.source)
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
        IngestResult r = store.ingest(doc, extraction);
        switch (r.outcome) {
            case IngestOutcome::added: ++summary.documents_added; break;
            case IngestOutcome::replaced: ++summary.documents_replaced; break;
            case IngestOutcome::unchanged: ++summary.documents_unchanged; break;
        }
        summary.entities_added += r.entities_added;
        summary.claims_added += r.claims_added;
    };
    read_inputs(paths, callbacks, options);
    return summary;
}

}  // namespace chipgraph::ingest
