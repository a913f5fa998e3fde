// The analysed document that the recognizer builds and the relation stage reads:
// sentences, tokens, entity mentions over tokens, and what each entity's noun phrase said.
#pragma once

#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"
#include "chipgraph/ingest/tokenizer.hpp"
#include "lexicon.hpp"

namespace chipgraph::ingest {

// A mention of an entity over tokens [begin, end) of one sentence.
struct TokenMention {
    std::size_t begin = 0, end = 0;
    int entity = -1;
    bool anaphor = false;  // pronoun, "la société", "qui": resolved to an antecedent
    std::vector<int> also;  // coordinated actors the phrase also names ("investors in the US and Dubai")
};

struct Sentence {
    Span span;
    std::vector<Token> tokens;
    std::vector<TokenMention> mentions;  // sorted by begin, non-overlapping
};

// What the recognizer knows about an entity beyond its name.
struct EntityInfo {
    bool has_head = false;  // found as a noun phrase with a head noun ("une société ...")
    HeadClass head = HeadClass::organization;
    int gazetteer = -1;     // gazetteer entry, for named entities found there
};

struct Analysis {
    std::string language;
    bool french = false;  // language == "fr", which the rules ask at every word
    const std::string* text = nullptr;
    std::vector<Sentence> sentences;
    Extraction extraction;        // entities, mentions, and the claims found so far
    std::vector<EntityInfo> info;  // parallel to extraction.entities
};

}  // namespace chipgraph::ingest
