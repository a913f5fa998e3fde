#include "relations.hpp"

#include "recognizer.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "chipgraph/core/text.hpp"
#include "fixed_words.hpp"

namespace chipgraph::ingest {

using namespace std::string_view_literals;  // token == "word"sv: no strlen, no call

namespace {

using Words = FixedWords;

const Words kPrepositions = {"de",     "d'",      "du",     "a",       "au",   "aux",     "par",   "sur",
                             "dans",   "en",      "pour",   "avec",    "of",   "by",      "in",    "on",
                             "at",     "for",     "with",   "from",    "to",   "vers",    "chez",  "entre",
                             "contre", "against", "malgre", "despite", "sans", "without", "via",   "selon",
                             "envers", "about",   "toward", "towards", "into", "onto",    "among", "parmi"};
const Words kDeterminers = {"le", "la", "les", "l'", "un", "une", "the", "a", "an", "ce", "cette", "ces"};
const Words kSingularIndefinite = {"un", "une", "a", "an"};
const Words kCoordination = {"et", "and", "ou", "or", ","};
// Words that open a list of examples: "des puces avancées comme les H100".
const Words kListIntro = {"comme",      "notamment",        "including", "such", "compris",
                          "especially", "particulierement", "surtout",   "dont"};
const Words kNegation = {"pas", "plus", "jamais", "aucun",   "aucune", "guere", "nullement",
                         "not", "n't",  "never",  "neither", "nor",    "sans",  "without"};
const Words kDenial = {"nie",    "nient", "dementi", "dement",  "dementent", "denied",
                       "denies", "deny",  "refute",  "refuted", "rejected"};
// "des contrôles qui empêchent les entreprises de vendre": the sale does not happen (but
// the prevention is itself the restriction).
const Words kPrevention = {"empechent",  "empeche",     "empecher", "empechant", "prevent", "prevents",  "prevented",
                           "preventing", "interdisent", "bar",      "barred",    "bars",    "prohibits", "prohibit"};
const Words kAlleged = {"presume",    "presumee",    "presumes",     "presumees",   "presumement", "soupconne",
                        "soupconnee", "soupconnes",  "pretendument", "supposement", "accuse",      "accusee",
                        "accuses",    "allegedly",   "alleged",      "reportedly",  "purportedly", "suspected",
                        "accused",    "apparemment", "may",          "might",       "could",       "possibly",
                        "probably",   "apparently",  "seemingly",    "rumored",     "rumoured"};
const Words kPredicted = {"will",     "plans",      "plan",      "planned",   "planning",   "intends",
                          "intend",   "expected",   "prevoit",   "prevoient", "prevu",      "prevue",
                          "envisage", "envisagent", "envisager", "projette",  "projettent", "sera",
                          "seront",   "va",         "vont",      "devrait",   "devraient",  "future",
                          "futur",    "bientot",    "soon",      "would",     "probable",   "likely"};
const Words kAttributionIntro = {"selon", "according", "d'apres"};
const Words kUnitWords = {
    "serveurs",    "servers",    "serveur", "server", "puces",         "chips",        "gpu",        "gpus",
    "processeurs", "processors", "cartes",  "cards",  "accelerateurs", "accelerators", "unites",     "units",
    "machines",    "racks",      "disques", "drives", "valises",       "suitcases",    "teraoctets", "terabytes",
    "to",          "tb",         "noeuds",  "nodes",  "systemes",      "systems"};
const Words kCurrency = {"dollars", "dollar", "$",       "usd",     "euros",    "euro", "€",   "yuan",
                         "yuans",   "rmb",    "ringgit", "dirhams", "bitcoins", "btc",  "usdt"};
const Words kQuantityLead = {"plus",   "more",    "over", "environ", "about", "around", "pres", "nearly",
                             "almost", "quelque", "some", "moins",   "less",  "fewer",  "au",   "at"};
const Words kMonths = {"janvier",   "fevrier", "mars",     "avril",    "mai",       "juin",     "juillet",  "aout",
                       "septembre", "octobre", "novembre", "decembre", "january",   "february", "march",    "april",
                       "may",       "june",    "july",     "august",   "september", "october",  "november", "december"};

bool in(const Words& set, std::string_view w) { return set.contains(w); }
bool in(const Words& set, const Token& t) { return set.contains(t); }

// Articles a mention absorbs, so that rules need not spell them out.
const Words kArticlesFr = {"le",    "la",  "les", "l'", "un",  "une",  "ce",   "cet",
                           "cette", "ces", "son", "sa", "ses", "leur", "leurs"};
const Words kArticlesEn = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "that"};
bool is_article(bool french, const Token& t) {
    return in(french ? kArticlesFr : kArticlesEn, t);
}

bool is_year(const Token& t) {
    return t.folded.size() == 4 && (t.folded.compare(0, 2, "19") == 0 || t.folded.compare(0, 2, "20") == 0) &&
           std::all_of(t.folded.begin(), t.folded.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// French conditional (aurait, travaillerait) and future (fournira, construiront) endings.
bool french_conditional(const std::string& w) {
    auto ends = [&](std::string_view suffix) {
        return w.size() >= suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends("rait") || ends("raient");
}
bool french_future(const std::string& w) {
    auto ends = [&](std::string_view suffix) {
        return w.size() > suffix.size() + 3 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends("eront") || ends("iront") || ends("era") || ends("ira");
}

struct Unit {
    std::size_t begin = 0, end = 0;  // tokens
    int entity = -1;
    std::span<const int> also;  // the mention's other entities, in the sentence
};

struct Match {
    std::size_t first = 0, last = 0;              // units, inclusive
    int subject = -1, object = -1, product = -1;  // unit indices
    std::size_t anchor = 0;                       // first literal element's unit
    std::size_t anchor_element = 0;               // its index in the pattern
};

// Stems of the words seen so far, per language: stemming is the matcher's costliest step
// and a corpus keeps using the same words. One per thread, emptied between documents once
// it grows large (the matchers of a document point into it).
struct StemCache {
    WordMap<std::vector<std::string>> fr, en;
};
StemCache& stem_cache() {
    thread_local StemCache cache;
    if (cache.fr.size() + cache.en.size() > 200'000) cache = {};
    return cache;
}

class SentenceMatcher {
public:
    SentenceMatcher(const Analysis& a, const Sentence& s, const Stemmer& stemmer, StemCache& cache)
        : a_(a), s_(s), stemmer_(stemmer), cache_(cache) {
        std::size_t t = 0;
        auto m = s.mentions.begin();
        while (t < s.tokens.size()) {
            while (m != s.mentions.end() && m->end <= t) ++m;
            std::size_t article_end = t;
            while (article_end < s.tokens.size() && article_end - t < 2 &&
                   is_article(a.french, s.tokens[article_end]))
                ++article_end;
            if (m != s.mentions.end() && (m->begin == t || (m->begin == article_end && article_end > t))) {
                units_.push_back({t, m->end, m->entity, m->also});
                t = m->end;
            } else {
                units_.push_back({t, t + 1, -1, {}});
                ++t;
            }
        }
        stems_.assign(s.tokens.size(), nullptr);
    }

    // Leaves out the units of appositions ("iFlytek, une société ... en 2019, a loué"), so
    // that the name meets its verb; false if there were none.
    bool skip_appositions() { return drop_appositions(); }

    const std::vector<Unit>& units() const { return units_; }
    // Tokens the reading leaves out (appositions); empty when it keeps them all.
    const std::vector<bool>& dropped() const { return dropped_; }

    // The stems of the sentence's words, for RuleSet::viable().
    void collect_stems(std::vector<const std::string*>& stem_list) {
        for (std::size_t t = 0; t < s_.tokens.size(); ++t)
            for (const auto& st : stems(t)) stem_list.push_back(&st);
    }

    std::vector<Match> run(const Rule& rule) {
        std::vector<Match> found;
        // Most patterns open on an actor: no match starts on a word then.
        const PatternElement& head = rule.pattern.front();
        const bool head_is_actor =
            head.min == 1 && head.max == 1 && !head.negated && (head.any_entity || !head.ent_types.empty());
        for (std::size_t u = 0; u < units_.size(); ++u) {
            if (head_is_actor && units_[u].entity < 0) continue;
            Match m;
            m.first = u;
            m.anchor = SIZE_MAX;
            if (match_from(rule.pattern, 0, u, m) && !passive_mismatch(rule, m) && !seller_as_principal(rule, m))
                found.push_back(m);
        }
        // Of the matches that share a verb and their second actor, keep the one whose first
        // actor is nearest: "Puncak, founded by X, is owned by Y" -> Puncak, not X.
        std::map<std::pair<std::size_t, int>, Match> best;
        for (const auto& m : found) {
            auto key = std::make_pair(m.anchor, std::max(m.subject, m.object));
            auto it = best.find(key);
            if (it == best.end() || m.last - m.first < it->second.last - it->second.first) best[key] = m;
        }
        std::vector<Match> out;
        for (auto& [k, m] : best) out.push_back(m);
        return out;
    }

private:
    // Stems a token may stand for: English past and progressive forms are tried without
    // their ending too, since Snowball leaves "added" as "ad" and "shipped" as "shipp".
    const std::vector<std::string>& stems(std::size_t token) {
        auto& st = stems_[token];
        if (!st) {
            const bool french = a_.french;
            auto& cache = french ? cache_.fr : cache_.en;
            const Token& w = s_.tokens[token];
            auto it = cache.find(w);
            if (it == cache.end()) it = cache.emplace(w.folded, stems_of(w.folded, french)).first;
            st = &it->second;
        }
        return *st;
    }

    std::vector<std::string> stems_of(const std::string& w, bool french) const {
        const std::string lang = french ? "fr" : "en";
        std::vector<std::string> out{stemmer_.stem(w, lang)};
        if (french) return out;
        auto ends = [&](std::string_view suffix) {
            return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        std::vector<std::string> bases;
        if (ends("ed")) {
            std::string base = w.substr(0, w.size() - 2);
            bases = {base, w.substr(0, w.size() - 1)};
            if (base.size() > 2 && base[base.size() - 1] == base[base.size() - 2])
                bases.push_back(base.substr(0, base.size() - 1));
        } else if (ends("ing")) {
            std::string base = w.substr(0, w.size() - 3);
            bases = {base, base + "e"};
            if (base.size() > 2 && base[base.size() - 1] == base[base.size() - 2])
                bases.push_back(base.substr(0, base.size() - 1));
        }
        for (const auto& b : bases) out.push_back(stemmer_.stem(b, lang));
        return out;
    }

    bool element_matches(const PatternElement& el, std::size_t u) {
        const Unit& unit = units_[u];
        bool ok = true;
        if (!el.ent_types.empty() || el.any_entity) {
            if (unit.entity < 0) {
                ok = false;
            } else if (!el.any_entity) {
                EntityType t = a_.extraction.entities[unit.entity].type;
                ok = std::find(el.ent_types.begin(), el.ent_types.end(), t) != el.ent_types.end();
            }
        } else if (!el.wildcard()) {
            if (unit.entity >= 0) {
                ok = false;
            } else {
                const Token& tok = s_.tokens[unit.begin];
                if (!el.lower.empty()) ok = ok && el.lower.contains(tok);
                if (ok && !el.lemma_stems_fr.empty()) {
                    const auto& wanted = a_.french ? el.lemma_stems_fr : el.lemma_stems_en;
                    const auto& have = stems(unit.begin);
                    ok = std::any_of(have.begin(), have.end(),
                                     [&](const std::string& st) { return wanted.contains(st); });
                    // A verb is never right after an article: "les sanctions" is not "sanctionner".
                    if (ok && unit.begin > 0 && is_article(a_.french, s_.tokens[unit.begin - 1]) &&
                        s_.tokens[unit.begin - 1].folded != "l'"sv && s_.tokens[unit.begin - 1].folded != "leur"sv)
                        ok = false;
                }
                if (ok && !el.text.empty())
                    ok = el.text.contains(std::string(*a_.text, tok.start, tok.end - tok.start));
                if (ok && el.is_punct) ok = tok.is(kPunct) == *el.is_punct;
                if (ok && el.is_title) ok = tok.is(kCapitalized) == *el.is_title;
                if (ok && el.like_num) ok = tok.is(kNumber) == *el.like_num;
                if (ok && el.is_sent_start) {
                    bool first = true;  // only punctuation before: « Fondée en 2020 par ...
                    for (std::size_t t = 0; t < unit.begin && first; ++t) first = s_.tokens[t].is(kPunct);
                    ok = first == *el.is_sent_start;
                }
            }
        }
        return el.negated ? !ok : ok;
    }

    // An active pattern on a passive verb ("was funded by X") reads the roles backwards.
    bool passive_mismatch(const Rule& rule, const Match& m) const {
        if (m.anchor == SIZE_MAX || m.anchor + 1 >= units_.size()) return false;
        // "... to a broker called X - was settled in bitcoin", "X was paid in USDT": an actor
        // before a passive payment verb is paid, not the payer.
        if (rule.predicate == "pays_with"sv && m.subject >= 0 && static_cast<std::size_t>(m.subject) < m.anchor &&
            m.anchor > 0 && units_[m.anchor - 1].entity < 0) {
            static const Words kPassiveAux = {"was", "were", "been", "being", "is", "are", "be"};
            if (in(kPassiveAux, s_.tokens[units_[m.anchor - 1].begin])) return true;
        }
        const Unit& next = units_[m.anchor + 1];
        if (next.entity >= 0) return false;
        const std::string& w = s_.tokens[next.begin].folded;
        if (w != "by"sv && w != "par"sv) return false;
        for (std::size_t e = m.anchor_element + 1; e < rule.pattern.size(); ++e)
            if (rule.pattern[e].lower.contains("by") || rule.pattern[e].lower.contains("par")) return false;
        return true;
    }

    // "bought from Supermicro through Lintai", "achetés auprès de Dell via X": the broker
    // works for the buyer, not for the seller named after "from".
    bool seller_as_principal(const Rule& rule, const Match& m) const {
        if (rule.predicate != "intermediary_for"sv || m.object < 0) return false;
        std::size_t t = units_[m.object].begin;
        while (t > 0 && in(kDeterminers, s_.tokens[t - 1])) --t;
        if (t == 0) return false;
        const std::string& w = s_.tokens[t - 1].folded;
        return w == "from"sv || ((w == "de"sv || w == "d'"sv || w == "du"sv || w == "des"sv) && t >= 2 &&
                                 s_.tokens[t - 2].folded == "aupres"sv);
    }

    // "selon le Journal", "according to Reuters": the source of a claim is not one of its ends.
    bool cited_source(std::size_t u) const {
        std::size_t t = units_[u].begin;
        if (t == 0) return false;
        const std::string& w = s_.tokens[t - 1].folded;
        return w == "selon"sv || w == "d'apres"sv ||
               (w == "to"sv && t >= 2 && s_.tokens[t - 2].folded == "according"sv);
    }

    // Subjects inside a prepositional phrase ("la liste noire de Washington") are not subjects.
    bool after_preposition(std::size_t u) const {
        std::size_t t = units_[u].begin;
        while (t > 0 && in(kDeterminers, s_.tokens[t - 1])) --t;
        return t > 0 && in(kPrepositions, s_.tokens[t - 1]);
    }

    // Backtracking with lazy repetition: the first match found is the shortest.
    bool match_from(const std::vector<PatternElement>& pattern, std::size_t e, std::size_t u, Match& m) {
        if (e == pattern.size()) {
            m.last = u == 0 ? 0 : u - 1;
            return true;
        }
        const PatternElement& el = pattern[e];
        if (el.min == 1 && el.max == 1) {
            if (u >= units_.size() || !element_matches(el, u)) return false;
            if (el.slot == Slot::subject && e == 0 && after_preposition(u)) return false;
            if ((el.slot == Slot::subject || el.slot == Slot::object) && cited_source(u)) return false;
            Match saved = m;
            if (el.slot == Slot::subject) m.subject = static_cast<int>(u);
            if (el.slot == Slot::object) m.object = static_cast<int>(u);
            if (el.slot == Slot::product) m.product = static_cast<int>(u);
            if (el.slot == Slot::none && !el.wildcard() && m.anchor == SIZE_MAX) {
                m.anchor = u;
                m.anchor_element = e;
            }
            if (match_from(pattern, e + 1, u + 1, m)) return true;
            m = saved;
            return false;
        }
        for (int count = 0; count <= el.max; ++count) {
            if (count >= el.min) {
                Match saved = m;
                if (match_from(pattern, e + 1, u + count, m)) return true;
                m = saved;
            }
            if (u + count >= units_.size() || !element_matches(el, u + count)) break;
        }
        return false;
    }

    bool drop_appositions() {
        static const Words kOpeners = {"un",       "une",    "a",        "an",     "the",   "le",    "la",
                                       "l'",       "qui",    "which",    "who",    "whose", "dont",  "lequel",
                                       "laquelle", "ancien", "ancienne", "former", "also",  "aussi", "egalement"};
        auto is_comma = [&](std::size_t u) {
            return units_[u].entity < 0 && s_.tokens[units_[u].begin].folded == ","sv;
        };
        std::vector<Unit> kept;
        kept.reserve(units_.size());
        bool any = false;
        for (std::size_t u = 0; u < units_.size(); ++u) {
            kept.push_back(units_[u]);
            if (units_[u].entity < 0 || u + 2 >= units_.size() || !is_comma(u + 1)) continue;
            // "À Bordeaux, l'hébergeur X ...", "In Penang, the broker X ...": a fronted place
            // is a complement of the clause, not a name that the next phrase describes.
            static const Words kFrontedPlacePrep = {"a", "au", "en", "dans", "in", "at"};
            if (u == 1 && a_.extraction.entities[units_[u].entity].type == EntityType::place && units_[0].entity < 0 &&
                in(kFrontedPlacePrep, s_.tokens[units_[0].begin]))
                continue;
            const Unit& first = units_[u + 2];
            const Token& t = s_.tokens[first.begin];
            // A named actor opens no apposition, but a relative pronoun resolved to one does.
            if (first.entity >= 0 && !a_.extraction.entities[first.entity].unnamed && !in(kOpeners, t)) continue;
            bool opener =
                first.entity >= 0 || in(kOpeners, t) || (!t.is(kCapitalized) && !t.is(kPunct) && !t.is(kNumber));
            // An age: "Tan Wei Ming, 47, and ...", "Kenta Mori, 41 ans, ...".
            bool age = t.is(kNumber) && u + 3 < units_.size() &&
                       (is_comma(u + 3) || (u + 4 < units_.size() && is_comma(u + 4) &&
                                            (s_.tokens[units_[u + 3].begin].folded == "ans"sv ||
                                             s_.tokens[units_[u + 3].begin].folded == "years"sv)));
            if (!opener && !age) continue;
            std::size_t v = u + 2;
            while (v < units_.size() && v - u < 25 && !is_comma(v)) ++v;
            if (v >= units_.size() || v - u >= 25 || v + 1 >= units_.size()) continue;
            any = true;
            if (dropped_.empty()) dropped_.assign(s_.tokens.size(), false);
            for (std::size_t d = units_[u + 1].begin; d < units_[v].end; ++d) dropped_[d] = true;
            u = v;  // resume after the closing comma
        }
        units_ = std::move(kept);
        return drop_first_verb_phrase() || any;
    }

    // "Maréva a acheté des cartes A100, puis les a réexportées vers Dubaï": the second verb
    // of the sentence's actor is read with the actor ("Maréva puis les a réexportées").
    bool drop_first_verb_phrase() {
        static const Words kThen = {"puis", "ensuite", "then", "avant"};
        std::size_t subject = SIZE_MAX;
        for (std::size_t u = 0; u < units_.size() && u < 8; ++u)
            if (units_[u].entity >= 0) {
                auto t = a_.extraction.entities[units_[u].entity].type;
                if (t == EntityType::organization || t == EntityType::person || t == EntityType::group) subject = u;
                break;
            }
        if (subject == SIZE_MAX) return false;
        for (std::size_t v = subject + 2; v + 1 < units_.size() && v - subject < 25; ++v) {
            // Actors in between are complements ("auprès de distributeurs allemands"); a new
            // subject after "puis" is still the nearest to its verb.
            if (units_[v].entity >= 0) continue;
            const std::string& w = s_.tokens[units_[v].begin].folded;
            if (w != ","sv && w != "et"sv && w != "and"sv) continue;
            const std::string& next = s_.tokens[units_[v + 1].begin].folded;
            if (!in(kThen, next)) continue;
            if (dropped_.empty()) dropped_.assign(s_.tokens.size(), false);
            for (std::size_t d = units_[subject + 1].begin; d < units_[v].end; ++d) dropped_[d] = true;
            units_.erase(units_.begin() + static_cast<long>(subject) + 1, units_.begin() + static_cast<long>(v) + 1);
            return true;
        }
        return false;
    }

    const Analysis& a_;
    const Sentence& s_;
    const Stemmer& stemmer_;
    StemCache& cache_;
    std::vector<bool> dropped_;
    std::vector<Unit> units_;
    std::vector<const std::vector<std::string>*> stems_;  // into cache_, per token
};

// Entities coordinated with the unit: "Microsoft et Google", "aux États-Unis et à Dubaï".
std::vector<int> coordinated(const Analysis& a, const Sentence& s, const std::vector<Unit>& units, std::size_t u,
                             int direction) {
    std::vector<int> out(units[u].also.begin(), units[u].also.end());
    EntityType type = a.extraction.entities[units[u].entity].type;
    long k = static_cast<long>(u) + direction;
    while (k >= 0 && k < static_cast<long>(units.size())) {
        const Unit& sep = units[k];
        if (sep.entity >= 0) break;
        bool list = direction > 0 && in(kListIntro, s.tokens[sep.begin]);
        if (!list && !in(kCoordination, s.tokens[sep.begin])) break;
        long n = k + direction;
        // "such as", "y compris": skip the second word of the introducer.
        if (list && n < static_cast<long>(units.size()) && units[n].entity < 0 &&
            (s.tokens[units[n].begin].folded == "as"sv || s.tokens[units[n].begin].folded == ","sv))
            n += direction;
        // Skip a preposition or article repeated after the conjunction.
        bool determiner = false, excluded = false;
        while (n >= 0 && n < static_cast<long>(units.size()) && units[n].entity < 0 &&
               (in(kPrepositions, s.tokens[units[n].begin]) || in(kDeterminers, s.tokens[units[n].begin]))) {
            determiner = determiner || in(kDeterminers, s.tokens[units[n].begin]);
            // "par virement bancaire, sans cryptomonnaies": what follows "sans" is excluded.
            excluded = excluded || in(kNegation, s.tokens[units[n].begin]);
            n += direction;
        }
        if (excluded) break;
        // "... et de la banque Crédit Maritime", "and the bank X": a descriptor before the name.
        bool conjunction = s.tokens[sep.begin].folded == "et"sv || s.tokens[sep.begin].folded == "and"sv;
        if (direction > 0 && determiner && conjunction && n + 1 < static_cast<long>(units.size()) &&
            units[n].entity < 0 && units[n + 1].entity >= 0) {
            const Token& w = s.tokens[units[n].begin];
            if (!w.is(kPunct) && !w.is(kNumber) && !w.is(kCapitalized)) ++n;
        }
        if (n < 0 || n >= static_cast<long>(units.size()) || units[n].entity < 0) break;
        EntityType next = a.extraction.entities[units[n].entity].type;
        if (next != type && !(list && next == EntityType::product)) break;
        out.push_back(units[n].entity);
        for (int x : units[n].also) out.push_back(x);
        k = n + direction;
    }
    return out;
}

// Which entity types each core predicate may join (../shared/ontology.md). A rule whose
// slots drift outside them ("servers use a data center") produces nothing.
bool fits_ontology(const std::string& predicate, EntityType s, EntityType o) {
    using T = EntityType;
    auto any = [](T t, std::initializer_list<T> ts) { return std::find(ts.begin(), ts.end(), t) != ts.end(); };
    const auto actor = {T::organization, T::person, T::group, T::government};
    if (predicate == "supplies"sv)
        return any(s, {T::organization, T::person, T::group, T::facility, T::government}) && any(o, actor);
    // "uses" ends at a product: renting servers or running on a data center is said through
    // the operator's claims and the chips the facility holds, not as an edge to the building.
    if (predicate == "uses"sv)
        return any(s, {T::organization, T::person, T::group, T::facility, T::government}) &&
               any(o, {T::product, T::instrument}) && !(s == T::facility && o != T::product);
    if (predicate == "produces"sv) return any(s, {T::organization, T::government}) && o == T::product;
    if (predicate == "distributes"sv) return any(s, actor) && o == T::product;
    if (predicate == "funds"sv) return any(s, actor) && any(o, actor);
    if (predicate == "owns"sv) return any(s, actor) && any(o, {T::organization, T::facility, T::product});
    if (predicate == "operates"sv) return any(s, actor) && any(o, {T::facility, T::organization});
    if (predicate == "located_in"sv) return s != T::place && o == T::place;
    if (predicate == "subsidiary_of"sv)
        return any(s, {T::organization, T::group}) && any(o, {T::organization, T::group});
    if (predicate == "affiliated_with"sv)
        return any(s, {T::person, T::group}) && any(o, {T::organization, T::group, T::government});
    if (predicate == "founded_by"sv) return s == T::organization && any(o, actor);
    if (predicate == "intermediary_for"sv) return any(s, actor) && any(o, actor);
    if (predicate == "pays_with"sv) return any(s, actor) && o == T::instrument;
    if (predicate == "restricts"sv) return any(s, {T::government, T::place}) && s != o;
    if (predicate == "transports_to"sv) return any(s, actor) && o == T::place;
    return true;  // a rule pack's own predicate
}

struct Assessment {
    ClaimStatus status = ClaimStatus::asserted;
    std::string attribution;
};

// What a whole sentence says of every claim in it: hedges ("allegedly", "il est fort
// probable que"), a correction or a fact check that reports it as wrong, who it is
// attributed to. The same for every match of the sentence: computed once.
struct SentenceTone {
    bool negated = false, predicted = false, alleged = false;
    std::string attribution;
};

SentenceTone sentence_tone(const Analysis& a, const Sentence& s) {
    SentenceTone tone;
    const auto& toks = s.tokens;
    for (std::size_t t = 0; t < toks.size(); ++t) {
        const std::string& w = toks[t].folded;
        if (w == "allegedly"sv || w == "reportedly"sv || w == "pretendument"sv || w == "presumement"sv)
            tone.alleged = true;
        // What a correction or a fact check says was wrong: "an earlier version said X was based
        // in Singapore", "A viral post says X shipped ...", "une rumeur affirme que ...".
        static const Words kEarlier = {"earlier", "previous", "precedente", "anterieure", "ancienne"};
        static const Words kFalseReport = {"viral", "rumor",          "rumors",         "rumour",        "rumours",
                                           "hoax",  "rumeur",         "rumeurs",        "canular",       "infox",
                                           "intox", "misinformation", "disinformation", "desinformation"};
        if (in(kFalseReport, toks[t]) || (w == "version"sv && t > 0 && in(kEarlier, toks[t - 1])) ||
            (in(kEarlier, toks[t]) && t + 1 < toks.size() && toks[t + 1].folded == "version"sv))
            tone.negated = true;
        if (w == "probable"sv && t > 0 && (toks[t - 1].folded == "est"sv || toks[t - 1].folded == "probable"sv))
            tone.predicted = true;
        if (in(kAttributionIntro, toks[t]) && tone.attribution.empty()) {
            std::size_t b = t + 1;
            if (w == "according"sv && b < toks.size() && toks[b].folded == "to"sv) ++b;
            std::size_t e = b;
            while (e < toks.size() && e - b < 8 && !toks[e].is(kPunct)) ++e;
            if (e > b) tone.attribution = std::string(*a.text, toks[b].start, toks[e - 1].end - toks[b].start);
        }
    }
    return tone;
}

// `dropped` marks the tokens of an apposition the match read past: a negation there
// ("Kairos, qui n'a pas de site, paie en bitcoin") is not the claim's.
Assessment assess(const Analysis& a, const Sentence& s, std::size_t from, std::size_t to, const std::string& predicate,
                  const std::vector<bool>& dropped, const SentenceTone& tone) {
    Assessment r;
    const auto& toks = s.tokens;
    bool negated = tone.negated, predicted = tone.predicted, alleged = tone.alleged;
    r.attribution = tone.attribution;
    std::size_t lo = from >= 3 ? from - 3 : 0;
    for (std::size_t t = lo; t < std::min(to, toks.size()); ++t) {
        if (t < dropped.size() && dropped[t]) continue;
        const Token& tok = toks[t];
        const std::string& w = tok.folded;
        if (in(kNegation, tok) &&
            (!a.french || w == "sans"sv ||
             (t > 0 && (toks[t - 1].folded == "ne"sv || toks[t - 1].folded == "n'"sv ||
                        (t > 1 && (toks[t - 2].folded == "ne"sv || toks[t - 2].folded == "n'"sv))))))
            negated = true;
        if (w == "n'"sv && t + 1 < toks.size() &&
            (toks[t + 1].folded == "enfreint"sv || toks[t + 1].folded == "enfreignent"sv))
            negated = true;
        if (in(kDenial, tok)) negated = true;
        if (in(kPrevention, tok) && predicate != "restricts"sv) negated = true;
        if (in(kPredicted, tok) || (a.french && french_future(w))) predicted = true;
        if (in(kAlleged, tok) || (a.french && french_conditional(w))) alleged = true;
    }
    if (negated)
        r.status = ClaimStatus::denied;
    else if (predicted)
        r.status = ClaimStatus::predicted;
    else if (alleged)
        r.status = ClaimStatus::alleged;
    return r;
}

Assessment assess(const Analysis& a, const Sentence& s, std::size_t from, std::size_t to, const std::string& predicate,
                  const std::vector<bool>& dropped) {
    return assess(a, s, from, to, predicate, dropped, sentence_tone(a, s));
}

double status_factor(ClaimStatus s) {
    switch (s) {
        case ClaimStatus::asserted:
            return 1.0;
        case ClaimStatus::alleged:
            return 0.8;
        case ClaimStatus::predicted:
            return 0.6;
        case ClaimStatus::denied:
            return 0.5;
    }
    return 1.0;
}

std::string raw(const Analysis& a, const Sentence& s, std::size_t b, std::size_t e) {
    return std::string(*a.text, s.tokens[b].start, s.tokens[e - 1].end - s.tokens[b].start);
}

// Quantities, prices and dates stated in tokens [from, to) of the sentence.
std::vector<Qualifier> qualifiers(const Analysis& a, const Sentence& s, std::size_t from, std::size_t to) {
    std::vector<Qualifier> out;
    const auto& toks = s.tokens;
    to = std::min(to, toks.size());
    for (std::size_t t = from; t < to; ++t) {
        const Token& tok = toks[t];
        if (tok.is(kNumber) && !is_year(tok)) {
            std::size_t b = t, e = t + 1;
            if (b >= 2 && (toks[b - 1].folded == "de"sv || toks[b - 1].folded == "than"sv) &&
                in(kQuantityLead, toks[b - 2]))
                b -= 2;
            else if (b >= 1 && in(kQuantityLead, toks[b - 1]))
                b -= 1;
            bool price = (t > 0 && toks[t - 1].folded == "$"sv) || (e < toks.size() && in(kCurrency, toks[e]));
            if (e < toks.size() && (toks[e].folded == "millions"sv || toks[e].folded == "milliards"sv ||
                                    toks[e].folded == "million"sv || toks[e].folded == "billion"sv))
                ++e;
            if (e < toks.size() && in(kCurrency, toks[e])) price = true, ++e;
            if (price) {
                if (t > 0 && toks[t - 1].folded == "$"sv) b = t - 1;
                // "de l'heure", "per hour", "an hour", "par mois".
                std::size_t p = e;
                while (p < toks.size() && p - e < 4 &&
                       (toks[p].folded == "de"sv || toks[p].folded == "l'"sv || toks[p].folded == "per"sv ||
                        toks[p].folded == "par"sv || toks[p].folded == "an"sv || toks[p].folded == "a"sv ||
                        toks[p].folded == "pour"sv || toks[p].folded == "une"sv)) {
                    ++p;
                }
                if (p < toks.size() && (toks[p].folded == "heure"sv || toks[p].folded == "hour"sv ||
                                        toks[p].folded == "mois"sv || toks[p].folded == "month"sv))
                    e = p + 1;
                out.push_back({"price", raw(a, s, b, e)});
                t = e - 1;
                continue;
            }
            std::size_t u = e;
            if (u < toks.size() && (toks[u].folded == "de"sv || toks[u].folded == "d'"sv || toks[u].folded == "of"sv))
                ++u;
            bool unit_word = u < toks.size() && in(kUnitWords, toks[u]);
            bool product = false;
            for (const auto& m : s.mentions)
                if (m.begin == u && a.extraction.entities[m.entity].type == EntityType::product) product = true;
            if (unit_word || product) {
                out.push_back({"quantity", raw(a, s, b, u + 1)});
                t = u;
            }
        }
    }
    // Dates anywhere in the sentence: "en juin", "October 2022", "en 2019".
    for (std::size_t t = 0; t < toks.size(); ++t) {
        if (in(kMonths, toks[t]) && (toks[t].folded != "may"sv || (t + 1 < toks.size() && is_year(toks[t + 1])))) {
            std::size_t b = t, e = t + 1;
            if (b > 0 && toks[b - 1].is(kNumber) && toks[b - 1].folded.size() <= 2) --b;
            if (e < toks.size() &&
                (is_year(toks[e]) || toks[e].folded == "dernier"sv || toks[e].folded == "derniere"sv))
                ++e;
            out.push_back({"date", raw(a, s, b, e)});
            break;
        }
        if (is_year(toks[t]) && t > 0 &&
            (toks[t - 1].folded == "en"sv || toks[t - 1].folded == "in"sv || toks[t - 1].folded == "since"sv ||
             toks[t - 1].folded == "depuis"sv)) {
            out.push_back({"date", raw(a, s, t, t + 1)});
            break;
        }
    }
    return out;
}

// "AI-Galaxy, une société basée à Shanghai": the phrase describes the name before it.
std::vector<int> find_appositions(const Analysis& a) {
    std::vector<int> redirect(a.extraction.entities.size(), -1);
    for (const auto& s : a.sentences) {
        // The phrase mention starting right after "Name ," (or "Name , a"): the longest.
        auto phrase_after = [&](std::size_t at) -> const TokenMention* {
            for (const auto& m : s.mentions)
                if (m.begin == at) return &m;
            return nullptr;
        };
        for (const auto& named : s.mentions) {
            const auto& ne = a.extraction.entities[named.entity];
            if (ne.unnamed || named.anaphor || ne.type != EntityType::organization) continue;
            if (named.end >= s.tokens.size() || s.tokens[named.end].folded != ","sv) continue;
            const TokenMention* phrase = phrase_after(named.end + 1);
            if (!phrase && named.end + 2 < s.tokens.size()) {
                const std::string& det = s.tokens[named.end + 1].folded;
                if (det == "une"sv || det == "un"sv || det == "a"sv || det == "an"sv)
                    phrase = phrase_after(named.end + 2);
                // "Arcwave Systems, a server reseller in Fremont": nouns that modify the head.
                for (std::size_t m = named.end + 3;
                     !phrase && (det == "a"sv || det == "an"sv) && m < named.end + 5 && m < s.tokens.size(); ++m) {
                    const Token& w = s.tokens[m - 1];
                    // "a GPU rental outfit": an acronym modifies the head like any noun
                    if (w.is(kPunct) || (w.is(kCapitalized) && !w.is(kAllCaps)) || w.is(kNumber)) break;
                    phrase = phrase_after(m);
                }
            }
            if (!phrase || phrase->anaphor) continue;
            const auto& pe = a.extraction.entities[phrase->entity];
            if (!pe.unnamed || pe.type != EntityType::organization) continue;
            if (redirect[phrase->entity] < 0) redirect[phrase->entity] = named.entity;
        }
        // "Derek Aw est l'un des entrepreneurs qui...", "X is a Shenzhen start-up": copula.
        for (std::size_t k = 0; k + 1 < s.mentions.size(); ++k) {
            const auto& named = s.mentions[k];
            const auto& phrase = s.mentions[k + 1];
            const auto& ne = a.extraction.entities[named.entity];
            const auto& pe = a.extraction.entities[phrase.entity];
            if (ne.unnamed || !pe.unnamed || phrase.anaphor) continue;
            if (named.end >= s.tokens.size()) continue;
            std::size_t v = named.end;
            if (s.tokens[v].folded == ","sv) {  // "Derek Aw, un ancien mineur, est l'un des..."
                std::size_t close = v + 1;
                while (close < s.tokens.size() && close - v < 12 && s.tokens[close].folded != ","sv) ++close;
                if (close + 1 < s.tokens.size() && close - v < 12) v = close + 1;
            }
            if (v >= s.tokens.size() || v + 1 >= s.tokens.size()) continue;
            const std::string& verb = s.tokens[v].folded;
            if (verb != "est"sv && verb != "is"sv && verb != "was"sv && verb != "etait"sv) continue;
            std::size_t t = v + 1;
            static const Words kCopulaFiller = {"l'un",  "l'une", "un", "une",  "one",       "of",
                                                "des",   "the",   "a",  "an",   "de",        "d'",
                                                "aussi", "also",  "in", "turn", "desormais", "now"};
            while (t < phrase.begin && in(kCopulaFiller, s.tokens[t])) ++t;
            if (t == phrase.begin && redirect[phrase.entity] < 0 && redirect[named.entity] < 0 &&
                (pe.type == ne.type || pe.type == EntityType::group))
                redirect[phrase.entity] = named.entity;
        }
        // "X, a Singapore company set up as a subsidiary of Y", "créée comme filiale de Y": the
        // phrase after "as" describes the sentence's first company.
        for (const auto& phrase : s.mentions) {
            const auto& pe = a.extraction.entities[phrase.entity];
            if (!pe.unnamed || phrase.anaphor || pe.type != EntityType::organization || redirect[phrase.entity] >= 0)
                continue;
            std::size_t b = phrase.begin;
            while (b > 0 && in(kDeterminers, s.tokens[b - 1])) --b;
            if (b == 0 || !(s.tokens[b - 1].folded == "as"sv || s.tokens[b - 1].folded == "comme"sv ||
                            (b >= 2 && s.tokens[b - 1].folded == "que"sv && s.tokens[b - 2].folded == "tant"sv)))
                continue;
            for (const auto& m : s.mentions) {
                if (m.begin >= phrase.begin) break;
                const auto& me = a.extraction.entities[m.entity];
                if (me.type == EntityType::organization && !me.unnamed && !m.anaphor) {
                    if (redirect[m.entity] < 0) redirect[phrase.entity] = m.entity;
                    break;
                }
            }
        }
        // "a Guangzhou start-up, Qiyu Vision, ...": the name after the phrase (a place inside
        // the phrase, "un transitaire du Havre", is a mention of its own in between).
        for (const auto& phrase : s.mentions) {
            if (phrase.end + 1 >= s.tokens.size() || s.tokens[phrase.end].folded != ","sv) continue;
            const TokenMention* next = phrase_after(phrase.end + 1);
            if (!next) continue;
            const auto& named = *next;
            const auto& pe = a.extraction.entities[phrase.entity];
            const auto& ne = a.extraction.entities[named.entity];
            if (!pe.unnamed || ne.unnamed || phrase.anaphor || named.anaphor) continue;
            // "un intermédiaire émirati, Al Noor": a singular actor phrase names one company.
            bool one = pe.type == EntityType::organization || (pe.type == EntityType::group && phrase.begin > 0 &&
                                                               in(kSingularIndefinite, s.tokens[phrase.begin - 1]));
            if (ne.type != EntityType::organization || !one) continue;
            // "Ancien mineur de bitcoins installé à Kota Kinabalu, Kinabalu Hashworks a converti
            // ...": a descriptor that opens the sentence describes its subject.
            std::size_t opener = phrase.begin;
            static const Words kFormer = {"ancien", "ancienne", "anciens", "anciennes", "former", "ex",
                                          "petit",  "petite",   "jeune",   "small",     "young",  "little"};
            while (opener > 0 && (in(kDeterminers, s.tokens[opener - 1]) || s.tokens[opener - 1].is(kPunct) ||
                                  in(kFormer, s.tokens[opener - 1])))
                --opener;
            if (named.end < s.tokens.size() && s.tokens[named.end].folded != ","sv &&
                s.tokens[named.end].folded != "."sv && s.tokens[named.end].folded != "("sv && opener > 0)
                continue;
            if (redirect[phrase.entity] < 0 && redirect[named.entity] < 0) redirect[phrase.entity] = named.entity;
        }
    }
    return redirect;
}

// Applies `redirect` (entity -> entity it is merged into), drops the merged entities and
// the unnamed ones that take part in no claim: a descriptive phrase ("customers", "a data
// center") matters only through what the article says it did.
void compact(Extraction& ex, const std::vector<int>& redirect) {
    std::vector<bool> in_claim(ex.entities.size(), false);
    for (const auto& c : ex.claims) {
        for (int e : {c.subject, c.object}) {
            while (redirect[e] >= 0) e = redirect[e];
            in_claim[e] = true;
        }
    }
    std::vector<int> new_index(ex.entities.size(), -1);
    std::vector<ExtractedEntity> kept;
    for (std::size_t i = 0; i < ex.entities.size(); ++i)
        if (redirect[i] < 0 && (in_claim[i] || !ex.entities[i].unnamed)) {
            new_index[i] = static_cast<int>(kept.size());
            kept.push_back(std::move(ex.entities[i]));
        }
    for (std::size_t i = 0; i < ex.entities.size(); ++i)
        if (redirect[i] >= 0) {
            int target = redirect[i];
            while (redirect[target] >= 0) target = redirect[target];
            new_index[i] = new_index[target];
            if (new_index[i] >= 0)
                for (auto& alias : ex.entities[i].aliases) kept[new_index[i]].aliases.push_back(std::move(alias));
        }
    ex.entities = std::move(kept);
    std::vector<ExtractedMention> mentions;
    for (auto& m : ex.mentions) {
        m.entity = new_index[m.entity];
        if (m.entity >= 0) mentions.push_back(m);
    }
    ex.mentions = std::move(mentions);
    std::vector<ExtractedClaim> claims;
    for (auto& c : ex.claims) {
        c.subject = new_index[c.subject];
        c.object = new_index[c.object];
        if (c.subject != c.object) claims.push_back(std::move(c));
    }
    ex.claims = std::move(claims);
}

// Keeps one claim per (subject, predicate, object, sentence): the most confident.
void keep_most_confident(std::vector<ExtractedClaim>& claims) {
    // Claims in order of their key, then of their place in the list.
    auto key = [&](std::size_t i) {
        const auto& c = claims[i];
        return std::make_tuple(c.subject, std::string_view(c.predicate), c.object, c.sentence_start);
    };
    std::vector<std::size_t> order(claims.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    // Each group's first claim holds the place of the group; the first most confident its content.
    std::vector<std::size_t> winner(claims.size(), SIZE_MAX);
    for (std::size_t g = 0; g < order.size();) {
        std::size_t best = order[g], end = g + 1;
        for (; end < order.size() && key(order[end]) == key(order[g]); ++end)
            if (claims[order[end]].confidence > claims[best].confidence) best = order[end];
        winner[order[g]] = best;
        g = end;
    }
    std::vector<ExtractedClaim> unique;
    unique.reserve(claims.size());
    for (std::size_t i = 0; i < claims.size(); ++i)
        if (winner[i] != SIZE_MAX) unique.push_back(std::move(claims[winner[i]]));
    claims = std::move(unique);
}

// Named members of a group: "des investisseurs à Dubaï, dont Sahra Capital", "investors,
// including Sahra Capital", "... à des clients étrangers. Parmi eux figurerait Hanxing".
// What the article says of the group it says of them.
void add_member_claims(Analysis& a) {
    std::vector<std::pair<int, int>> members;  // (member, group)
    auto group_mention = [&](const TokenMention& m) {
        const auto& e = a.extraction.entities[m.entity];
        return e.unnamed && (e.type == EntityType::group || e.type == EntityType::organization);
    };
    auto named_after = [&](const Sentence& s, std::size_t from) -> int {
        for (const auto& m : s.mentions) {
            if (m.begin < from || m.begin > from + 4) continue;
            const auto& e = a.extraction.entities[m.entity];
            if (!e.unnamed && (e.type == EntityType::organization || e.type == EntityType::person)) return m.entity;
        }
        return -1;
    };
    for (std::size_t si = 0; si < a.sentences.size(); ++si) {
        const auto& s = a.sentences[si];
        for (const auto& m : s.mentions) {
            if (!group_mention(m) || m.end + 2 > s.tokens.size() || s.tokens[m.end].folded != ","sv) continue;
            const std::string& w = s.tokens[m.end + 1].folded;
            if (w != "dont"sv && w != "including"sv && w != "notamment"sv && w != "notably"sv) continue;
            if (int x = named_after(s, m.end + 2); x >= 0) members.push_back({x, m.entity});
        }
        // "compte parmi ses clients une société de Shenzhen", "its customers include X".
        for (std::size_t k = 0; k + 1 < s.mentions.size(); ++k) {
            const auto& g = s.mentions[k];
            if (!group_mention(g)) continue;
            bool among = false;
            for (std::size_t b = g.begin; b > 0 && g.begin - b < 4; --b)
                among = among || s.tokens[b - 1].folded == "parmi"sv || s.tokens[b - 1].folded == "among"sv;
            std::size_t next = g.end;
            if (next < s.tokens.size() &&
                (s.tokens[next].folded == "include"sv || s.tokens[next].folded == "includes"sv ||
                 s.tokens[next].folded == "comprennent"sv || s.tokens[next].folded == ":"sv)) {
                among = true;
                ++next;
            }
            // "Two Hong Kong companies, Ever Crest and Harbourline, were listed": a list in
            // apposition counts when it names at least two members.
            bool apposed = false;
            if (!among && next < s.tokens.size() && s.tokens[next].folded == ","sv &&
                a.extraction.entities[g.entity].type == EntityType::group) {
                apposed = true;
                ++next;
            }
            if (!among && !apposed) continue;
            std::size_t before = members.size();
            // "figurent", "include": the list may start a few words on.
            for (std::size_t t = next; t < std::min(s.tokens.size(), g.end + 6); ++t)
                if (s.tokens[t].folded == "figurent"sv || s.tokens[t].folded == "figure"sv ||
                    s.tokens[t].folded == "include"sv || s.tokens[t].folded == "includes"sv ||
                    s.tokens[t].folded == "included"sv || s.tokens[t].folded == "comptent"sv) {
                    next = t + 1;
                    break;
                }
            // The whole list: "include Tokyo-based developer Kotoba Labs, the Singapore
            // start-up Lattice Mind and Seoul's Hanbit Robotics". A member is a named actor;
            // descriptors and places between members are skipped.
            std::size_t from = next;
            bool first = true;
            for (std::size_t q = k + 1; q < s.mentions.size(); ++q) {
                const auto& x = s.mentions[q];
                if (x.begin < from) continue;
                const auto& xe = a.extraction.entities[x.entity];
                bool named = !xe.unnamed && (xe.type == EntityType::organization || xe.type == EntityType::person);
                bool gap_ok = true, separated = first;
                for (std::size_t t = from; t < x.begin; ++t) {
                    const std::string& w = s.tokens[t].folded;
                    if (w == "."sv || w == ";"sv || w == ":"sv || w == "("sv || w == "\""sv) gap_ok = false;
                    // "a Macau intermediary, X, to a Dubai broker called Y": a preposition
                    // ends the list (Y is the other end of a claim, not a member).
                    static const Words kListEnd = {"to",   "from", "by",  "with", "for",
                                                   "vers", "pour", "par", "avec", "aupres"};
                    if (!first && in(kListEnd, s.tokens[t])) gap_ok = false;
                    if (w == ","sv || w == "and"sv || w == "et"sv) separated = true;
                }
                if (!gap_ok || x.begin > from + (first ? 5 : 7)) break;
                if (xe.type == EntityType::place || (xe.unnamed && xe.type == EntityType::organization)) continue;
                if (x.entity == g.entity) continue;
                if (first && !named && xe.type == EntityType::group) {  // "are Chinese start-ups"
                    members.push_back({x.entity, g.entity});
                    break;
                }
                if (!named || !separated) break;
                members.push_back({x.entity, g.entity});
                first = false;
                from = x.end;
            }
            if (apposed && members.size() < before + 2) members.resize(before);
        }
        if (si == 0 || s.tokens.size() < 3) continue;
        const std::string& first = s.tokens[0].folded;
        const std::string& second = s.tokens[1].folded;
        bool among = (first == "parmi"sv && (second == "eux"sv || second == "elles"sv || second == "ceux-ci"sv ||
                                             second == "lesquels"sv || second == "lesquelles"sv)) ||
                     (first == "among"sv && (second == "them"sv || second == "those"sv));
        if (!among) continue;
        const auto& previous = a.sentences[si - 1];
        int group = -1;
        for (const auto& m : previous.mentions)
            if (group_mention(m)) group = m.entity;
        if (group < 0) continue;
        for (const auto& m : s.mentions) {
            const auto& e = a.extraction.entities[m.entity];
            if (!e.unnamed && (e.type == EntityType::organization || e.type == EntityType::person)) {
                members.push_back({m.entity, group});
                break;
            }
        }
    }
    auto& claims = a.extraction.claims;
    std::size_t n = claims.size();
    for (auto [member, group] : members)
        for (std::size_t k = 0; k < n; ++k) {
            ExtractedClaim c = claims[k];
            if (c.subject != group && c.object != group) continue;
            if (c.subject == group) c.subject = member;
            if (c.object == group) c.object = member;
            if (c.subject == c.object) continue;
            c.rule += "+member";
            c.confidence *= 0.9;
            claims.push_back(std::move(c));
        }
}

// Adds to `out` the customers of the (not denied) supplies stated in the sentence that
// starts at `sentence_start`, among the first `n` claims: who had just bought the goods a
// later sentence speaks of without naming them.
void add_customers(const Analysis& a, std::size_t sentence_start, std::size_t n, bool organizations_only,
                   std::vector<int>& out) {
    const auto& claims = a.extraction.claims;
    for (std::size_t k = 0; k < n; ++k) {
        const auto& c = claims[k];
        if (c.predicate != "supplies"sv || c.sentence_start != sentence_start || c.status == ClaimStatus::denied)
            continue;
        if (organizations_only && a.extraction.entities[c.object].type != EntityType::organization) continue;
        if (std::find(out.begin(), out.end(), c.object) == out.end()) out.push_back(c.object);
    }
}

// "Les paiements étaient réglés en USDT", "Some invoices were settled in bitcoin": a payment
// without a payer is made by the customer the article just named (the object of a supply
// in this sentence or the two before).
void add_implied_payers(Analysis& a) {
    static const Words kPaymentWords = {"paiements", "paiement", "payes",     "payees",   "paye",
                                        "payee",     "regles",   "reglees",   "regle",    "reglee",
                                        "factures",  "facture",  "facturees", "payments", "payment",
                                        "paid",      "settled",  "invoices",  "invoiced", "billed"};
    auto& claims = a.extraction.claims;
    const std::size_t n = claims.size();
    for (std::size_t si = 0; si < a.sentences.size(); ++si) {
        const auto& s = a.sentences[si];
        for (const auto& m : s.mentions) {
            if (a.extraction.entities[m.entity].type != EntityType::instrument || m.begin < 2) continue;
            std::size_t prep = m.begin - 1;  // "en USDT", "in USDT", "en partie en ether"
            if (s.tokens[prep].folded != "en"sv && s.tokens[prep].folded != "in"sv) continue;
            bool payment = false;
            for (std::size_t k = prep; k-- > 0 && prep - k <= 6;) payment = payment || in(kPaymentWords, s.tokens[k]);
            if (!payment) continue;
            bool stated = false;
            for (std::size_t k = 0; k < n && !stated; ++k)
                stated = claims[k].predicate == "pays_with"sv && claims[k].sentence_start == s.span.start;
            if (stated) continue;
            std::vector<int> payers;
            for (std::size_t back = 0; back <= 2 && back <= si && payers.empty(); ++back)
                add_customers(a, a.sentences[si - back].span.start, n, false, payers);
            for (int payer : payers) {
                ExtractedClaim c;
                c.subject = payer;
                c.object = m.entity;
                c.predicate = "pays_with";
                c.sentence_start = s.span.start;
                c.sentence_end = s.span.end;
                c.start = s.tokens[prep].start;
                c.end = s.tokens[m.end - 1].end;
                c.rule = "implied.payer";
                c.confidence = 0.5;
                claims.push_back(std::move(c));
            }
        }
    }
}

// "The chips were then flown to Bangkok", "The hardware was then exported to Desert Node":
// a shipment without its agent is made by whoever had just bought the goods (the customer of
// a supply in the two sentences before). To a place it is a transport, to a company a sale.
void add_passive_shipments(Analysis& a) {
    static const Words kPassiveAux = {"was", "were", "been", "ete"};
    static const Words kShipped = {
        "shipped",    "flown",    "exported",    "re-exported",  "forwarded",   "sent",       "smuggled",
        "trucked",    "moved",    "expedies",    "expediees",    "expedie",     "expediee",   "achemines",
        "acheminees", "exportes", "exportees",   "reexportes",   "reexportees", "reexpedies", "reexpediees",
        "envoyes",    "envoyees", "transportes", "transportees", "livres",      "livrees",    "consigned",
        "delivered",  "routed",   "rerouted",    "diverted"};
    static const Words kTo = {"to", "into", "vers", "a", "en", "au", "aux"};
    auto& claims = a.extraction.claims;
    const std::size_t n = claims.size();
    for (std::size_t si = 1; si < a.sentences.size(); ++si) {
        const auto& s = a.sentences[si];
        const auto& t = s.tokens;
        for (std::size_t k = 1; k + 2 < t.size(); ++k) {
            if (!in(kShipped, t[k])) continue;
            bool passive = false;
            for (std::size_t b = k; b-- > 0 && k - b <= 10;) passive = passive || in(kPassiveAux, t[b]);
            if (!passive) continue;
            // the destination: "to"/"vers" then a place or a company, within a few words
            const TokenMention* dest = nullptr;
            bool agent = false;
            for (std::size_t q = k + 1; q < t.size() && q - k <= 5 && !dest; ++q) {
                if (t[q].folded == "by"sv || t[q].folded == "par"sv) agent = true;
                if (!in(kTo, t[q])) continue;
                for (const auto& m : s.mentions)
                    if (m.begin == q + 1 || (m.begin == q + 2 && in(kDeterminers, t[q + 1]))) dest = &m;
            }
            if (dest)  // "flown to Bangkok by X": the agent is named after the destination
                for (std::size_t q = dest->end; q < t.size() && q < dest->end + 3; ++q)
                    agent = agent || t[q].folded == "by"sv || t[q].folded == "par"sv;
            if (!dest || agent) continue;
            EntityType dt = a.extraction.entities[dest->entity].type;
            if (dt != EntityType::place && dt != EntityType::organization) continue;
            std::vector<int> buyers;
            for (std::size_t back = 1; back <= 2 && back <= si && buyers.empty(); ++back) {
                std::size_t start = a.sentences[si - back].span.start;
                add_customers(a, start, n, true, buyers);
                // ... or who was said to hold or resell them ("X purchased 1,100 H200 GPUs")
                for (std::size_t c = 0; c < n && buyers.empty(); ++c)
                    if ((claims[c].predicate == "uses"sv || claims[c].predicate == "distributes"sv) &&
                        claims[c].sentence_start == start && claims[c].status != ClaimStatus::denied &&
                        a.extraction.entities[claims[c].subject].type == EntityType::organization &&
                        !a.extraction.entities[claims[c].subject].unnamed)
                        buyers.push_back(claims[c].subject);
            }
            // "expédiés vers Bangkok, puis vers Shenzhen", "flown to Bangkok and then to Chengdu"
            std::vector<const TokenMention*> dests{dest};
            if (dt == EntityType::place) {
                static const Words kThenTo = {"puis", "then", "et", "and", ",", "ensuite"};
                std::size_t q = dest->end;
                while (q + 1 < t.size() && in(kThenTo, t[q])) {
                    std::size_t r = q;
                    while (r < t.size() && r - q < 3 && (in(kThenTo, t[r]) || in(kTo, t[r]))) ++r;
                    if (r == q + 1 || !in(kTo, t[r - 1])) break;
                    const TokenMention* next = nullptr;
                    for (const auto& m : s.mentions)
                        if (m.begin == r) next = &m;
                    if (!next || a.extraction.entities[next->entity].type != EntityType::place) break;
                    dests.push_back(next);
                    q = next->end;
                }
            }
            for (int buyer : buyers) {
                for (const auto* d : dests) {
                    if (buyer == d->entity) continue;
                    claims.push_back(make_claim(s, buyer, dt == EntityType::place ? "transports_to" : "supplies",
                                                d->entity, t[k].start, t[d->end - 1].end, "implied.shipper", 0.5));
                }
            }
            break;
        }
    }
}

// "BIS added nine entities to the Entity List. The additions include A, B and C.", "...
// Parmi les sociétés chinoises figurent A et B": a sentence that lists the additions of a
// restriction stated just before names who is restricted.
void add_listed_restrictions(Analysis& a) {
    auto& claims = a.extraction.claims;
    const std::size_t n = claims.size();
    for (std::size_t si = 1; si < a.sentences.size(); ++si) {
        const auto& s = a.sentences[si];
        const auto& t = s.tokens;
        if (t.size() < 4) continue;
        bool listing = (t[0].folded == "the"sv && t[1].folded == "additions"sv) ||
                       (t[0].folded == "additions"sv && t[1].folded == "include"sv) ||
                       (t[0].folded == "also"sv && (t[1].folded == "added"sv || t[1].folded == "listed"sv)) ||
                       (t[0].folded == "parmi"sv && (t[1].folded == "les"sv || t[1].folded == "ces"sv)) ||
                       (t[0].folded == "among"sv && (t[1].folded == "the"sv || t[1].folded == "them"sv));
        if (!listing) continue;
        int gov = -1;  // in the three sentences before (a "Qui est visé ?" may come between)
        for (std::size_t back = 1; back <= 3 && back <= si && gov < 0; ++back) {
            std::size_t prev = a.sentences[si - back].span.start;
            for (std::size_t k = 0; k < n && gov < 0; ++k)
                if (claims[k].predicate == "restricts"sv && claims[k].sentence_start == prev &&
                    claims[k].status != ClaimStatus::denied &&
                    a.extraction.entities[claims[k].subject].type == EntityType::government)
                    gov = claims[k].subject;
        }
        if (gov < 0) continue;
        for (const auto& m : s.mentions) {
            const auto& e = a.extraction.entities[m.entity];
            if (e.unnamed || e.type != EntityType::organization || m.anaphor) continue;
            claims.push_back(make_claim(s, gov, "restricts", m.entity, t[m.begin].start, t[m.end - 1].end,
                                        "listed.restriction", 0.6));
        }
    }
}

// "X was added to the Entity List in October 2022", "Y figure sur la liste noire depuis
// 2021": a listing without its agent is made by the government that restricts something
// else in the article before (else the one the article names last before it).
void add_agentless_listings(Analysis& a) {
    static const Words kListed = {"added",   "placed",   "put",     "listed",   "included", "ajoute",    "ajoutee",
                                  "ajoutes", "ajoutees", "inscrit", "inscrite", "inscrits", "inscrites", "place",
                                  "placee",  "places",   "placees", "figure",   "figurent", "figurait",  "figuraient"};
    static const Words kListPrep = {"to", "on", "sur"};
    static const Words kBlacklist = {"blacklist", "liste"};
    auto& claims = a.extraction.claims;
    for (const auto& s : a.sentences) {
        const auto& t = s.tokens;
        // the participle, then "to the Entity List" / "sur la liste noire" within four words
        std::size_t verb = SIZE_MAX;
        for (std::size_t k = 1; k + 2 < t.size() && verb == SIZE_MAX; ++k) {
            // "X is denied export privileges for five years", "privé du droit d'exporter"
            if ((t[k].folded == "denied"sv && t[k + 1].folded == "export"sv) ||
                (t[k].folded == "loses"sv && t[k + 1].folded == "export"sv) ||
                ((t[k].folded == "prive"sv || t[k].folded == "privee"sv) && t[k + 1].folded == "du"sv &&
                 t[k + 2].folded == "droit"sv)) {
                verb = k;
                break;
            }
            if (!in(kListed, t[k])) continue;
            for (std::size_t p = k + 1; p < t.size() && p <= k + 4; ++p) {
                if (!in(kListPrep, t[p])) continue;
                for (std::size_t q = p + 1; q < t.size() && q <= p + 4; ++q)
                    if (in(kBlacklist, t[q]) ||
                        (t[q].folded == "entity"sv && q + 1 < t.size() && t[q + 1].folded == "list"sv))
                        verb = k;
            }
        }
        if (verb == SIZE_MAX) continue;
        bool stated = true;
        for (const auto& m : s.mentions)
            if (a.extraction.entities[m.entity].type == EntityType::government) stated = false;
        if (!stated) continue;  // the rules read it with its agent
        // ("denied" is the sanction itself here, not a denial of it)
        Assessment as = assess(a, s, 0, t[verb].folded == "denied"sv ? verb : t.size(), "restricts", {});
        if (as.status != ClaimStatus::asserted) continue;
        int gov = -1;
        for (const auto& c : claims)
            if (c.predicate == "restricts"sv && c.sentence_start < s.span.start && c.status != ClaimStatus::denied &&
                a.extraction.entities[c.subject].type == EntityType::government)
                gov = c.subject;
        if (gov < 0) {
            for (const auto& prev : a.sentences) {
                if (prev.span.start >= s.span.start) break;
                for (const auto& m : prev.mentions)
                    if (a.extraction.entities[m.entity].type == EntityType::government &&
                        !a.extraction.entities[m.entity].unnamed)
                        gov = m.entity;
            }
        }
        if (gov < 0) continue;
        for (const auto& m : s.mentions) {
            if (m.begin >= verb) break;
            const auto& e = a.extraction.entities[m.entity];
            if (e.type != EntityType::organization && e.type != EntityType::person) continue;
            claims.push_back(
                make_claim(s, gov, "restricts", m.entity, t[m.begin].start, t[verb].end, "listed.agentless", 0.55));
        }
    }
}

// "X led a $65 million note in Y; Z and W joined the round", "Premier tour de table : le
// fonds X et l'investisseur Y apportent 8 millions d'euros": who joins or makes a round
// funds the company of the round named just before, else the company the article is about.
void add_round_joiners(Analysis& a) {
    static const Words kJoin = {"joined",      "join",         "joins",     "joining",     "participated",
                                "participate", "participates", "rejoint",   "rejoignent",  "participe",
                                "participent", "apporte",      "apportent", "apportaient", "investissent",
                                "investit",    "injectent",    "injecte",   "mettent",     "met"};
    static const Words kRound = {"round", "raise", "financing", "tour", "levee", "augmentation"};
    static const Words kClauseBreak = {";", ":", "."};
    auto& claims = a.extraction.claims;
    // the named company mentioned most often: what the article is about
    std::map<int, int> counts;
    for (const auto& s : a.sentences)
        for (const auto& m : s.mentions) {
            const auto& e = a.extraction.entities[m.entity];
            if (!e.unnamed && e.type == EntityType::organization) ++counts[m.entity];
        }
    int topic = -1, best = 0;
    for (const auto& [e, n] : counts)
        if (n > best) topic = e, best = n;
    for (std::size_t si = 0; si < a.sentences.size(); ++si) {
        const auto& s = a.sentences[si];
        const auto& t = s.tokens;
        bool round = false;
        for (const auto& tok : t) round = round || in(kRound, tok);
        if (!round) continue;
        for (std::size_t v = 1; v < t.size(); ++v) {
            if (!in(kJoin, t[v])) continue;
            // French "apportent" only with a round named in the clause ("tour de table : ...").
            bool french_round = false, english_join = t[v].folded.rfind("join", 0) == 0 ||
                                                      t[v].folded.rfind("partic", 0) == 0 ||
                                                      t[v].folded.rfind("rejoi", 0) == 0;
            std::size_t clause = 0;
            for (std::size_t k = v; k > 0; --k)
                if (in(kClauseBreak, t[k - 1])) {
                    clause = k;
                    break;
                }
            for (std::size_t k = (clause >= 6 ? clause - 6 : 0); k < v; ++k)
                french_round = french_round || in(kRound, t[k]);
            bool after = false;  // "joined the round", "participé au tour de table"
            for (std::size_t k = v + 1; k < t.size() && k <= v + 3; ++k) after = after || in(kRound, t[k]);
            if (!(english_join ? after : french_round || after)) continue;
            std::vector<int> funders;
            for (const auto& m : s.mentions) {
                if (m.begin < clause || m.end > v) continue;
                const auto& e = a.extraction.entities[m.entity];
                if (e.type == EntityType::organization || e.type == EntityType::person || e.type == EntityType::group)
                    funders.push_back(m.entity);
                for (int o : m.also) funders.push_back(o);
            }
            if (funders.empty()) continue;
            int funded = -1;  // the nearest round before, the first named in its sentence
            std::size_t funded_at = 0, funded_start = 0;
            for (const auto& c : claims)
                if (c.predicate == "funds"sv && c.sentence_start <= s.span.start &&
                    (si < 4 || c.sentence_start >= a.sentences[si - 4].span.start) &&
                    (a.extraction.entities[c.object].type == EntityType::organization ||
                     a.extraction.entities[c.object].type == EntityType::person) &&
                    std::find(funders.begin(), funders.end(), c.object) == funders.end() &&
                    (funded < 0 || c.sentence_start > funded_at ||
                     (c.sentence_start == funded_at && c.start < funded_start))) {
                    funded = c.object;
                    funded_at = c.sentence_start;
                    funded_start = c.start;
                }
            if (funded < 0) funded = topic;
            if (funded < 0) continue;
            Assessment as = assess(a, s, clause, v + 1, "funds", {});
            for (int f : funders) {
                if (f == funded) continue;
                auto c = make_claim(s, f, "funds", funded, t[clause].start, t[v].end, "funds.joined-round",
                                    0.55 * status_factor(as.status));
                c.status = as.status;
                claims.push_back(std::move(c));
            }
            break;
        }
    }
}

// "X loue des grappes de processeurs H100 à Y", "Y bought servers fitted with H200 chips
// from X": the customer of equipment that holds chips uses the chips, and so does the
// company that rents its own equipment out.
void add_equipment_users(Analysis& a) {
    static const Words kRent = {"loue",  "louent",  "louait", "louaient", "loua", "sous-loue", "leases",  "leased",
                                "lease", "leasing", "rents",  "rented",   "rent", "renting",   "sublets", "sublet"};
    auto& claims = a.extraction.claims;
    const std::size_t n = claims.size();
    for (std::size_t k = 0; k < n; ++k) {
        // active rentals and sales, whose object is the equipment: "X loue/rents/sells ... à/to Y"
        if (claims[k].predicate != "supplies"sv || claims[k].status == ClaimStatus::denied ||
            (claims[k].rule != "en.supplies.rent-to"sv && claims[k].rule != "fr.supplies.louer-a"sv))
            continue;
        for (std::size_t q = 0; q < n; ++q) {
            if (const auto& u = claims[q]; u.predicate != "uses"sv || u.rule != "np.equipped"sv ||
                                           u.sentence_start != claims[k].sentence_start || u.start < claims[k].start ||
                                           u.end > claims[k].end || !a.extraction.entities[u.subject].unnamed)
                continue;
            // copies: user() below adds to `claims`
            const ExtractedClaim c = claims[k], u = claims[q];
            auto user = [&](int who, const char* why) {
                auto t = a.extraction.entities[who].type;
                if (t != EntityType::organization && t != EntityType::person && t != EntityType::group) return;
                ExtractedClaim inferred = c;
                inferred.subject = who;
                inferred.object = u.object;
                inferred.predicate = "uses";
                inferred.rule = c.rule + why;
                inferred.confidence = c.confidence * 0.85;
                claims.push_back(std::move(inferred));
            };
            user(c.object, "+equipment");
            for (const auto& s : a.sentences) {
                if (s.span.start != c.sentence_start) continue;
                bool rent = false;
                for (const auto& t : s.tokens)
                    if (t.start >= c.start && t.end <= u.start && in(kRent, t)) rent = true;
                if (rent && a.extraction.entities[c.subject].type == EntityType::organization)
                    user(c.subject, "+lessor");
                break;
            }
        }
    }
}

// "owns a stake in X", "détient 40 % de X", "a minority holding": a shareholder, not a parent.
bool minority_stake(const Analysis& a, const ExtractedClaim& c) {
    if (c.end <= c.start || c.end > a.text->size()) return false;
    std::string span = a.text->substr(c.start, c.end - c.start);
    for (auto& ch : span) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (std::string_view w :
         {"stake", "%", "percent", "per cent", "pour cent", "participation", "minorit", "shares in"})
        if (span.find(w) != std::string::npos) return true;
    return false;
}

// The company that runs or owns a site: a claim already says so, else the first named
// company of the sentence before the site ("X a ouvert un site à P, financé par Y").
int site_holder(const Analysis& a, const Sentence& s, int site, std::size_t site_token) {
    for (const auto& c : a.extraction.claims)
        if ((c.predicate == "operates"sv || c.predicate == "owns"sv) && c.object == site &&
            a.extraction.entities[c.subject].type == EntityType::organization)
            return c.subject;
    for (const auto& m : s.mentions) {
        if (m.begin >= site_token) break;
        const auto& e = a.extraction.entities[m.entity];
        if (e.type == EntityType::organization && !e.unnamed) return m.entity;
    }
    return -1;
}

}  // namespace

void RelationExtractor::extract(Analysis& a) const {
    auto& claims = a.extraction.claims;
    std::map<std::string, int> attributed;  // who the article cites, for its origin
    StemCache& stems = stem_cache();
    for (std::size_t si = 0; si < a.sentences.size(); ++si) {
        const Sentence& s = a.sentences[si];
        if (s.mentions.size() < 2) continue;
        std::set<std::pair<const Rule*, std::size_t>> read_without_appositions;  // (rule, anchor token)
        SentenceMatcher matcher(a, s, stemmer_, stems);
        std::vector<const std::string*> stem_list;
        matcher.collect_stems(stem_list);
        const std::vector<std::uint32_t> viable = rules_.viable(s.tokens, stem_list, a.french);
        std::optional<SentenceTone> tone;
        auto run_rules = [&](SentenceMatcher& matcher, bool skipping) {
            const auto& units = matcher.units();
            for (std::uint32_t r : viable) {
                const Rule& rule = rules_.rules()[r];
                if (!rule.language.empty() && rule.language != a.language &&
                    !(!a.french && rule.language == "en"sv))
                    continue;
                for (const Match& m : matcher.run(rule)) {
                    std::size_t anchor_token = m.anchor == SIZE_MAX ? SIZE_MAX : units[m.anchor].begin;
                    if (skipping)
                        read_without_appositions.insert({&rule, anchor_token});
                    else if (read_without_appositions.count({&rule, anchor_token}))
                        continue;  // the main clause's reading wins over a parenthetical actor
                    int subj = units[m.subject].entity, obj = units[m.object].entity;
                    if (subj < 0 || obj < 0 || subj == obj) continue;
                    std::size_t tb = units[m.first].begin, te = units[m.last].end;
                    if (!tone) tone = sentence_tone(a, s);
                    Assessment as = assess(a, s, tb, te, rule.predicate, matcher.dropped(), *tone);
                    // Coordination extends away from the verb: "X et Y louent", "à X et Y",
                    // "funded by X and Y".
                    int subject_side = m.subject < m.object ? -1 : +1;
                    auto subjects = coordinated(a, s, units, m.subject, subject_side);
                    subjects.insert(subjects.begin(), subj);
                    auto objects = coordinated(a, s, units, m.object, -subject_side);
                    objects.insert(objects.begin(), obj);
                    // What follows the claim in its sentence qualifies it too: "... to X for $2 per hour".
                    auto quals = qualifiers(a, s, tb, s.tokens.size());
                    if (m.product >= 0 && units[m.product].entity >= 0)
                        quals.push_back({"product", a.extraction.entities[units[m.product].entity].name});
                    // "un second site à Mérignac, financé par X": who funds a site funds the
                    // company that runs or owns it.
                    if (rule.predicate == "funds"sv)
                        for (int& y : objects)
                            if (a.extraction.entities[y].type == EntityType::facility)
                                y = site_holder(a, s, y, units[m.object].begin);
                    for (int x : subjects)
                        for (int y : objects) {
                            if (x == y || y < 0) continue;
                            if (!fits_ontology(rule.predicate, a.extraction.entities[x].type,
                                               a.extraction.entities[y].type))
                                continue;
                            add_claim(a, si, x, rule.predicate, y, tb, te, rule.id,
                                      rule.confidence * status_factor(as.status));
                            auto& c = claims.back();
                            c.status = as.status;
                            c.attribution = as.attribution;
                            c.qualifiers = quals;
                        }
                }
            }
        };
        // The reading without appositions first: its matches win (see run_rules).
        SentenceMatcher without_appositions = matcher;  // with the stems already looked up
        if (without_appositions.skip_appositions()) run_rules(without_appositions, true);
        run_rules(matcher, false);
        const auto& units = matcher.units();
        // Who the sentence attributes its facts to.
        for (std::size_t u = 0; u + 1 < units.size(); ++u) {
            if (units[u].entity >= 0) continue;
            const std::string& w = s.tokens[units[u].begin].folded;
            if (!in(kAttributionIntro, s.tokens[units[u].begin]) && w != "rapporte"sv && w != "reported"sv &&
                w != "reports"sv)
                continue;
            for (std::size_t v = u + 1; v < std::min(units.size(), u + 4); ++v)
                if (units[v].entity >= 0) {
                    const auto& e = a.extraction.entities[units[v].entity];
                    if (e.type == EntityType::organization && !e.unnamed) ++attributed[e.name];
                    break;
                }
        }
    }
    add_member_claims(a);
    add_implied_payers(a);
    add_listed_restrictions(a);
    add_agentless_listings(a);
    add_round_joiners(a);
    add_passive_shipments(a);
    add_equipment_users(a);
    int best = 0;
    for (auto& [name, n] : attributed)
        if (n > best) best = n, a.extraction.origin = name;

    keep_most_confident(claims);
    // A maker named as a customer is a misreading: "des puces Nvidia par l'intermédiaire de
    // courtiers" makes the brokers intermediaries for the buyers, not for Nvidia.
    std::set<int> producers;
    for (const auto& c : claims)
        if (c.predicate == "produces"sv) producers.insert(c.subject);
    claims.erase(std::remove_if(claims.begin(), claims.end(),
                                [&](const ExtractedClaim& c) {
                                    return (c.predicate == "supplies"sv || c.predicate == "intermediary_for"sv) &&
                                           producers.count(c.object);
                                }),
                 claims.end());
    // What a claim implies in the ontology: a founder is affiliated with what they founded;
    // a parent owns its subsidiary (so supply chains run through it).
    std::size_t n = claims.size();
    for (std::size_t k = 0; k < n; ++k) {
        const ExtractedClaim& c = claims[k];  // read before the push_back below moves it
        const char* predicate = nullptr;
        const char* suffix = nullptr;
        double factor = 1.0;
        if (c.predicate == "founded_by"sv && a.extraction.entities[c.object].type == EntityType::person) {
            predicate = "affiliated_with", suffix = "+founder";
        } else if (c.predicate == "subsidiary_of"sv &&
                   a.extraction.entities[c.object].type == EntityType::organization) {
            predicate = "owns", suffix = "+parent", factor = 0.9;
        } else if (c.predicate == "owns"sv && a.extraction.entities[c.subject].type == EntityType::organization &&
                   a.extraction.entities[c.object].type == EntityType::organization && !minority_stake(a, c)) {
            // ... and a company owned by another is its subsidiary ("détenu par", "owned by").
            predicate = "subsidiary_of", suffix = "+owned", factor = 0.9;
        } else {
            continue;
        }
        ExtractedClaim inferred = c;
        std::swap(inferred.subject, inferred.object);
        inferred.predicate = predicate;
        inferred.rule += suffix;
        inferred.confidence *= factor;
        claims.push_back(std::move(inferred));
    }
    auto redirect = find_appositions(a);
    // Who runs a facility uses the chips it holds: "Puncak runs a data center of H100s".
    std::map<int, std::vector<int>> held;  // facility -> products
    for (const auto& c : claims)
        if (c.predicate == "uses"sv && a.extraction.entities[c.subject].type == EntityType::facility &&
            a.extraction.entities[c.object].type == EntityType::product)
            held[c.subject].push_back(c.object);
    n = claims.size();
    for (std::size_t k = 0; k < n; ++k) {
        if ((claims[k].predicate != "operates"sv && claims[k].predicate != "owns"sv) ||
            claims[k].status == ClaimStatus::denied)
            continue;
        const ExtractedClaim c = claims[k];  // a copy: the push_back below may move claims
        int root = c.subject;                // "l'opérateur ..., son campus": the operator may be a name's apposition
        while (redirect[root] >= 0) root = redirect[root];
        const auto& owner = a.extraction.entities[root];
        if (owner.type != EntityType::organization || owner.unnamed) continue;
        auto it = held.find(c.object);
        if (it == held.end()) continue;
        for (int product : it->second) {
            ExtractedClaim inferred = c;
            inferred.predicate = "uses";
            inferred.object = product;
            inferred.rule = c.rule + "+holds";
            inferred.confidence *= 0.85;
            claims.push_back(std::move(inferred));
        }
    }
    // "Nvidia chips" next to the H100 of the same sentence is the H100, not another product
    // Nvidia makes.
    {
        std::set<std::pair<std::size_t, int>> specific;  // (sentence, maker) with a named product
        for (const auto& c : claims)
            if (c.predicate == "produces"sv && !a.extraction.entities[c.object].unnamed)
                specific.insert({c.sentence_start, c.subject});
        claims.erase(std::remove_if(claims.begin(), claims.end(),
                                    [&](const ExtractedClaim& c) {
                                        return c.predicate == "produces"sv && a.extraction.entities[c.object].unnamed &&
                                               c.rule == "np.maker"sv && specific.count({c.sentence_start, c.subject});
                                    }),
                     claims.end());
    }
    // "une société hongkongaise" places a named company it describes, or a subsidiary or
    // facility abroad; an anonymous "Chinese manufacturer" is too vague to place.
    claims.erase(std::remove_if(claims.begin(), claims.end(),
                                [&](const ExtractedClaim& c) {
                                    if (c.rule == "np.demonym_group"sv) return true;  // members have their copy
                                    if (c.rule != "np.demonym"sv || redirect[c.subject] >= 0) return false;
                                    const auto& info = a.info[c.subject];
                                    return a.extraction.entities[c.subject].unnamed &&
                                           info.head != HeadClass::subsidiary &&
                                           a.extraction.entities[c.subject].type == EntityType::organization;
                                }),
                 claims.end());
    compact(a.extraction, redirect);
    keep_most_confident(a.extraction.claims);  // merged actors can make claims meet
}

}  // namespace chipgraph::ingest
