// The extractor: one document in, entities, mentions and claims out.
//
// It runs the stages in order: sentence splitting, tokenization, entity recognition
// (gazetteer, name patterns, unnamed actors, coreference), then relation rule packs.
// Data files (gazetteer, lexicon, rule packs) are loaded once at construction.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"

namespace chipgraph::ingest {

struct ExtractorConfig {
    std::string data_dir;                  // where gazetteer.json, lexicon.json, rules/ live; "" = built-in path
    std::vector<std::string> gazetteers;   // extra gazetteer files (users' own entities)
    std::vector<std::string> rule_packs;   // extra rule packs, applied after the shipped ones
};

// Thrown when a data file is missing or malformed; the message names the file and the entry.
class DataFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Extractor {
public:
    explicit Extractor(const ExtractorConfig& config = {});
    ~Extractor();
    Extractor(Extractor&&) noexcept;
    Extractor& operator=(Extractor&&) noexcept;

    // `doc.language` must be set ("fr" or "en"; others get a warning and best effort).
    Extraction extract(const Document& doc) const;
    // Entities and mentions only (no relation rules): for tools and benchmarks.
    Extraction recognize(const Document& doc) const;

    // Extractor name and version, stored with the claims it makes.
    static constexpr const char* kVersion = "chipgraph-rules/1";

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Default data directory: $CHIPGRAPH_DATA, else the one next to the sources at build time.
std::string default_data_dir();

}  // namespace chipgraph::ingest
