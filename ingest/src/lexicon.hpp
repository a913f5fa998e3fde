// Data the recognizer reads: the gazetteer of known entities and the lexicon of
// head nouns, roles and stop words. Both are JSON data files, loaded once.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "chipgraph/core/ontology.hpp"
#include "chipgraph/ingest/tokenizer.hpp"
#include "fixed_words.hpp"

namespace chipgraph::ingest {

// Folded token sequences with a payload, matched longest-first at a token position.
template <typename Payload>
class PhraseTable {
public:
    struct Entry {
        std::vector<std::string> words;
        Payload payload;
    };
    void add(std::vector<std::string> words, Payload payload) {
        if (words.empty()) return;
        auto& bucket = by_first_[words.front()];
        bucket.push_back({std::move(words), std::move(payload)});
        // Longest phrases first, so the first hit is the longest match.
        std::stable_sort(bucket.begin(), bucket.end(),
                         [](const Entry& a, const Entry& b) { return a.words.size() > b.words.size(); });
    }
    // Every entry whose words match tokens[i...], longest first.
    template <typename Accept>
    const Entry* match(const std::vector<Token>& tokens, std::size_t i, Accept&& accept) const {
        auto it = by_first_.find(tokens[i]);
        if (it == by_first_.end()) return nullptr;
        for (const auto& e : it->second) {
            if (i + e.words.size() > tokens.size()) continue;
            bool ok = true;
            for (std::size_t k = 1; k < e.words.size() && ok; ++k) ok = tokens[i + k].folded == e.words[k];
            if (ok && accept(e)) return &e;
        }
        return nullptr;
    }
    const Entry* match(const std::vector<Token>& tokens, std::size_t i) const {
        return match(tokens, i, [](const Entry&) { return true; });
    }
    bool empty() const { return by_first_.empty(); }

private:
    WordMap<std::vector<Entry>> by_first_;
};

// Folded words of a phrase, tokenized like document text.
std::vector<std::string> phrase_words(std::string_view phrase);

struct GazetteerEntry {
    std::string name;  // canonical English name
    EntityType type = EntityType::organization;
    std::string kind;     // places: country, city, region; organizations: media, ...
    std::string country;  // canonical name of the country it belongs to
    std::string maker;    // products: canonical name of the maker
    std::string demonym;  // places: English adjective ("Chinese"), for descriptive names
    std::vector<std::string> aliases;
};

// How an alias must be written in the text to count.
enum class CaseRule { any, capitalized, exact };

struct AliasRef {
    std::size_t entry = 0;
    CaseRule case_rule = CaseRule::any;
    std::string surface;          // the alias as written in the gazetteer
    std::vector<bool> capitalized;  // per word: must be capitalized in the text too
};

class Gazetteer {
public:
    // Loads a gazetteer file; later files add entries and aliases. Throws DataFileError.
    void load(const std::string& path);

    const std::vector<GazetteerEntry>& entries() const { return entries_; }
    const PhraseTable<AliasRef>& aliases() const { return aliases_; }
    // Place entry for a demonym ("singapourienne", "Chinese").
    std::optional<std::size_t> demonym(const std::string& folded) const;
    std::optional<std::size_t> demonym(const Token& token) const;
    std::optional<std::size_t> find(const std::string& name) const;
    // True when the gazetteer lists products this organization makes.
    bool is_maker(const std::string& name) const { return makers_.count(name) > 0; }
    // The "<country> government" entry of a country, when the gazetteer has one.
    std::optional<std::size_t> government_of(const std::string& country) const;

private:
    std::size_t add_entry(GazetteerEntry entry);
    std::vector<GazetteerEntry> entries_;
    std::unordered_map<std::string, std::size_t> by_name_;  // folded canonical name
    PhraseTable<AliasRef> aliases_;
    WordMap<std::size_t> demonyms_;
    std::unordered_map<std::string, std::size_t> governments_;
    std::unordered_set<std::string> makers_;
};

// What kind of actor a head noun names.
enum class HeadClass { organization, subsidiary, parent, facility, servers, cluster, group, chips, government };

struct HeadInfo {
    HeadClass cls = HeadClass::organization;
    bool plural = false;
    std::string english;  // English head for descriptive names: "company", "data center"
};

class Lexicon {
public:
    void load(const std::string& path);  // throws DataFileError

    // Org, facility, group, chip and government heads, per language ("importer" is a
    // French verb, "fonds" is French money as often as a fund).
    PhraseTable<HeadInfo> heads_fr, heads_en;
    const PhraseTable<HeadInfo>& heads(bool french) const { return french ? heads_fr : heads_en; }
    PhraseTable<std::string> person_roles;  // "ancien mineur de bitcoins", "CEO"
    FixedWords role_words;  // folded content words of person roles
    FixedWords person_titles;
    FixedWords org_suffixes;  // folded
    FixedWords stop_capitalized;  // folded sentence-initial words
    FixedWords given_names;  // folded first names, and family names written first (Chen, Tan)
    FixedWords org_name_starts;  // folded first words of company names ("Banque X")
};

}  // namespace chipgraph::ingest
