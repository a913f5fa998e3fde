// Entity recognition: gazetteer names, unknown names from their shape and context,
// unnamed actors from noun phrases ("une société basée à Pékin"), and light
// coreference (surnames, "la société", pronouns, possessives, relative "qui").
#pragma once

#include <string_view>

#include "analysis.hpp"
#include "lexicon.hpp"

namespace chipgraph::ingest {

class Recognizer {
public:
    Recognizer(const Gazetteer& gazetteer, const Lexicon& lexicon) : gaz_(gazetteer), lex_(lexicon) {}

    // Splits, tokenizes and finds every entity mention of `doc`. Claims implied by
    // noun phrases themselves (located_in, affiliated_with, uses, produces...) are
    // added to the extraction with rule ids starting "np.".
    Analysis analyze(const Document& doc) const;

private:
    const Gazetteer& gaz_;
    const Lexicon& lex_;
};

// A claim of sentence `s` whose evidence is bytes [start, end) of the document text.
ExtractedClaim make_claim(const Sentence& s, int subject, std::string_view predicate, int object, std::size_t start,
                          std::size_t end, std::string_view rule, double confidence);

// Records a claim whose evidence is tokens [begin, end) of sentence `s`.
void add_claim(Analysis& a, std::size_t s, int subject, const std::string& predicate, int object,
               std::size_t begin, std::size_t end, const std::string& rule, double confidence);

}  // namespace chipgraph::ingest
