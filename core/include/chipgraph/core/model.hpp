// Plain data that flows between the modules: documents, what an extractor finds in
// one document, and the graph data read back from the store for queries and exports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chipgraph/core/ontology.hpp"
#include "chipgraph/core/shared_text.hpp"

namespace chipgraph {

// One article, as a reader produced it. `text` is valid NFC UTF-8; every offset
// elsewhere is a byte offset into it (half-open ranges).
struct Document {
    std::string source;     // path, path#line for JSON lines, or URL
    std::string title;
    std::string url;
    std::string published;  // ISO date (YYYY-MM-DD or YYYY-MM) when known
    std::string language;   // "fr", "en", or "" before detection
    std::string text;
};

struct Qualifier {
    std::string key;  // quantity, price, date, product, ...
    std::string value;
};

// ---- What an extractor returns for one document (document-local indices) ----

struct ExtractedEntity {
    std::string name;  // canonical name (gazetteer) or descriptive name for unnamed actors
    EntityType type = EntityType::organization;
    bool unnamed = false;
    std::vector<std::string> aliases;  // surface forms seen in the text
};

struct ExtractedMention {
    int entity = -1;  // index into Extraction::entities
    std::size_t start = 0, end = 0;
};

struct ExtractedClaim {
    int subject = -1, object = -1;  // indices into Extraction::entities
    std::string predicate;
    std::size_t sentence_start = 0, sentence_end = 0;  // the evidence sentence
    std::size_t start = 0, end = 0;                    // the words that carry the claim
    std::string rule;                                  // rule or method id
    double confidence = 0.0;
    ClaimStatus status = ClaimStatus::asserted;
    std::string attribution;  // who says it, when the text names them
    std::vector<Qualifier> qualifiers;
};

struct Extraction {
    std::vector<ExtractedEntity> entities;
    std::vector<ExtractedMention> mentions;
    std::vector<ExtractedClaim> claims;
    std::vector<std::string> warnings;  // e.g. "language not supported: de"
    // The original report this article retells ("The Wall Street Journal"), when it says
    // so; articles retelling the same report count as one source.
    std::string origin;
};

// ---- Graph data read back from the store ----
//
// The texts that many records repeat (documents, dates, sentences, predicates, rules) are
// SharedText: one buffer for all the records that name it.

using EntityId = std::int64_t;
using ClaimId = std::int64_t;
using DocumentId = std::int64_t;

struct EntityRecord {
    EntityId id = 0;
    std::string name;
    EntityType type = EntityType::organization;
    bool unnamed = false;
    std::vector<std::string> aliases;
    std::vector<SharedText> documents;  // document sources that mention it, sorted
    int mention_count = 0;
};

struct ClaimRecord {
    ClaimId id = 0;
    EntityId subject = 0, object = 0;
    SharedText predicate;
    SharedText document;  // document source
    SharedText document_date;
    SharedText sentence;
    std::size_t start = 0, end = 0;  // evidence span, byte offsets in the document text
    SharedText rule;
    double confidence = 0.0;
    ClaimStatus status = ClaimStatus::asserted;
    SharedText attribution;
    std::vector<Qualifier> qualifiers;
    // Claims whose documents retell the same report share a source group; corroboration
    // counts groups, not documents.
    std::int64_t source_group = 0;
};

// All claims with the same (subject, predicate, object): one graph edge.
struct EdgeRecord {
    EntityId subject = 0, object = 0;
    SharedText predicate;
    std::vector<std::size_t> claims;  // indices into GraphData::claims
    int document_count = 0;
    int independent_sources = 0;
    double best_confidence = 0.0;
    double combined_confidence = 0.0;  // 1 - prod(1 - c) over independent sources
    SharedText first_date, last_date;
};

struct GraphData {
    std::vector<EntityRecord> entities;
    std::vector<ClaimRecord> claims;
    std::vector<EdgeRecord> edges;  // filled by aggregate_edges()
};

// Groups claims into edges, sorted by (subject, predicate, object). Deterministic.
void aggregate_edges(GraphData& data);

}  // namespace chipgraph
