#include "chipgraph/ingest/extractor.hpp"

#include <cstdlib>
#include <filesystem>

#include "lexicon.hpp"
#include "recognizer.hpp"
#include "relations.hpp"
#include "rules.hpp"

namespace chipgraph::ingest {

struct Extractor::Impl {
    Gazetteer gazetteer;
    Lexicon lexicon;
    Stemmer stemmer;
    RuleSet rules;
    std::unique_ptr<Recognizer> recognizer;
    std::unique_ptr<RelationExtractor> relations;
};

Extractor::Extractor(const ExtractorConfig& config) : impl_(std::make_unique<Impl>()) {
    namespace fs = std::filesystem;
    const std::string dir = config.data_dir.empty() ? default_data_dir() : config.data_dir;
    impl_->gazetteer.load((fs::path(dir) / "gazetteer.json").string());
    for (const auto& g : config.gazetteers) impl_->gazetteer.load(g);
    impl_->lexicon.load((fs::path(dir) / "lexicon.json").string());
    for (const char* pack : {"fr.json", "en.json"}) impl_->rules.load((fs::path(dir) / "rules" / pack).string(), impl_->stemmer);
    for (const auto& r : config.rule_packs) impl_->rules.load(r, impl_->stemmer);
    impl_->recognizer = std::make_unique<Recognizer>(impl_->gazetteer, impl_->lexicon);
    impl_->relations = std::make_unique<RelationExtractor>(impl_->rules, impl_->stemmer);
}

Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

Extraction Extractor::extract(const Document& doc) const {
    Analysis analysis = impl_->recognizer->analyze(doc);
    impl_->relations->extract(analysis);
    return std::move(analysis.extraction);
}

std::string default_data_dir() {
    if (const char* env = std::getenv("CHIPGRAPH_DATA")) return env;
    return CHIPGRAPH_DATA_DIR;
}

}  // namespace chipgraph::ingest
