// Sentence splitting and tokenization for French and English news text.
//
// Offsets are byte offsets into the document text, half-open. Tokens keep a folded form
// (lowercase, no accents, straight apostrophe) used by every matcher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::ingest {

struct Span {
    std::size_t start = 0, end = 0;
};

// Splits on sentence-final punctuation and on line breaks. Survives abbreviations
// ("M.", "U.S.", "Inc.", "etc."), initials, decimal numbers ("3,4", "2.5") and closing
// quotes; also splits run-together sentences ("question.Le groupe") that scraped text has.
std::vector<Span> split_sentences(std::string_view text);

enum TokenFlags : unsigned {
    kCapitalized = 1u << 0,  // first letter uppercase
    kAllCaps = 1u << 1,      // every letter uppercase (and at least two letters)
    kNumber = 1u << 2,       // starts with a digit
    kPunct = 1u << 3,        // no letter or digit
    kElision = 1u << 4,      // French elided article/pronoun: l' d' qu' n' s' ...
    kHasDigit = 1u << 5,
    kMixedCase = 1u << 6,    // uppercase after the first letter: iFlytek, SenseTime
};

// The hash that word sets look words up by (FNV-1a, folded to 32 bits), never 0.
inline std::uint32_t word_hash(std::string_view w) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : w) h = (h ^ c) * 1099511628211ULL;
    const auto folded = static_cast<std::uint32_t>(h ^ (h >> 32));
    return folded ? folded : 1;
}

struct Token {
    std::size_t start = 0, end = 0;  // in the document text
    std::string folded;              // lowercase, accent-free, "'" apostrophe
    unsigned flags = 0;
    // word_hash(folded), computed once by the tokenizer for the many word-set lookups of
    // each token; 0 when not computed (a token built by hand).
    std::uint32_t hash = 0;
    bool is(unsigned f) const { return (flags & f) != 0; }
};

// Tokenizes `text[span]`. Words keep internal hyphens, periods and apostrophes
// ("AI-Galaxy", "io.net", "U.S.", "aujourd'hui"); French elisions ("l'", "d'", "qu'",
// with ' or ’) and English possessive "'s" become tokens of their own; a number with
// thousands separated by spaces ("40 000") or decimals ("3,4") is one token.
std::vector<Token> tokenize(std::string_view text, Span span);

}  // namespace chipgraph::ingest
