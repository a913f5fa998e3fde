#include "chipgraph/ingest/extractor.hpp"

#include <fmt/format.h>

#include <cstdio>
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

namespace {

// Prints each sentence with its recognized mentions in brackets (CHIPGRAPH_TRACE=1).
void trace(const Analysis& a) {
    const std::string_view text = *a.text;
    for (const auto& s : a.sentences) {
        auto words = [&](std::size_t b, std::size_t e) {
            return text.substr(s.tokens[b].start, s.tokens[e - 1].end - s.tokens[b].start);
        };
        std::string line;
        auto out = std::back_inserter(line);
        std::size_t t = 0;
        for (const auto& m : s.mentions) {
            if (m.begin < t) continue;
            for (; t < m.begin; ++t) fmt::format_to(out, "{} ", words(t, t + 1));
            const auto& e = a.extraction.entities[m.entity];
            fmt::format_to(out, "[{} ={}:{}{}] ", words(m.begin, m.end), std::string_view(to_string(e.type)).substr(0, 3),
                           e.name, m.anaphor ? "*" : "");
            t = m.end;
        }
        for (; t < s.tokens.size(); ++t) fmt::format_to(out, "{} ", words(t, t + 1));
        std::fprintf(stderr, "| %s\n", line.c_str());
    }
}

}  // namespace

Extraction Extractor::extract(const Document& doc) const {
    Analysis analysis = impl_->recognizer->analyze(doc);
    if (std::getenv("CHIPGRAPH_TRACE")) trace(analysis);
    impl_->relations->extract(analysis);
    return std::move(analysis.extraction);
}

Extraction Extractor::recognize(const Document& doc) const {
    return std::move(impl_->recognizer->analyze(doc).extraction);
}

std::string default_data_dir() {
    if (const char* env = std::getenv("CHIPGRAPH_DATA")) return env;
    return CHIPGRAPH_DATA_DIR;
}

}  // namespace chipgraph::ingest
