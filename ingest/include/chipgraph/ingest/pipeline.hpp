// Ingest pipeline: readers -> language detection -> extractor on the calling thread, then
// the store on a writer thread of its own, documents in order.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chipgraph/core/store.hpp"
#include "chipgraph/ingest/extractor.hpp"
#include "chipgraph/ingest/reader.hpp"

namespace chipgraph::ingest {

struct IngestSummary {
    long documents_added = 0, documents_replaced = 0, documents_unchanged = 0;
    long entities_added = 0, claims_added = 0;
    std::size_t bytes = 0;
    std::vector<InputIssue> skipped;   // inputs not ingested, with the reason
    std::vector<InputIssue> warnings;  // ingested with a remark
};

struct WriteOptions {
    // Documents per transaction (a transaction also ends after half a second). Larger
    // batches write the pages that every document touches (index pages) fewer times: 256
    // take 8 % less CPU per ingest than 64. An interruption loses the open batch, which
    // the next run ingests again.
    int batch_documents = 256;
};

// Ingests every document under `paths`; `on_issue` (optional) sees each problem as it happens.
IngestSummary ingest_paths(Store& store, const Extractor& extractor, const std::vector<std::string>& paths,
                           const std::function<void(const InputIssue&, bool skipped)>& on_issue = {},
                           const ReadOptions& options = {}, const WriteOptions& writing = {});

}  // namespace chipgraph::ingest
