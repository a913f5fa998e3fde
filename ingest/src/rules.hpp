// Relation rule packs: token patterns in the style of spaCy's Matcher, loaded from JSON.
//
// A pattern is a list of elements matched against the units of a sentence, where a unit
// is either a recognized entity mention or a plain token. Element keys:
//   ENT_TYPE  entity label(s): PERSON ORG GOV FACILITY PRODUCT PLACE INSTRUMENT GROUP ANY
//   SLOT      "subject" | "object" (the claim's ends) or "product" (a qualifier)
//   LOWER     folded word(s), case- and accent-insensitive: "loue", {"IN": [...]}, {"NOT_IN": [...]}
//   LEMMA     word(s) compared by Snowball stem: "louer" matches loue/louent/loué/louant
//   TEXT      exact surface text
//   IS_PUNCT, IS_TITLE, LIKE_NUM, IS_SENT_START   booleans (IS_SENT_START: first word of the
//             sentence, after any opening punctuation)
//   OP        "?", "*", "+", "!" or a bounded repeat "{n,m}"; an element with no other key
//             is a wildcard, so {"OP": "{0,5}"} is a gap of up to five units
// See docs/rules.md for the full reference.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "chipgraph/core/ontology.hpp"
#include "fixed_words.hpp"

struct sb_stemmer;

namespace chipgraph::ingest {

// Snowball stems for French and English, with the French third-person plural folded in.
class Stemmer {
public:
    Stemmer();
    ~Stemmer();
    Stemmer(const Stemmer&) = delete;
    Stemmer& operator=(const Stemmer&) = delete;
    // Stem of a folded word in `language` ("fr" or anything else for English).
    std::string stem(const std::string& folded, const std::string& language) const;

private:
    sb_stemmer* fr_ = nullptr;
    sb_stemmer* en_ = nullptr;
};

enum class Slot { none, subject, object, product };

struct WordSet {
    std::unordered_set<std::string, WordKeyHash, WordKeyEqual> values;
    bool negate = false;
    bool empty() const { return values.empty() && !negate; }
    bool contains(const std::string& v) const { return (values.count(v) > 0) != negate; }
    bool contains(const Token& t) const { return (values.find(t) != values.end()) != negate; }
};

struct PatternElement {
    std::vector<EntityType> ent_types;  // matches entity units when non-empty
    bool any_entity = false;
    WordSet lower, lemma_stems_fr, lemma_stems_en, text;
    std::optional<bool> is_punct, is_title, like_num, is_sent_start;
    Slot slot = Slot::none;
    int min = 1, max = 1;  // repetition
    bool negated = false;  // OP "!"
    bool is_wildcard = false;  // no constraint at all (set by finish())
    bool wildcard() const { return is_wildcard; }
    void finish() {
        is_wildcard = ent_types.empty() && !any_entity && lower.empty() && lemma_stems_fr.empty() && text.empty() &&
                      !is_punct && !is_title && !like_num && !is_sent_start;
    }
    // A word this element needs to see in the sentence (LOWER or LEMMA, not optional).
    bool required_literal() const { return min >= 1 && !negated && (!lower.empty() || !lemma_stems_fr.empty()); }
};

struct Rule {
    std::string id;
    std::string predicate;
    std::string language;  // "fr", "en" or "" for both
    double confidence = 0.7;
    std::vector<PatternElement> pattern;
};

// Where a word is required: rule index and the bit of its required element.
struct Requirement {
    std::size_t rule = 0;
    std::uint64_t bit = 0;
};

class RuleSet {
public:
    // Loads a pack; throws DataFileError naming the file and the faulty rule.
    void load(const std::string& path, const Stemmer& stemmer);
    const std::vector<Rule>& rules() const { return rules_; }

    // Indices of the rules worth trying on a sentence, in rule order: those whose every
    // required word (LOWER or LEMMA element that must occur) is among the sentence's words
    // or stems. An index from words to rules makes this one lookup per token instead of
    // one per rule value.
    std::vector<std::uint32_t> viable(const std::vector<Token>& words, const std::vector<const std::string*>& stems,
                                      bool french) const;

private:
    void index();
    std::vector<Rule> rules_;
    std::vector<std::uint64_t> required_;  // per rule: bits of its required elements
    std::vector<std::uint32_t> always_viable_;  // rules that require no word
    WordMap<std::vector<Requirement>> by_word_, by_stem_fr_, by_stem_en_;
};

}  // namespace chipgraph::ingest
