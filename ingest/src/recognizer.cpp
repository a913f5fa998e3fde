#include "recognizer.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "chipgraph/core/text.hpp"
#include "fixed_words.hpp"

namespace chipgraph::ingest {

using namespace std::string_view_literals;  // token == "word"sv: no strlen, no call

namespace {

using Words = FixedWords;

// Function words that tie a noun phrase together. Folded forms.
const Words kDefinite = {"le", "la", "les", "l'", "the", "ce", "cet", "cette", "ces", "this", "these", "those"};
const Words kIndefinite = {"un", "une", "des", "d'", "a", "an", "some", "plusieurs", "several", "certaines",
                           "certains", "deux", "trois", "autre", "another"};
const Words kPossessiveDet = {"son", "sa", "ses", "leur", "leurs", "its", "his", "her", "their", "my", "mon", "ma", "mes"};
const Words kPersonPossessive = {"son", "sa", "ses", "his", "her", "my", "mon", "ma", "mes"};
// First person: in an interview or a quote, the person speaking.
const Words kFirstPerson = {"i", "me", "je", "j'", "moi"};
// First person plural: in a company's post, letter or release, the company itself.
const Words kWePossessive = {"notre", "nos", "our"};
const Words kWePronoun = {"nous", "we", "us"};
const Words kLocativeParticiple = {"base",     "basee",   "bases",     "basees",   "situe",     "situee",
                                   "situes",   "situees", "installe",  "installee", "installes", "installees",
                                   "etabli",   "etablie", "etablis",   "etablies", "implante",  "implantee",
                                   "implantes", "implantees", "domicilie", "domiciliee", "enregistre",
                                   "enregistree", "based", "located", "headquartered", "registered", "domiciled",
                                   "incorporated", "sise"};
const Words kPlacePrep = {"a", "en", "au", "aux", "dans", "in", "at", "de", "d'", "du", "from", "of", "des"};
const Words kOfPrep = {"de", "d'", "du", "of", "des"};
const Words kEquipped = {"avec",   "with",     "equipe",   "equipee",  "equipes",   "equipees",  "equipped",
                         "contenant", "containing", "dote",  "dotee",    "dotes",     "dotees",    "powered",
                         "running", "fonctionnant", "alimente", "alimentes", "utilisant", "using", "by", "par",
                         "de", "d'", "des", "les", "ces", "the", "sur", "on", "du"};
const Words kFiller = {"d'",         "de",        "en",        "ia",          "ai",         "intelligence",
                       "artificielle", "artificial", "informatique", "cloud",   "computing",  "privee",
                       "privees",    "prive",     "prives",    "private",     "locale",     "locales",
                       "local",      "locaux",    "technologique", "technologiques", "tech", "technology",
                       "propre",     "propres",   "own",       "etrangere",   "etrangeres", "etranger",
                       "etrangers",  "foreign",   "overseas",  "offshore",    "nouvelle",   "nouvelles",
                       "new",        "autre",     "other",     "grande",      "grandes",    "large",
                       "major",      "petite",    "small",     "puissants",   "puissantes", "powerful",
                       "haut",       "gamme",     "la",        "l'",          "computer",   "computers",
                       "services",   "service",   "de calcul", "calcul",      "gpu",        "gpus",
                       "numerique",  "donnees",   "data",      "specialisee", "specialisees", "specialise",
                       "specialises", "specialized", "specialised", "dans", "les", "reconnaissance",
                       "vocale",     "faciale",   "semi-conducteurs", "semiconductor", "chip", "puces",
                       "anciens",    "anciennes", "ancien",    "former",      "mere",       "ecran",
                       "ville",      "city",      "province",  "region",      "municipalite", "municipal",
                       "investissement", "investment", "capital-risque", "venture"};
// Adjectives that may stand before an English head: "private cloud companies", "former employees".
const Words kPreFiller = {"ai", "cloud", "computing", "private", "local", "tech", "technology", "foreign",
                          "overseas", "offshore", "new", "other", "large", "major", "small", "powerful", "data",
                          "gpu", "former", "anciens", "anciennes", "ancien", "nouvelle", "nouvelles", "autre",
                          "autres", "grande", "grandes", "petite", "petites", "mysterious", "unnamed", "anonymous",
                          "little-known", "obscure", "state-backed", "state-owned", "chip", "semiconductor",
                          "hosting", "cloud-computing", "front", "shell", "own", "propres", "propre", "certaines",
                          "certains", "plusieurs", "nombreuses", "nombreux", "many", "several", "some", "regional",
                          "domestic", "international", "global", "leading", "smaller", "larger", "independent"};
const Words kRegulation = {"sanctions", "restrictions", "controles", "controle", "interdiction", "interdictions",
                           "embargo", "regles", "reglementations", "mesures", "limitations", "regulations",
                           "exportation", "l'exportation", "exportations", "noire"};
const Words kAdvancedChip = {"avancees", "avancee", "advanced", "haut", "high-end", "interdites", "banned",
                             "restricted", "convoitees", "sophistiquees", "cutting-edge", "leading-edge",
                             "pointe", "ia", "ai", "d'ia"};
const Words kConjunction = {"et", "and", "ou", "or", ","};
const Words kRelative = {"qui", "which", "who", "lequel", "laquelle", "lesquels", "lesquelles", "dont"};
const Words kPersonPronoun = {"il", "he", "she"};
const Words kAmbiguousPronoun = {"elle"};
const Words kGroupPronoun = {"ils", "elles", "they"};
const Words kSpeechVerb = {"a", "said", "says", "told", "explained", "added", "declared", "affirme", "explique",
                           "ajoute", "declare", "estime", "indique", "wrote", "writes", "noted"};
const Words kInstitutionWords = {"bank", "university", "institute", "academy", "council", "authority", "corporation"};
// Participles of founding before "by"/"par": who follows is a founder.
const Words kFoundedVerb = {"founded", "cofounded", "co-founded", "established", "fondee", "fonde", "fondees",
                            "fondes", "cofondee", "cofonde", "co-fondee", "co-fonde", "creee", "cree"};
const Words kCalled = {"appelee", "appele", "nommee", "nomme", "baptisee", "baptise", "called", "named",
                       "dubbed", "denommee", "connue", "known"};
// Before "Washington", these make it the city; otherwise it is the government acting
// ("Washington a imposé", "la liste noire de Washington").
const Words kLocativeBefore = {"a", "in", "at", "from", "to", "vers", "pres", "near", "en", "dans", "outside", "hors"};
const Words kMonthsAndDays = {
    "janvier", "fevrier", "mars",   "avril",    "mai",      "juin",     "juillet", "aout",   "septembre",
    "octobre", "novembre", "decembre", "january", "february", "march",  "april",   "may",    "june",
    "july",    "august",  "september", "october", "november", "december", "lundi", "mardi",  "mercredi",
    "jeudi",   "vendredi", "samedi", "dimanche", "monday",  "tuesday",  "wednesday", "thursday", "friday",
    "saturday", "sunday"};

bool in(const Words& set, std::string_view w) { return set.contains(w); }
bool in(const Words& set, const Token& t) { return set.contains(t); }

// Length of a locative suffix: "Singapore-based", "Delaware-registered" (0 when none).
std::size_t locative_suffix(std::string_view w) {
    for (std::string_view suffix : {"-based", "-registered", "-headquartered", "-incorporated", "-listed"})
        if (w.size() > suffix.size() && w.substr(w.size() - suffix.size()) == suffix) return suffix.size();
    return 0;
}

bool is_chip_model(std::string_view w) {
    // H100, A100, H20, B20, MI300X, L40S, 910B: letters then digits then optional letters.
    std::size_t i = 0, letters = 0, digits = 0, tail = 0;
    while (i < w.size() && w[i] >= 'A' && w[i] <= 'Z') ++i, ++letters;
    while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i, ++digits;
    while (i < w.size() && w[i] >= 'A' && w[i] <= 'Z') ++i, ++tail;
    return i == w.size() && letters >= 1 && letters <= 4 && digits >= 2 && digits <= 4 && tail <= 2;
}

const Words kChipContext = {"puce",   "puces",   "chip",      "chips",       "gpu",        "gpus",
                            "nvidia", "amd",     "processeur", "processeurs", "accelerateur", "accelerateurs",
                            "accelerator", "accelerators", "semi-conducteurs", "semiconductors", "serveurs",
                            "servers", "huawei", "intel", "carte", "cartes", "graphics", "model", "modele"};

std::string pluralize(const std::string& head) {
    if (head.empty() || head.back() == 's') return head;
    if (head.size() > 1 && head.back() == 'y') return head.substr(0, head.size() - 1) + "ies";
    return head + "s";
}

}  // namespace

ExtractedClaim make_claim(const Sentence& s, int subject, std::string_view predicate, int object, std::size_t start,
                          std::size_t end, std::string_view rule, double confidence) {
    ExtractedClaim c;
    c.subject = subject;
    c.object = object;
    c.predicate = predicate;
    c.sentence_start = s.span.start;
    c.sentence_end = s.span.end;
    c.start = start;
    c.end = end;
    c.rule = rule;
    c.confidence = confidence;
    return c;
}

void add_claim(Analysis& a, std::size_t s, int subject, const std::string& predicate, int object,
               std::size_t begin, std::size_t end, const std::string& rule, double confidence) {
    if (subject < 0 || object < 0 || subject == object) return;
    const auto& sent = a.sentences[s];
    if (sent.tokens.empty()) return;
    begin = std::min(begin, sent.tokens.size() - 1);
    end = std::clamp(end, begin + 1, sent.tokens.size());
    a.extraction.claims.push_back(make_claim(sent, subject, predicate, object, sent.tokens[begin].start,
                                             sent.tokens[end - 1].end, rule, confidence));
}

namespace {

// Per-document recognition state.
class DocRecognizer {
public:
    DocRecognizer(Analysis& a, const Gazetteer& gaz, const Lexicon& lex) : a_(a), gaz_(gaz), lex_(lex) {}

    void run();

private:
    struct PhraseModifiers {
        std::vector<std::pair<int, std::size_t>> places;  // entity, token where its mention starts
        int demonym_place = -1;
        int possessor = -1;
        int product = -1;
        int maker = -1;   // organization named inside the phrase (maker of chips, parent...)
        std::string quantity;
        bool abroad = false;             // "servers located abroad"
        int alternative_place = -1;      // "une société de Dubaï ou de Singapour"
        std::size_t begin = 0, end = 0;  // token span of the whole phrase
    };

    std::string_view raw(const Sentence& s, std::size_t b, std::size_t e) const {
        return std::string_view(*a_.text).substr(s.tokens[b].start, s.tokens[e - 1].end - s.tokens[b].start);
    }
    int intern_named(const std::string& name, EntityType type, int gazetteer_entry);
    int intern_unnamed(const std::string& key, const std::string& name, EntityType type, HeadClass head);
    void add_alias(int entity, std::string_view surface);
    void add_mention(Sentence& s, std::size_t b, std::size_t e, int entity, bool anaphor);
    int mention_at(const Sentence& s, std::size_t token) const;
    const TokenMention* mention_starting(const Sentence& s, std::size_t token) const;
    const TokenMention* mention_ending(const Sentence& s, std::size_t end) const;
    EntityType type_of(int e) const { return a_.extraction.entities[e].type; }

    void find_gazetteer_names(Sentence& s);
    void find_chip_models(Sentence& s);
    void find_state_adjectives(Sentence& s);
    void find_unknown_names(Sentence& s, std::size_t index);
    void resolve_phrases_and_pronouns(Sentence& s, std::size_t index);
    bool try_noun_phrase(Sentence& s, std::size_t index, std::size_t& i);
    void note(int entity);
    void link_products_to_makers(Sentence& s, std::size_t index);
    void join_country_units(Sentence& s, std::size_t index);

    Analysis& a_;
    const Gazetteer& gaz_;
    const Lexicon& lex_;
    std::unordered_map<std::string, int> named_, unnamed_;
    std::vector<std::pair<std::string, int>> last_words_;  // last word of multi-word company names
    std::unordered_map<std::string, int> short_names_;  // "Koh" for Adrian Koh, "Kestrel" for Kestrel Grid
    std::unordered_map<std::string, int> maybe_short_names_;  // last words of names typed by default
    std::unordered_map<std::string, int> capitalized_counts_;
    int last_person_ = -1, last_org_ = -1, last_group_ = -1, last_named_org_ = -1;
    std::unordered_map<int, int> named_org_mentions_;  // how often each named company came up
    // The company the article is about so far: the named one mentioned most, the latest of
    // those on a tie (-1 before any).
    int topic_org() const {
        int best = last_named_org_, most = best >= 0 ? named_org_mentions_.at(best) : 0;
        for (const auto& [e, n] : named_org_mentions_)
            if (n > most) best = e, most = n;
        return best;
    }
    int seen_ = 0, person_seen_ = 0, org_seen_ = 0;  // order in which persons and companies were last named
    int prev_distinct_org_ = -1;                     // the named company before the last one
    int speaker_ = -1;                               // the person named most often, who says "I"
    int we_org_ = -1;                                // the organization named most often, who says "we"
    int first_actor_ = -1, prev_first_actor_ = -1;   // first person or company of this and the previous sentence
    std::array<int, 2> cur_two_{-1, -1}, prev_two_{-1, -1};  // first two named companies, this and previous sentence
    struct Pair {
        int first = -1, second = -1;
        std::size_t sentence = 0;
    } pair_;                                         // the last "X and Y" of two named companies
    std::size_t plural_anaphor(const Sentence& s, std::size_t i) const;
    void possessive_role(Sentence& s, std::size_t index, const TokenMention& person);
    bool own_customer(Sentence& s, std::size_t index, std::size_t i);
    int named_ending_with(std::string_view word) const;
    std::array<int, 9> last_by_head_{-1, -1, -1, -1, -1, -1, -1, -1, -1};
    std::unordered_map<std::string, int> last_by_english_;  // head word -> latest actor it named
    std::unordered_map<int, std::string> english_of_;
    std::unordered_map<std::string, int> gov_of_country_;     // country -> its government entry
};

int DocRecognizer::intern_named(const std::string& name, EntityType type, int gazetteer_entry) {
    std::string key = text::entity_key(name);
    if (auto it = named_.find(key); it != named_.end()) return it->second;
    int index = static_cast<int>(a_.extraction.entities.size());
    a_.extraction.entities.push_back({name, type, false, {}});
    a_.info.push_back({false, HeadClass::organization, gazetteer_entry});
    if (auto space = key.rfind(' '); type == EntityType::organization && space != std::string::npos)
        last_words_.emplace_back(key.substr(space + 1), index);
    named_.emplace(key, index);
    return index;
}

int DocRecognizer::intern_unnamed(const std::string& key, const std::string& name, EntityType type, HeadClass head) {
    if (auto it = unnamed_.find(key); it != unnamed_.end()) return it->second;
    int index = static_cast<int>(a_.extraction.entities.size());
    a_.extraction.entities.push_back({name, type, true, {}});
    a_.info.push_back({true, head, -1});
    unnamed_.emplace(key, index);
    return index;
}

void DocRecognizer::add_alias(int entity, std::string_view surface) {
    auto& aliases = a_.extraction.entities[entity].aliases;
    std::string s(surface);
    if (s.size() > 200) return;
    if (std::find(aliases.begin(), aliases.end(), s) == aliases.end()) aliases.push_back(std::move(s));
}

void DocRecognizer::add_mention(Sentence& s, std::size_t b, std::size_t e, int entity, bool anaphor) {
    s.mentions.push_back({b, e, entity, anaphor, {}});
    // By position, the longer first: a phrase wins over the place it starts with.
    std::sort(s.mentions.begin(), s.mentions.end(), [](const TokenMention& x, const TokenMention& y) {
        return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
    });
    a_.extraction.mentions.push_back({entity, s.tokens[b].start, s.tokens[e - 1].end});
    if (!anaphor) add_alias(entity, raw(s, b, e));
}

// The sentence's mentions are sorted by their first token (add_mention): the searches
// below stop at the first that starts too late.
int DocRecognizer::mention_at(const Sentence& s, std::size_t token) const {
    for (const auto& m : s.mentions) {
        if (m.begin > token) break;
        if (token < m.end) return m.entity;
    }
    return -1;
}

const TokenMention* DocRecognizer::mention_starting(const Sentence& s, std::size_t token) const {
    for (const auto& m : s.mentions) {
        if (m.begin > token) break;
        if (m.begin == token) return &m;
    }
    return nullptr;
}

const TokenMention* DocRecognizer::mention_ending(const Sentence& s, std::size_t end) const {
    for (const auto& m : s.mentions) {
        if (m.begin >= end) break;
        if (m.end == end) return &m;
    }
    return nullptr;
}

void DocRecognizer::note(int e) {
    if (e < 0) return;
    const auto& ent = a_.extraction.entities[e];
    const auto& info = a_.info[e];
    switch (ent.type) {
        case EntityType::person:
            last_person_ = e;
            person_seen_ = ++seen_;
            break;
        case EntityType::organization:
            last_org_ = e;
            org_seen_ = ++seen_;
            if (!ent.unnamed) {
                last_named_org_ = e;
                ++named_org_mentions_[e];
            }
            break;
        case EntityType::group: last_group_ = e; break;
        default: break;
    }
    if (info.has_head && ent.type != EntityType::group) last_by_head_[static_cast<std::size_t>(info.head)] = e;
    if (auto it = english_of_.find(e); it != english_of_.end()) last_by_english_[it->second] = e;
}

void DocRecognizer::find_gazetteer_names(Sentence& s) {
    auto& toks = s.tokens;
    for (std::size_t i = 0; i < toks.size();) {
        if (toks[i].is(kPunct) || toks[i].is(kElision)) {
            ++i;
            continue;
        }
        const auto* hit = gaz_.aliases().match(toks, i, [&](const auto& entry) {
            const AliasRef& ref = entry.payload;
            std::size_t n = entry.words.size();
            if (ref.case_rule == CaseRule::exact) {
                std::string_view r = raw(s, i, i + n);
                std::size_t pos = 0;
                while (pos < r.size()) {
                    char32_t c = text::decode(r, pos);
                    if (text::is_letter(c) && !text::is_upper(c)) return false;
                }
                return true;
            }
            if (ref.case_rule == CaseRule::capitalized) {
                // Words capitalized in the alias must be capitalized in the text: "Le Monde"
                // is a newspaper, "le monde" is not; "département américain du Commerce" is.
                for (std::size_t k = 0; k < n; ++k)
                    if (ref.capitalized[k] && !(toks[i + k].is(kCapitalized) || toks[i + k].is(kAllCaps) ||
                                                toks[i + k].is(kNumber)))
                        return false;
            }
            return true;
        });
        if (!hit) {
            ++i;
            continue;
        }
        std::size_t n = hit->words.size();
        const GazetteerEntry* entry = &gaz_.entries()[hit->payload.entry];
        // "Zhiyuan Dynamics" is another company than the "Zhiyuan" of the gazetteer: a
        // one-word name followed by a company word starts an unknown name.
        if (entry->type == EntityType::organization && n == 1 && i + 1 < toks.size() &&
            toks[i + 1].is(kCapitalized) && lex_.org_suffixes.contains(toks[i + 1]) &&
            !gaz_.aliases().match(toks, i + 1)) {
            ++i;
            continue;
        }
        // ... or one that opens a longer name the article already used: "Fortune Gate" after
        // "Fortune Gate Advisory".
        if (entry->type == EntityType::organization && n == 1 && i + 1 < toks.size() && toks[i + 1].is(kCapitalized)) {
            std::string key = text::entity_key(std::string(raw(s, i, i + 2)));
            bool longer = false;
            for (const auto& [k2, idx] : named_)
                longer = longer || (k2.size() >= key.size() && k2.compare(0, key.size(), key) == 0 &&
                                    (k2.size() == key.size() || k2[key.size()] == ' '));
            if (longer) {
                ++i;
                continue;
            }
        }
        // ... and so does one followed by another capitalized word and a company word:
        // "Fortune Gate Advisory" is not the magazine.
        if (entry->type == EntityType::organization && n == 1 && i + 2 < toks.size() && toks[i + 1].is(kCapitalized) &&
            !toks[i + 1].is(kAllCaps) && toks[i + 2].is(kCapitalized) && lex_.org_suffixes.contains(toks[i + 2]) &&
            !lex_.org_suffixes.contains(toks[i + 1]) && !gaz_.aliases().match(toks, i + 1) &&
            !gaz_.aliases().match(toks, i + 2)) {
            ++i;
            continue;
        }
        int entry_index = static_cast<int>(hit->payload.entry);
        // "Washington" acting (not a place someone is in) stands for the US government.
        if (entry->name == "Washington"sv && !(i > 0 && in(kLocativeBefore, toks[i - 1]))) {
            if (auto gov = gaz_.find("US government")) {
                entry_index = static_cast<int>(*gov);
                entry = &gaz_.entries()[*gov];
            }
        }
        int e = intern_named(entry->name, entry->type, entry_index);
        add_mention(s, i, i + n, e, false);
        // "The Wall Street Journal" is later "the Journal".
        if (n >= 2 && entry->type == EntityType::organization && toks[i + n - 1].folded.size() >= 5 &&
            toks[i + n - 1].is(kCapitalized) && !lex_.org_suffixes.contains(toks[i + n - 1]))
            short_names_.emplace(toks[i + n - 1].folded, e);
        i += n;
    }
}

// "les sanctions américaines", "contrôles à l'exportation américains": the adjective
// names the state that imposes them.
void DocRecognizer::find_state_adjectives(Sentence& s) {
    auto& toks = s.tokens;
    for (std::size_t i = 1; i < toks.size(); ++i) {
        if (mention_at(s, i) >= 0) continue;
        auto place = gaz_.demonym(toks[i]);
        if (!place) continue;
        bool regulation = false;
        for (std::size_t back = 1; back <= 4 && back <= i && !regulation; ++back)
            regulation = in(kRegulation, toks[i - back]);
        if (!regulation) continue;
        const auto& country = gaz_.entries()[*place];
        auto gov = gaz_.government_of(country.name);
        std::size_t entry = gov ? *gov : *place;
        const auto& g = gaz_.entries()[entry];
        int e = intern_named(g.name, g.type, static_cast<int>(entry));
        add_mention(s, i, i + 1, e, false);
    }
}

void DocRecognizer::find_chip_models(Sentence& s) {
    auto& toks = s.tokens;
    bool context = false;
    for (const auto& t : toks) context = context || in(kChipContext, t);
    if (!context) return;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (mention_at(s, i) >= 0) continue;
        std::string_view w = raw(s, i, i + 1);
        if (!is_chip_model(w)) continue;
        int e = intern_named(std::string(w), EntityType::product, -1);
        add_mention(s, i, i + 1, e, false);
    }
}

void DocRecognizer::find_unknown_names(Sentence& s, std::size_t index) {
    auto& toks = s.tokens;
    auto name_like = [&](std::size_t k) {
        const auto& t = toks[k];
        if (t.is(kPunct) || t.is(kElision) || t.is(kNumber)) return false;
        if (!(t.is(kCapitalized) || t.is(kMixedCase) || t.is(kAllCaps))) return false;
        if (mention_at(s, k) >= 0) return false;
        // "US-made", "GPU-hour", "Singapore-based" are adjectives or compounds, not names.
        auto dash = t.folded.rfind('-');
        if (dash != std::string::npos) {
            std::size_t at = t.start + dash + 1;
            if (at < t.end && std::islower(static_cast<unsigned char>((*a_.text)[at]))) return false;
        }
        return true;
    };
    for (std::size_t i = 0; i < toks.size();) {
        if (!name_like(i)) {
            ++i;
            continue;
        }
        // "Lai Chun-ming", "Lee Hsien-loong": a romanized given name whose second syllable is
        // written in lowercase continues a name (not "Hong Kong-based", "Taipei-listed").
        auto syllable_tail = [&](std::size_t k) {
            const auto& t = toks[k];
            if (!t.is(kCapitalized) || t.is(kHasDigit) || mention_at(s, k) >= 0) return false;
            auto dash = t.folded.find('-');
            if (dash == std::string::npos || t.folded.find('-', dash + 1) != std::string::npos) return false;
            std::string_view tail = std::string_view(t.folded).substr(dash + 1);
            static const Words kCompoundTails = {"based", "made", "owned", "led", "run", "born", "backed", "listed",
                                                 "style", "level", "era", "class", "wide", "free", "scale", "grade",
                                                 "sized", "bound", "linked", "focused", "specific", "type", "like",
                                                 "only", "first", "registered", "funded", "controlled", "flagged"};
            if (tail.empty() || tail.size() > 5 || in(kCompoundTails, tail)) return false;
            for (char c : tail)
                if (c < 'a' || c > 'z') return false;
            return true;
        };
        std::size_t j = i + 1;
        while (j < toks.size() && j - i < 6) {
            if (name_like(j) || (j == i + 1 && syllable_tail(j))) {
                ++j;
            } else if (toks[j].folded == "&"sv && j + 1 < toks.size() && name_like(j + 1)) {
                j += 2;
            } else {
                break;
            }
        }
        // Trim stop words and lowercase-able words at the edges ("Selon", "Mais").
        // ... but mid-sentence after a word, a capitalized stop word opens a name: "la banque
        // Crédit Maritime" (while "Crédit : AFP" is a caption).
        while (i < j && (in(kMonthsAndDays, toks[i]) ||
                         (lex_.stop_capitalized.contains(toks[i]) &&
                          !(j - i >= 2 && i > 0 && !toks[i - 1].is(kPunct) && !toks[i - 1].is(kCapitalized)))))
            ++i;
        // "l'éditeur de modèles d'IA Tianqiong AI": "IA" after "de" is the common noun.
        if (j - i >= 2 && i > 0 && (toks[i].folded == "ia"sv || toks[i].folded == "ai"sv) &&
            (toks[i - 1].folded == "d'"sv || toks[i - 1].folded == "de"sv))
            ++i;
        // "le Jordanien Rami Haddad", "the Briton Sam Hill": a nationality before a first
        // name is a descriptor of the person, not part of the name.
        bool nationality_before = false;
        if (j - i >= 3 && gaz_.demonym(toks[i]) && lex_.given_names.contains(toks[i + 1])) {
            ++i;
            nationality_before = true;
        }
        if (i >= j) {
            i = j;
            continue;
        }
        std::size_t n = j - i;
        // "the Entity List", "Federal Register", "Export Control Reform Act": texts, not actors.
        static const Words kDocumentWords = {"list", "register", "act", "rule", "law", "notice", "report",
                                             "order", "regulation", "directive", "liste", "loi", "reglement",
                                             "decret", "journal officiel"};
        if (n >= 2 && in(kDocumentWords, toks[j - 1])) {
            i = j;
            continue;
        }
        // "a $42 million Series B", "une série A": a funding round, not a name.
        if (n == 2 && (toks[i].folded == "series"sv || toks[i].folded == "serie"sv) && toks[i + 1].folded.size() == 1) {
            i = j;
            continue;
        }
        bool initial = i == 0 || toks[i - 1].folded == "\"sv" || toks[i - 1].folded == "«"sv ||
                       toks[i - 1].folded == ":"sv || toks[i - 1].folded == "-"sv || toks[i - 1].folded == "“"sv;
        bool shaped = false;  // iFlytek, AI-Galaxy, 01.AI
        for (std::size_t k = i; k < j; ++k)
            shaped = shaped || toks[k].is(kMixedCase) || toks[k].is(kHasDigit) ||
                     toks[k].folded.find('-') != std::string::npos || toks[k].folded.find('.') != std::string::npos;
        std::string folded_last = toks[j - 1].folded;
        bool suffix = n >= 2 && lex_.org_suffixes.contains(folded_last);
        bool all_caps = true;
        for (std::size_t k = i; k < j; ++k) all_caps = all_caps && toks[k].is(kAllCaps);
        std::string name(raw(s, i, j));

        // A name this article already used.
        const std::string key = text::entity_key(name);
        if (auto known = named_.find(key); known != named_.end()) {
            add_mention(s, i, j, known->second, false);
            i = j;
            continue;
        }
        // A shortened name of an organization this article already named: "Ever Bloom".
        {
            int found = -1;
            for (const auto& [k2, idx] : named_) {
                if (type_of(idx) != EntityType::organization || k2.size() <= key.size()) continue;
                if (k2.compare(0, key.size(), key) == 0 && k2[key.size()] == ' ') found = idx;
                // "Xingyao" after "Chengdu Xingyao Intelligence": a name that opens with its
                // city is called by the words after it.
                std::size_t sp = k2.find(' ');
                if (found != idx && sp != std::string::npos && !mention_ending(s, i) && k2.compare(sp + 1, key.size(), key) == 0 &&
                    (k2.size() == sp + 1 + key.size() || k2[sp + 1 + key.size()] == ' '))
                    if (auto place = gaz_.find(k2.substr(0, sp));
                        place && gaz_.entries()[*place].type == EntityType::place)
                        found = idx;
            }
            if (found >= 0 && key.size() >= 4) {
                add_mention(s, i, j, found, false);
                i = j;
                continue;
            }
        }
        // "Koh said": a two-word name later called by its last word alone is a person.
        if (n == 1) {
            if (auto it = maybe_short_names_.find(toks[i].folded); it != maybe_short_names_.end()) {
                int e = it->second;
                a_.extraction.entities[e].type = EntityType::person;
                short_names_.emplace(toks[i].folded, e);
                maybe_short_names_.erase(it);
            }
        }
        // A surname seen before with its first name.
        if (n == 1) {
            if (auto it = short_names_.find(toks[i].folded); it != short_names_.end()) {
                add_mention(s, i, j, it->second, false);
                i = j;
                continue;
            }
        }
        if (all_caps && n == 1 && toks[i].folded.size() <= 2) {
            i = j;
            continue;
        }
        // "les frères Karim et Nabil Sefrioui", "brothers John and Mark Tan": a first name
        // alone before "et"/"and" and a full name shares its surname.
        if (n == 1 && lex_.given_names.contains(toks[i]) && j + 3 < toks.size() &&
            (toks[j].folded == "et"sv || toks[j].folded == "and"sv) && lex_.given_names.contains(toks[j + 1]) &&
            toks[j + 2].is(kCapitalized) && mention_at(s, j + 1) < 0 &&
            !(j + 3 < toks.size() && toks[j + 3].is(kCapitalized) && !toks[j + 3].is(kPunct))) {
            int e = intern_named(std::string(raw(s, i, j)) + " " + std::string(raw(s, j + 2, j + 3)), EntityType::person, -1);
            add_mention(s, i, j, e, false);
            i = j;
            continue;
        }
        // Context before and after the name.
        bool title_before = i > 0 && lex_.person_titles.contains(toks[i - 1]);
        std::size_t descriptor = i;  // where "Malaysian engineer" in "Malaysian engineer Farid Osman" starts
        bool role_before = false, org_head_before = false, called_before = false;
        if (i > 0) {
            called_before = in(kCalled, toks[i - 1]);
            for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
                std::size_t k = i - back;
                if (toks[k].folded == ","sv) continue;
                if (mention_at(s, k) >= 0) continue;
                if (const auto* h = lex_.heads(a_.french).match(toks, k); h && k + h->words.size() == i - (back == 2 && toks[i - 1].folded == ","sv ? 1 : 0)) {
                    // "le directeur général des douanes, Olivier X": an agency head before a
                    // name is whom the person works for, not the name's own head.
                    if (h->payload.cls != HeadClass::group && h->payload.cls != HeadClass::chips &&
                        h->payload.cls != HeadClass::servers && h->payload.cls != HeadClass::facility &&
                        h->payload.cls != HeadClass::government)
                        org_head_before = true;
                }
            }
            // A role phrase ending right before, maybe with a comma: "un ancien mineur de bitcoins, Derek Aw".
            for (std::size_t k = (i >= 6 ? i - 6 : 0); k < i; ++k) {
                if (const auto* r = lex_.person_roles.match(toks, k)) {
                    std::size_t end = k + r->words.size();
                    if (end == i || (end + 1 == i && toks[end].folded == ","sv)) role_before = true;
                }
            }
            if (lex_.role_words.contains(toks[i - 1]) && !toks[i - 1].is(kCapitalized)) {
                role_before = true;
                descriptor = i - 1;
                while (descriptor > 0 && gaz_.demonym(toks[descriptor - 1]) && mention_at(s, descriptor - 1) < 0)
                    --descriptor;
            }
        }
        bool role_after = false, org_after = false, speech_after = false;
        if (j + 1 < toks.size() && toks[j].folded == ","sv) {
            std::size_t k = j + 1;
            while (k < toks.size() && (in(kIndefinite, toks[k]) || in(kDefinite, toks[k]))) ++k;
            for (std::size_t m = k; m < std::min(toks.size(), k + 4); ++m) {
                if (lex_.person_roles.match(toks, m) || lex_.role_words.contains(toks[m])) {
                    role_after = true;
                    break;
                }
                // "X, said the company": the head belongs to the speaker, not to X.
                if (in(kSpeechVerb, toks[m])) break;
                if (const auto* h = lex_.heads(a_.french).match(toks, m)) {
                    if (h->payload.cls != HeadClass::group && h->payload.cls != HeadClass::chips &&
                        h->payload.cls != HeadClass::servers && h->payload.cls != HeadClass::facility)
                        org_after = true;
                    break;
                }
            }
        }
        if (j + 2 < toks.size() && (toks[j].folded == "is"sv || toks[j].folded == "was"sv || toks[j].folded == "est"sv ||
                                    toks[j].folded == "etait"sv)) {
            for (std::size_t m = j + 1; m < std::min(toks.size(), j + 5); ++m) {
                if (lex_.person_roles.match(toks, m) || lex_.role_words.contains(toks[m])) {
                    role_after = true;
                    break;
                }
                if (const auto* h = lex_.heads(a_.french).match(toks, m)) {
                    org_after = h->payload.cls != HeadClass::group;
                    break;
                }
            }
        }
        if (j < toks.size() && in(kSpeechVerb, toks[j])) {
            speech_after = toks[j].folded != "a"sv ||
                           (j + 1 < toks.size() && (toks[j + 1].folded == "declare"sv || toks[j + 1].folded == "dit"sv ||
                                                    toks[j + 1].folded == "affirme"sv || toks[j + 1].folded == "ajoute"sv ||
                                                    toks[j + 1].folded == "explique"sv || toks[j + 1].folded == "indique"sv));
        }
        bool person_shape = n >= 2 && n <= 4 && !all_caps;
        for (std::size_t k = i; k < j && person_shape; ++k) person_shape = toks[k].is(kCapitalized) || toks[k].is(kElision);
        // "Julien Roussel-Baptiste", "Hélène Marchetti-Vidal": after a known first name, a
        // surname whose hyphenated parts are each capitalized keeps the shape of a person
        // ("AI-Galaxy", "Tian-Data" do not).
        if (person_shape && shaped) {
            person_shape = lex_.given_names.contains(toks[i]);
            for (std::size_t k = i + 1; k < j && person_shape; ++k) {
                std::string_view w = raw(s, k, k + 1);
                if (toks[k].is(kHasDigit) || w.find('.') != std::string_view::npos) person_shape = false;
                for (std::size_t c = 1; c < w.size() && person_shape; ++c) {
                    bool upper = std::isupper(static_cast<unsigned char>(w[c])) != 0;
                    if (upper != (w[c - 1] == '-')) person_shape = false;
                }
            }
        }
        // "founded in 2017 by Rashid Al-Mansoori and ...", "fondée par X et Y": founders are
        // people; a hyphenated surname (Al-Mansoori, Le-Bihan) keeps the shape of a person.
        bool founder = false;
        if (n >= 2 && n <= 4 && !all_caps && !suffix) {
            bool plain = true;
            for (std::size_t k = i; k < j && plain; ++k)
                plain = !toks[k].is(kHasDigit) && (toks[k].is(kCapitalized) || toks[k].is(kElision) ||
                                                   (toks[k].is(kMixedCase) && toks[k].folded.find('-') != std::string::npos));
            std::size_t k = i;
            for (int steps = 0; plain && k > 0 && steps < 10; ++steps) {
                std::string_view w = toks[k - 1].folded;
                const auto* pm = mention_ending(s, k);
                if (pm && type_of(pm->entity) == EntityType::person) {
                    k = pm->begin;
                } else if (w == "and"sv || w == "et"sv || w == ","sv) {
                    --k;
                } else if (w == "by"sv || w == "par"sv) {
                    std::size_t v = k - 1;
                    // a date between the verb and "by": "founded in 2017 by"
                    while (v > 0 && v + 4 > k && (toks[v - 1].is(kNumber) || in(kMonthsAndDays, toks[v - 1]) ||
                                                  toks[v - 1].folded == "in"sv || toks[v - 1].folded == "en"sv))
                        --v;
                    founder = v > 0 && in(kFoundedVerb, toks[v - 1]);
                    break;
                } else {
                    break;
                }
            }
        }
        // A known first name ("Marcus Teo", "Liam O'Connor") or a family name written first
        // ("Chen Jialin", "Lim Chee Keong") makes a person; "Banque Boronia" is a company.
        bool given_name = person_shape && lex_.given_names.contains(toks[i]) && !suffix;
        bool org_start = n >= 2 && lex_.org_name_starts.contains(toks[i]);
        // "in Flushing, New York", "à Laem Chabang, en Thaïlande": a place inside a place.
        bool place_context = false;
        if (i > 0 && !suffix && j + 1 < toks.size() && toks[j].folded == ","sv) {
            static const Words kIn = {"in", "at", "near", "a", "pres", "dans"};
            const auto* next = mention_starting(s, j + 1);
            place_context = in(kIn, toks[i - 1]) && next && type_of(next->entity) == EntityType::place;
        }

        // "a marketplace based in Tallinn", "installée à Lannion", "né à Roubaix": an unknown
        // name there is a place.
        static const Words kLocatedWords = {"based", "headquartered", "located", "situated", "base", "basee", "bases",
                                            "basees", "installe", "installee", "installes", "installees", "situe",
                                            "situee", "implante", "implantee", "etablie", "etabli", "domicilie",
                                            "domiciliee", "ne", "nee", "born", "raised"};
        if (!suffix && !shaped && n <= 3 && i >= 2 && (toks[i - 1].folded == "in"sv || toks[i - 1].folded == "a"sv) &&
            in(kLocatedWords, toks[i - 2]))
            place_context = true;
        // "un second site à Mérignac", "a data center in Ishikari": after a site's head noun.
        if (!suffix && !shaped && !place_context && n <= 2 && i >= 2 &&
            (toks[i - 1].folded == "in"sv || toks[i - 1].folded == "a"sv || toks[i - 1].folded == "at"sv))
            for (std::size_t k = (i >= 5 ? i - 5 : 0); k + 1 < i && !place_context; ++k)
                if (const auto* h = lex_.heads(a_.french).match(toks, k);
                    h && k + h->words.size() + 1 == i && h->payload.cls == HeadClass::facility)
                    place_context = true;
        // "Fos-sur-Mer", "Aix-en-Provence", "Châlons-en-Champagne", "Stratford-upon-Avon": a
        // hyphenated name joined by a place connector is a town.
        if (!suffix && n <= 2) {
            static const Words kToponymLinks = {"sur", "en", "les", "le", "la", "de", "du", "des", "aux", "sous", "upon", "on", "under"};
            for (std::size_t k = i; k < j && !place_context; ++k) {
                std::string_view w = raw(s, k, k + 1);
                std::size_t a = w.find('-');
                while (a != std::string_view::npos && !place_context) {
                    std::size_t b = w.find('-', a + 1);
                    if (b == std::string_view::npos) break;
                    std::string link(w.substr(a + 1, b - a - 1));
                    for (auto& c : link) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    place_context = a > 0 && b + 1 < w.size() && in(kToponymLinks, std::string_view(link)) &&
                                    std::isupper(static_cast<unsigned char>(w[b + 1])) != 0;
                    a = b;
                }
            }
        }
        std::optional<EntityType> type;
        bool undecided = false;
        if (place_context)
            type = EntityType::place;
        else if (founder)
            type = EntityType::person;
        else if (given_name && (called_before || title_before || role_before || role_after || org_after || speech_after ||
                                nationality_before || !org_head_before))
            type = EntityType::person;
        else if (suffix || org_head_before || org_after || called_before || org_start)
            type = EntityType::organization;
        else if (title_before || role_before || role_after)
            type = EntityType::person;
        else if (person_shape && (speech_after || role_after))
            type = EntityType::person;
        else if (shaped && !(n == 1 && all_caps && toks[i].folded.size() <= 3))
            type = EntityType::organization;
        else if (n == 1 && !initial && capitalized_counts_[toks[i].folded] >= 2 && !gaz_.demonym(toks[i]))
            type = EntityType::organization;
        else if (n >= 2 && !all_caps) {
            type = EntityType::organization;  // a person is introduced by a role, a title or speech
            undecided = person_shape;         // ... or is later called by the surname alone
        }
        if (!type || (n == 1 && gaz_.demonym(toks[i]))) {
            i = j;
            continue;
        }
        // "Hefei Chuangxin Capital": a city before a company name is part of the name,
        // and says where the company is.
        int place_prefix = -1;
        if (*type == EntityType::organization && i > 0) {
            if (const auto* pm = mention_ending(s, i); pm && type_of(pm->entity) == EntityType::place && !pm->anaphor &&
                                                         pm->end - pm->begin == 1 && !(pm->begin > 0 && in(kPlacePrep, toks[pm->begin - 1]))) {
                place_prefix = pm->entity;
                std::size_t b = pm->begin;
                s.mentions.erase(std::find_if(s.mentions.begin(), s.mentions.end(),
                                              [&](const TokenMention& m) { return m.begin == b && m.end == i; }));
                i = b;
                name = std::string(raw(s, i, j));
            }
        }
        // "Development Bank of Japan", "National University of Singapore": an institution
        // word and "of" a place are part of the name.
        if (*type == EntityType::organization && n >= 2 && j + 1 < toks.size() && toks[j].folded == "of"sv &&
            in(kInstitutionWords, toks[j - 1])) {
            if (const auto* pm = mention_starting(s, j + 1); pm && type_of(pm->entity) == EntityType::place) {
                std::size_t b = pm->begin, pe = pm->end;
                s.mentions.erase(std::find_if(s.mentions.begin(), s.mentions.end(),
                                              [&](const TokenMention& m) { return m.begin == b && m.end == pe; }));
                j = pe;
                name = std::string(raw(s, i, j));
            }
        }
        int e = intern_named(name, *type, -1);
        add_mention(s, i, j, e, false);
        if (place_prefix >= 0) add_claim(a_, index, e, "located_in", place_prefix, i, j, "name.place_prefix", 0.6);
        // The descriptor belongs to the mention, so rules see "by [engineer Farid Osman]".
        if (descriptor < i && *type == EntityType::person) {
            for (auto& m : s.mentions)
                if (m.begin == i && m.entity == e) m.begin = descriptor;
            // "Hengyu's chairman Lai Chun-ming", "Qiyuan's co-founder Zhou Mingde": the
            // possessor of the role is the person's company.
            if (descriptor >= 2 && toks[descriptor - 1].folded == "'s"sv)
                if (const auto* owner = mention_ending(s, descriptor - 1);
                    owner && type_of(owner->entity) == EntityType::organization) {
                    add_claim(a_, index, e, "affiliated_with", owner->entity, owner->begin, j, "name.possessive_role", 0.7);
                    static const Words kFounderWords = {"founder", "co-founder", "cofounder"};
                    if (in(kFounderWords, toks[descriptor]))
                        add_claim(a_, index, owner->entity, "founded_by", e, owner->begin, j, "name.possessive_role", 0.7);
                }
        }
        if (*type == EntityType::person && n >= 2) {
            short_names_.emplace(toks[j - 1].folded, e);
            short_names_.emplace(toks[i].folded, e);  // "Farid said": first names are used too
        }
        if (undecided) maybe_short_names_.emplace(toks[j - 1].folded, e);
        if (*type == EntityType::organization && n >= 2) {
            // "Kestrel Grid" is later "Kestrel"; "Hanxing Intelligence" is "Hanxing".
            if (toks[i].folded.size() >= 4 && !lex_.org_suffixes.contains(toks[i])) short_names_.emplace(toks[i].folded, e);
        }
        i = j;
    }
}

bool DocRecognizer::try_noun_phrase(Sentence& s, std::size_t index, std::size_t& i) {
    auto& toks = s.tokens;
    const auto* head = lex_.heads(a_.french).match(toks, i);
    if (!head) return false;
    // A capitalized head mid-sentence is part of a name, not a common noun.
    if (i > 0 && toks[i].is(kCapitalized) && !in(kDefinite, toks[i - 1]) && !in(kIndefinite, toks[i - 1]))
        return false;
    const HeadInfo& h = head->payload;
    std::size_t head_end = i + head->words.size();
    // "the Entity List", "the Data Center Alliance": a capitalized head before another
    // capitalized word is inside a title or a name.
    if (toks[i].is(kCapitalized) && head_end < toks.size() && toks[head_end].is(kCapitalized) &&
        !toks[head_end].is(kAllCaps))
        return false;
    // "la liste des entités": the name of a list, not an actor.
    if (i >= 2 && toks[i - 2].folded == "liste"sv && (toks[i - 1].folded == "des"sv || toks[i - 1].folded == "d'"sv))
        return false;
    // "par l'intermédiaire de X", "through the intermediary of": a preposition, not an actor.
    if (i >= 2 && toks[i - 2].folded == "par"sv && toks[i - 1].folded == "l'"sv) return false;
    // "to fund", "to operate": an English infinitive, not a noun.
    if (!a_.french && i > 0 && toks[i - 1].folded == "to"sv && !h.plural) return false;
    // "lever des fonds", "une levée de fonds": money, not an investment fund.
    if (toks[i].folded == "fonds"sv && i > 0 && (toks[i - 1].folded == "des"sv || toks[i - 1].folded == "de"sv)) return false;
    for (std::size_t k = i; k < head_end; ++k)
        if (mention_at(s, k) >= 0) return false;
    // "a server reseller", "data-center operator": the first noun only modifies the second.
    if (!a_.french && head_end < toks.size() && !toks[head_end].is(kCapitalized))
        if (const auto* next = lex_.heads(a_.french).match(toks, head_end);
            next && next->payload.cls != HeadClass::chips && next->payload.cls != HeadClass::servers)
            return false;

    PhraseModifiers mod;
    mod.begin = i;
    mod.end = head_end;
    std::string det;
    // ---- Look back: determiner, English pre-modifiers, quantity ----
    std::size_t k = i;
    for (int steps = 0; k > 0 && steps < 6; ++steps) {
        const auto& t = toks[k - 1];
        if (const auto* m = mention_ending(s, k)) {
            EntityType ty = type_of(m->entity);
            if (ty == EntityType::place && mod.places.empty()) {
                mod.places.push_back({m->entity, m->begin});
            } else if (ty == EntityType::product && mod.product < 0) {
                mod.product = m->entity;
            } else if (ty == EntityType::organization && mod.maker < 0) {
                mod.maker = m->entity;
            } else {
                break;
            }
            k = m->begin;
            continue;
        }
        if (t.folded == "'s"sv && k >= 2) {
            if (const auto* m = mention_ending(s, k - 1)) {
                EntityType ty = type_of(m->entity);
                if (ty == EntityType::person || ty == EntityType::organization) {
                    mod.possessor = m->entity;
                    k = m->begin;
                }
            }
            break;
        }
        if (auto d = gaz_.demonym(t)) {
            mod.demonym_place = intern_named(gaz_.entries()[*d].name, EntityType::place, static_cast<int>(*d));
            --k;
            continue;
        }
        std::string_view w = t.folded;
        std::size_t suffix = locative_suffix(w);
        if (suffix > 0) {
            auto words = phrase_words(raw(s, k - 1, k).substr(0, raw(s, k - 1, k).size() - suffix));
            std::vector<Token> probe;
            for (auto& word : words) probe.push_back(Token{0, 0, word, 0});
            if (!probe.empty())
                if (const auto* g = gaz_.aliases().match(probe, 0); g && g->words.size() == probe.size()) {
                    const auto& entry = gaz_.entries()[g->payload.entry];
                    int e = intern_named(entry.name, entry.type, static_cast<int>(g->payload.entry));
                    if (entry.type == EntityType::place)
                        mod.places.push_back({e, k - 1});
                    else if (entry.type == EntityType::product)
                        mod.product = e;  // "H100-based servers"
                }
            --k;
            continue;
        }
        if (t.is(kNumber)) {
            mod.quantity = std::string(raw(s, k - 1, k));
            --k;
            // "plus de 300", "more than 300"
            if (k >= 2 && (toks[k - 1].folded == "de"sv || toks[k - 1].folded == "than"sv) &&
                (toks[k - 2].folded == "plus"sv || toks[k - 2].folded == "more"sv || toks[k - 2].folded == "moins"sv))
                k -= 2;
            continue;
        }
        if (in(kDefinite, t) || in(kIndefinite, t) || in(kPossessiveDet, t) || (we_org_ >= 0 && in(kWePossessive, t))) {
            det = std::string(w);
            --k;
            break;
        }
        // Adjectives before the head: "private cloud companies", "d'anciens employés";
        // and a noun modifier after a place: "a Guangzhou video-generation start-up".
        bool after_name = k == i && k >= 2 && mention_ending(s, k - 1) != nullptr &&
                          (type_of(mention_ending(s, k - 1)->entity) == EntityType::place) && !t.is(kCapitalized) &&
                          !t.is(kPunct) && !in(kDefinite, t) && !in(kIndefinite, t) && !a_.french;
        // ... or after a demonym or "X-based": "a Malaysian freight company", "a Thai
        // property conglomerate", "a Shanghai-based trading firm".
        if (!after_name && !a_.french && k + 1 >= i && k >= 2 && !t.is(kCapitalized) && !t.is(kPunct) &&
            !t.is(kNumber) && !in(kDefinite, t) && !in(kIndefinite, t) && !in(kPossessiveDet, t) &&
            mention_ending(s, k - 1) == nullptr &&
            (gaz_.demonym(toks[k - 2]) || locative_suffix(toks[k - 2].folded) > 0))
            after_name = true;
        // "AI start-ups", "GPU clusters": an acronym modifier is written in capitals.
        if ((in(kPreFiller, t) && (!t.is(kCapitalized) || t.is(kAllCaps))) || after_name) {
            --k;
            continue;
        }
        break;
    }
    std::size_t phrase_begin = k;
    // Skip a determiner that was consumed: keep it out of the alias.
    std::size_t alias_begin = phrase_begin;
    while (alias_begin < i && (in(kDefinite, toks[alias_begin]) || in(kIndefinite, toks[alias_begin]) ||
                               in(kPossessiveDet, toks[alias_begin])))
        ++alias_begin;

    // ---- Look ahead: French adjectives and complements, English post-modifiers ----
    std::size_t j = head_end, last = head_end;
    int fillers = 0;
    bool complement = false;
    while (j < toks.size() && j - head_end < 14) {
        const auto& t = toks[j];
        // "un intégrateur de systèmes d'Incheon", "un opérateur de centres de données basé à
        // Casablanca", "an operator of data halls in Nonthaburi": what a company makes or runs
        // is a complement of its head; the place after it is the company's.
        if (!complement && h.cls == HeadClass::organization && j == last && in(kOfPrep, t) && j + 1 < toks.size()) {
            std::size_t c = j + 1;
            static const Words kComplementDet = {"a", "an", "des"};
            if (c < toks.size() && in(kComplementDet, toks[c]) && t.folded != "des"sv) ++c;
            std::size_t len = 0;
            if (c < toks.size() && mention_at(s, c) < 0 && !toks[c].is(kCapitalized) && !toks[c].is(kNumber) &&
                !toks[c].is(kPunct) && !toks[c].is(kElision) && !in(kDefinite, toks[c]) && !in(kIndefinite, toks[c])) {
                if (const auto* hh = lex_.heads(a_.french).match(toks, c);
                    hh && (hh->payload.cls == HeadClass::facility || hh->payload.cls == HeadClass::servers ||
                           hh->payload.cls == HeadClass::cluster))
                    len = hh->words.size();
                else if (!hh && !in(kLocativeParticiple, toks[c]) &&
                         !in(kEquipped, toks[c]) && !in(kFiller, toks[c]))
                    len = 1;
            }
            if (len > 0) {
                std::size_t after = c + len;
                // only when a place or a located participle follows the complement
                bool placed = after < toks.size() && (in(kPlacePrep, toks[after]) || in(kLocativeParticiple, toks[after]));
                if (placed) {
                    complement = true;
                    j = after;
                    continue;
                }
            }
        }
        if (auto d = gaz_.demonym(t); d && mention_at(s, j) < 0) {
            mod.demonym_place = intern_named(gaz_.entries()[*d].name, EntityType::place, static_cast<int>(*d));
            last = ++j;
            continue;
        }
        // "serveurs situés hors de leurs frontières", "servers located abroad".
        if (in(kLocativeParticiple, t) || t.folded == "loues"sv || t.folded == "rented"sv || t.folded == "leased"sv) {
            std::size_t p = j + 1;
            if (p < toks.size() && (toks[p].folded == "a"sv || toks[p].folded == "en"sv)) ++p;
            if (p < toks.size() && (toks[p].folded == "hors"sv || toks[p].folded == "l'etranger"sv ||
                                    toks[p].folded == "etranger"sv || toks[p].folded == "abroad"sv ||
                                    toks[p].folded == "overseas"sv || toks[p].folded == "outside"sv ||
                                    toks[p].folded == "offshore"sv || toks[p].folded == "l'"sv)) {
                std::size_t q = p + 1;
                while (q < toks.size() && q - p < 6 && !toks[q].is(kPunct) && mention_at(s, q) < 0 &&
                       toks[q].folded != "et"sv && toks[q].folded != "and"sv && toks[q].folded != "pour"sv &&
                       toks[q].folded != "for"sv)
                    ++q;
                if (toks[p].folded == "abroad"sv || toks[p].folded == "overseas"sv || toks[p].folded == "offshore"sv)
                    q = p + 1;
                mod.abroad = true;
                last = j = q;
                continue;
            }
        }
        if (in(kLocativeParticiple, t) && j + 2 < toks.size() && in(kPlacePrep, toks[j + 1])) {
            std::size_t p = j + 2;
            while (p < toks.size() && in(kDefinite, toks[p])) ++p;
            if (const auto* m = mention_starting(s, p); m && type_of(m->entity) == EntityType::place) {
                mod.places.push_back({m->entity, m->begin});
                last = j = m->end;
                continue;
            }
            break;
        }
        if (in(kPlacePrep, t) && j + 1 < toks.size()) {
            std::size_t p = j + 1;
            while (p < toks.size() && in(kDefinite, toks[p])) ++p;
            if (const auto* m = mention_starting(s, p)) {
                EntityType ty = type_of(m->entity);
                bool of = in(kOfPrep, t);
                if (ty == EntityType::place) {
                    // "of Shanghai Tianyao Group": the place belongs to the name after it.
                    const auto* next = mention_starting(s, m->end);
                    if (of && next && type_of(next->entity) == EntityType::organization && mod.maker < 0) {
                        mod.maker = next->entity;
                        last = j = next->end;
                        continue;
                    }
                    mod.places.push_back({m->entity, m->begin});
                    last = j = m->end;
                    continue;
                }
                if (of && ty == EntityType::person && mod.possessor < 0) {
                    mod.possessor = m->entity;
                    last = j = m->end;
                    continue;
                }
                if (of && ty == EntityType::organization && mod.maker < 0 && mod.possessor < 0) {
                    mod.maker = m->entity;
                    last = j = m->end;
                    continue;
                }
                if (of && ty == EntityType::product && mod.product < 0) {
                    mod.product = m->entity;
                    last = j = m->end;
                    continue;
                }
            }
            // "la filiale malaisienne de la société": the company the article is about.
            if (in(kOfPrep, t) && h.cls == HeadClass::subsidiary && mod.maker < 0 && last_named_org_ >= 0 &&
                p < toks.size() && in(kDefinite, toks[p - 1]) && mention_at(s, p) < 0) {
                if (const auto* parent = lex_.heads(a_.french).match(toks, p);
                    parent && parent->payload.cls == HeadClass::organization && !parent->payload.plural) {
                    // Not merely the latest company: "installées dans un centre exploité par
                    // X. La filiale malaisienne de la société" is the article's company's.
                    mod.maker = topic_org();
                    last = j = p + parent->words.size();
                    continue;
                }
            }
        }
        // Coordinated places: "aux États-Unis et à Dubaï".
        if (!mod.places.empty() && in(kConjunction, t) && j + 1 < toks.size()) {
            std::size_t p = j + 1;
            while (p < toks.size() && (in(kPlacePrep, toks[p]) || in(kDefinite, toks[p]))) ++p;
            bool english_list = !a_.french && p == j + 1;  // "from Abu Dhabi and Jakarta"
            if (const auto* m = mention_starting(s, p); m && type_of(m->entity) == EntityType::place && (p > j + 1 || english_list)) {
                // "et" names two actors; "ou" one actor in one of two places.
                if (t.folded == "ou"sv || t.folded == "or"sv)
                    mod.alternative_place = m->entity;
                else
                    mod.places.push_back({m->entity, m->begin});
                last = j = m->end;
                continue;
            }
        }
        // Equipment: "équipés de puces H100", "with Nvidia's H100 chips", "serveurs Nvidia H100".
        if (const auto* m = mention_starting(s, j)) {
            EntityType ty = type_of(m->entity);
            if (ty == EntityType::product && mod.product < 0) {
                mod.product = m->entity;
                last = j = m->end;
                continue;
            }
            if (ty == EntityType::organization && j == last && mod.maker < 0 &&
                (h.cls == HeadClass::servers || h.cls == HeadClass::chips || h.cls == HeadClass::cluster)) {
                mod.maker = m->entity;
                last = j = m->end;
                continue;
            }
            break;
        }
        if (h.cls == HeadClass::servers || h.cls == HeadClass::cluster || h.cls == HeadClass::facility ||
            h.cls == HeadClass::chips) {
            const auto* hh = lex_.heads(a_.french).match(toks, j);
            if (in(kEquipped, t) || hh) {
                if (hh && hh->payload.cls != HeadClass::chips) break;
                ++j;
                continue;
            }
        }
        if (in(kFiller, t) && fillers < 5 && !t.is(kCapitalized)) {
            ++fillers;
            ++j;
            continue;
        }
        break;
    }
    mod.end = last;

    // ---- Decide what the phrase is ----
    bool has_modifier = !mod.places.empty() || mod.demonym_place >= 0 || mod.possessor >= 0 || mod.product >= 0 ||
                        mod.maker >= 0 || !mod.quantity.empty() || mod.abroad;
    bool possessive = in(kPossessiveDet, det);
    if (we_org_ >= 0 && in(kWePossessive, det) && mod.possessor < 0 && h.cls != HeadClass::group &&
        h.cls != HeadClass::chips) {
        // "notre campus", "our Hong Kong affiliate": the company that writes.
        mod.possessor = we_org_;
        has_modifier = true;
    }
    if (possessive && mod.possessor < 0) {
        bool person = in(kPersonPossessive, det);
        // The owner is most often the actor named earlier in the same sentence
        // ("où Xinghe possède son usine"); else the last person (son, his) or organization.
        int in_sentence = -1;
        for (const auto& m : s.mentions) {
            if (m.end > i || !(type_of(m.entity) == EntityType::person || type_of(m.entity) == EntityType::organization))
                continue;
            // "Polaris Vector, its Singapore subsidiary": the name in apposition is the
            // phrase itself, not its owner.
            bool apposition = m.end + 2 == i && toks[m.end].folded == ","sv;
            if (!apposition) in_sentence = m.entity;
        }
        if (in_sentence >= 0)
            mod.possessor = in_sentence;
        else if (det == "leur"sv || det == "leurs"sv || det == "their"sv)
            mod.possessor = last_group_ >= 0 ? last_group_ : last_org_;  // plural owners
        else
            mod.possessor = person && last_person_ >= 0 ? last_person_ : (last_org_ >= 0 ? last_org_ : last_person_);
        if (h.cls == HeadClass::group || h.cls == HeadClass::chips) mod.possessor = -1;
        has_modifier = has_modifier || mod.possessor >= 0;
    }
    auto finish = [&](int e, bool anaphor) {
        std::size_t b = anaphor ? phrase_begin : alias_begin;
        add_mention(s, b, std::max(mod.end, b + 1), e, anaphor);
        if (!anaphor) {
            // Keep the phrase with its article too: gold aliases and analysts use both.
            add_alias(e, raw(s, phrase_begin, mod.end));
        }
        note(e);
        i = mod.end;
        return true;
    };

    if (h.cls == HeadClass::chips) {
        if (mod.product >= 0) {
            // "puces H100 de Nvidia": the phrase is the product itself.
            if (mod.maker >= 0)
                add_claim(a_, index, mod.maker, "produces", mod.product, phrase_begin, mod.end, "np.maker", 0.75);
            return false;
        }
        if (mod.maker >= 0) {
            std::string maker = a_.extraction.entities[mod.maker].name;
            int e = intern_unnamed("chips|" + maker, maker + " chips", EntityType::product, h.cls);
            // "les puces de Nvidia" are made by Nvidia; "les puces de Kestrel Grid" are its own.
            if (gaz_.is_maker(maker))
                add_claim(a_, index, mod.maker, "produces", e, phrase_begin, mod.end, "np.maker", 0.7);
            else
                add_claim(a_, index, mod.maker, "uses", e, phrase_begin, mod.end, "np.chips_of", 0.6);
            return finish(e, false);
        }
        bool advanced = false;
        for (std::size_t q = i; q < std::min(toks.size(), head_end + 3); ++q)
            advanced = advanced || in(kAdvancedChip, toks[q]);
        if (!advanced) return false;
        int e = intern_unnamed("chips|advanced", "advanced AI chips", EntityType::product, h.cls);
        return finish(e, false);
    }

    // "le groupe de reconnaissance faciale SenseTime", "the start-up Qiyu": the phrase
    // introduces the name that follows, it is not an anaphor.
    for (std::size_t q = mod.end; q < std::min(toks.size(), mod.end + 5); ++q) {
        if (const auto* m = mention_starting(s, q)) {
            bool org_head = h.cls == HeadClass::organization || h.cls == HeadClass::subsidiary;
            bool named_org = type_of(m->entity) == EntityType::organization && !a_.extraction.entities[m->entity].name.empty() &&
                             !a_.info[m->entity].has_head;
            if (named_org && !has_modifier && org_head) return false;
            // "le distributeur taïwanais Chenfeng Tech", "a Singapore start-up Lattice Mind":
            // the place belongs to the name right after, not to another, unnamed actor.
            bool only_place = mod.possessor < 0 && mod.product < 0 && mod.maker < 0 && mod.quantity.empty() &&
                              !mod.abroad && mod.alternative_place < 0 && mod.places.size() <= 1;
            if (named_org && org_head && !h.plural && only_place && q == mod.end) {
                int place = !mod.places.empty() ? mod.places.front().first : mod.demonym_place;
                if (place >= 0)
                    add_claim(a_, index, m->entity, "located_in", place, phrase_begin, m->end, "np.descriptor", 0.6);
                return false;
            }
            // "notre filiale Atlas Calcul Opérations", "its Hong Kong affiliate Strandline HK":
            // the owned phrase is the name right after it.
            bool owned_only = mod.possessor >= 0 && mod.possessor != m->entity && mod.product < 0 && mod.maker < 0 &&
                              mod.quantity.empty() && !mod.abroad && mod.alternative_place < 0 && mod.places.size() <= 1;
            if (named_org && org_head && !h.plural && owned_only && q == mod.end &&
                type_of(mod.possessor) == EntityType::organization) {
                int place = !mod.places.empty() ? mod.places.front().first : mod.demonym_place;
                if (place >= 0)
                    add_claim(a_, index, m->entity, "located_in", place, phrase_begin, m->end, "np.descriptor", 0.6);
                if (h.cls == HeadClass::subsidiary)
                    add_claim(a_, index, m->entity, "subsidiary_of", mod.possessor, phrase_begin, m->end, "np.possessive", 0.7);
                return false;
            }
            break;
        }
        if (!in(kFiller, toks[q]) && !lex_.heads(a_.french).match(toks, q)) break;
    }
    if (!has_modifier) {
        bool definite = in(kDefinite, det);
        int antecedent = -1;
        if (definite && !h.plural) {
            switch (h.cls) {
                case HeadClass::organization:
                case HeadClass::subsidiary:
                    // "la société": the company the article is about, named rather than described.
                    antecedent = last_named_org_ >= 0 ? last_named_org_ : last_org_;
                    if (h.cls == HeadClass::subsidiary && last_by_head_[static_cast<int>(h.cls)] >= 0)
                        antecedent = last_by_head_[static_cast<int>(h.cls)];
                    // "the distributor" is the actor last described as one ("X, a server
                    // distributor"), which the apposition later merges into X.
                    if (h.english != "company"sv && h.english != "group"sv)
                        if (auto it = last_by_english_.find(h.english); it != last_by_english_.end())
                            antecedent = it->second;
                    break;
                case HeadClass::government: antecedent = -1; break;
                default: antecedent = last_by_head_[static_cast<std::size_t>(h.cls)];
            }
            // "the center" after "the Qingyun Advanced Computing Center": a named company
            // whose name ends with the head is what the article calls by it.
            if (int named = named_ending_with(toks[head_end - 1].folded); named >= 0) antecedent = named;
        } else if (definite) {
            auto it = last_by_english_.find(pluralize(h.english));
            if (it != last_by_english_.end()) antecedent = it->second;
        }
        if (antecedent >= 0) return finish(antecedent, true);
        // Bare phrases worth keeping: groups that act (brokers, investors), servers and
        // clusters, and heads specific enough on their own (shell companies, subsidiaries).
        bool keep = h.cls == HeadClass::group || h.cls == HeadClass::servers || h.cls == HeadClass::cluster ||
                    h.cls == HeadClass::facility || h.cls == HeadClass::subsidiary ||
                    (h.english != "company"sv && h.english != "group"sv && h.cls == HeadClass::organization);
        // "filiale du groupe X", "a subsidiary of the Y group": the phrase states the link
        // (a rule reads it), it is not another actor.
        if (h.cls == HeadClass::subsidiary && mod.end < toks.size() &&
            (toks[mod.end].folded == "de"sv || toks[mod.end].folded == "du"sv || toks[mod.end].folded == "d'"sv ||
             toks[mod.end].folded == "of"sv))
            keep = false;
        if (!keep) return false;
    }

    // ---- A specific unnamed actor: build its descriptive name ----
    EntityType type = EntityType::organization;
    switch (h.cls) {
        case HeadClass::group: type = EntityType::group; break;
        case HeadClass::facility:
        case HeadClass::servers:
        case HeadClass::cluster: type = EntityType::facility; break;
        case HeadClass::government: type = EntityType::government; break;
        default: type = h.plural && h.cls == HeadClass::organization ? EntityType::group : EntityType::organization;
    }
    std::string head_word = h.plural && type != EntityType::facility ? pluralize(h.english) : h.english;
    if (h.cls == HeadClass::servers) head_word = "servers";
    auto name_of = [&](int e) { return e >= 0 ? a_.extraction.entities[e].name : std::string(); };

    std::vector<int> places;
    for (auto& [p, at] : mod.places) places.push_back(p);
    if (places.empty()) places.push_back(-1);
    int first = -1;
    std::vector<int> coordinated;
    for (std::size_t pi = 0; pi < places.size(); ++pi) {
        int place = places[pi];
        // The same head with the same modifiers is the same actor within the article.
        std::string key = "np|" + head_word;
        for (int part : {static_cast<int>(mod.abroad), mod.alternative_place, static_cast<int>(h.cls), place,
                         mod.demonym_place >= 0 && place < 0 ? mod.demonym_place : -1, mod.possessor, mod.product,
                         type == EntityType::group ? mod.maker : -1}) {
            key += '|';
            text::append_number(key, part);
        }
        std::string name;
        if (mod.possessor >= 0) name += name_of(mod.possessor) + "'s ";
        if (!mod.quantity.empty() && h.cls == HeadClass::servers) name += mod.quantity + " ";
        if (mod.demonym_place >= 0) {
            int g = a_.info[mod.demonym_place].gazetteer;
            const auto& entry = gaz_.entries()[g];
            name += (entry.demonym.empty() ? entry.name : entry.demonym) + " ";
        }
        if (mod.maker >= 0 && type != EntityType::group) name += name_of(mod.maker) + " ";
        if (mod.product >= 0) name += name_of(mod.product) + " ";
        name += head_word;
        if (mod.maker >= 0 && type == EntityType::group) name += " of " + name_of(mod.maker);
        if (place >= 0) name += (type == EntityType::organization ? " based in " : " in ") + name_of(place);
        if (place >= 0 && mod.alternative_place >= 0) name += " or " + name_of(mod.alternative_place);
        if (mod.abroad) name += " abroad";
        int e = intern_unnamed(key, name, type, h.cls);
        english_of_[e] = head_word;
        if (first < 0) {
            first = e;
        } else {
            coordinated.push_back(e);
            auto at = mod.places[pi].second;
            const auto* pm = mention_starting(s, at);
            std::size_t pe = pm ? pm->end : at + 1;
            a_.extraction.mentions.push_back({e, toks[at].start, toks[pe - 1].end});
            add_alias(e, std::string(raw(s, i, head_end)) + " " + std::string(raw(s, at, pe)));
        }
        // Claims the phrase itself carries.
        if (place >= 0 && mod.alternative_place < 0)
            add_claim(a_, index, e, "located_in", place, phrase_begin, mod.end, "np.located_in", 0.75);
        // "une filiale singapourienne" is in Singapore; "des entreprises américaines" is too
        // vague a group to place.
        if (mod.demonym_place >= 0 && place < 0 && type != EntityType::group && h.cls != HeadClass::servers)
            add_claim(a_, index, e, "located_in", mod.demonym_place, phrase_begin, mod.end, "np.demonym", 0.55);
        // ... but its named members are ("three Malaysian front companies: A, B and C"); the
        // extractor keeps this claim only for them.
        if (mod.demonym_place >= 0 && place < 0 && type == EntityType::group && h.cls != HeadClass::servers)
            add_claim(a_, index, e, "located_in", mod.demonym_place, phrase_begin, mod.end, "np.demonym_group", 0.5);
        if (mod.product >= 0 && type == EntityType::facility)
            add_claim(a_, index, e, "uses", mod.product, phrase_begin, mod.end, "np.equipped", 0.7);
        if (mod.maker >= 0 && mod.product >= 0)
            add_claim(a_, index, mod.maker, "produces", mod.product, phrase_begin, mod.end, "np.maker", 0.7);
        if (mod.possessor >= 0) {
            EntityType pt = type_of(mod.possessor);
            if (type == EntityType::facility) {
                add_claim(a_, index, mod.possessor, "owns", e, phrase_begin, mod.end, "np.possessive", 0.65);
                // "its Batam campus", "son hangar de Sepanggar": a company's site is one it runs.
                if (h.cls == HeadClass::facility && pt == EntityType::organization)
                    add_claim(a_, index, mod.possessor, "operates", e, phrase_begin, mod.end, "np.possessive", 0.55);
            } else if (h.cls == HeadClass::subsidiary)
                add_claim(a_, index, e, "subsidiary_of", mod.possessor, phrase_begin, mod.end, "np.possessive", 0.7);
            else if (h.english == "providers"sv || h.english == "suppliers"sv || h.english == "provider"sv ||
                     h.english == "supplier"sv)  // "mes fournisseurs", "its suppliers": they supply the owner
                add_claim(a_, index, e, "supplies", mod.possessor, phrase_begin, mod.end, "np.suppliers", 0.6);
            else if (pt == EntityType::person)
                add_claim(a_, index, mod.possessor, "affiliated_with", e, phrase_begin, mod.end, "np.possessive", 0.7);
        }
        // "Puncak's customers", "les clients de X": X supplies them.
        bool customers = h.english == "customers"sv || h.english == "users"sv || h.english == "buyers"sv;
        if (customers && mod.possessor >= 0)
            add_claim(a_, index, mod.possessor, "supplies", e, phrase_begin, mod.end, "np.customers", 0.65);
        if (customers && mod.maker >= 0)
            add_claim(a_, index, mod.maker, "supplies", e, phrase_begin, mod.end, "np.customers", 0.65);
        if (mod.maker >= 0 && h.cls == HeadClass::subsidiary)
            add_claim(a_, index, e, "subsidiary_of", mod.maker, phrase_begin, mod.end, "np.subsidiary", 0.75);
    }
    finish(first, false);
    for (auto& m : s.mentions)
        if (m.entity == first && m.end == mod.end) m.also = coordinated;
    return true;
}

void DocRecognizer::resolve_phrases_and_pronouns(Sentence& s, std::size_t index) {
    auto& toks = s.tokens;
    int prev_named_org = -1;          // named company mentioned just before in this sentence
    std::size_t prev_org_end = 0;
    prev_first_actor_ = first_actor_;
    first_actor_ = -1;
    prev_two_ = cur_two_;
    cur_two_ = {-1, -1};
    auto first_actor = [&](int e) {
        if (first_actor_ < 0 && (type_of(e) == EntityType::organization || type_of(e) == EntityType::person))
            first_actor_ = e;
    };
    for (std::size_t i = 0; i < toks.size();) {
        if (const auto* m = mention_starting(s, i)) {
            first_actor(m->entity);
            // "Datalyon et Rhône Calcul": a pair that "les deux entreprises" can name later.
            bool named_org = type_of(m->entity) == EntityType::organization && !a_.extraction.entities[m->entity].unnamed;
            if (named_org && prev_named_org >= 0 && prev_named_org != m->entity && m->begin >= prev_org_end + 1 &&
                m->begin <= prev_org_end + 2) {
                bool joined = true;
                for (std::size_t k = prev_org_end; k < m->begin; ++k)
                    joined = joined && (toks[k].folded == "and"sv || toks[k].folded == "et"sv || toks[k].folded == "a"sv);
                if (joined && m->begin > prev_org_end) pair_ = {prev_named_org, m->entity, index};
            }
            if (!m->anaphor && type_of(m->entity) == EntityType::person) possessive_role(s, index, *m);
            if (named_org && !m->anaphor) {
                if (cur_two_[0] < 0)
                    cur_two_[0] = m->entity;
                else if (cur_two_[1] < 0 && cur_two_[0] != m->entity)
                    cur_two_[1] = m->entity;
            }
            if (named_org) {
                if (last_named_org_ != m->entity) prev_distinct_org_ = last_named_org_;
                prev_named_org = m->entity;
                prev_org_end = m->end;
            }
            note(m->entity);
            i = m->end;
            continue;
        }
        // Determiners open the anaphors below; they are short words, most tokens are not.
        const bool short_word = toks[i].folded.size() <= 5;
        // "the center" after "the Qingyun Advanced Computing Center" (a word no head list has).
        if (short_word && i + 1 < toks.size() && (toks[i].folded == "the"sv || in(kDefinite, toks[i])) &&
            !toks[i + 1].is(kCapitalized) && !toks[i + 1].is(kPunct)) {
            if (int named = named_ending_with(toks[i + 1].folded);
                named >= 0 && mention_at(s, i + 1) < 0 && !lex_.heads(a_.french).match(toks, i + 1)) {
                add_mention(s, i, i + 2, named, true);
                first_actor(named);
                note(named);
                i += 2;
                continue;
            }
        }
        if (short_word && own_customer(s, index, i)) {
            ++i;
            continue;
        }
        if (std::size_t n = short_word ? plural_anaphor(s, i) : 0; n > 0) {
            // "the two firms", "les deux sociétés": the pair just coordinated, else the two
            // companies named last.
            int a = -1, b = -1;
            if (pair_.first >= 0 && pair_.sentence + 2 >= index) {
                a = pair_.first;
                b = pair_.second;
            } else if (prev_two_[1] >= 0) {  // the two companies the previous sentence named first
                a = prev_two_[0];
                b = prev_two_[1];
            } else if (last_named_org_ >= 0 && prev_distinct_org_ >= 0) {
                a = prev_distinct_org_;
                b = last_named_org_;
            }
            if (a >= 0) {
                add_mention(s, i, i + n, a, true);
                for (auto& m : s.mentions)
                    if (m.begin == i && m.entity == a) m.also = {b};
                i += n;
                continue;
            }
        }
        if (try_noun_phrase(s, index, i)) continue;
        const Token& tok = toks[i];
        const std::string& w = tok.folded;
        int antecedent = -1;
        if (in(kPersonPronoun, tok)) {
            antecedent = last_person_;
        } else if (in(kFirstPerson, tok) && (a_.french ? w != "me"sv
                                                               : (w == "me"sv || (*a_.text)[toks[i].start] == 'I'))) {
            // "I take 5 percent", "je prends cinq pour cent": the speaker, the person the
            // article was last about (an interviewee, or the one quoted).
            antecedent = speaker_ >= 0 ? speaker_ : last_person_;
        } else if (we_org_ >= 0 && in(kWePronoun, tok)) {
            antecedent = we_org_;
        } else if (in(kAmbiguousPronoun, tok)) {
            // "elle": the company the previous sentence was about, else whichever of person
            // and company the article named last.
            if (prev_first_actor_ >= 0 && type_of(prev_first_actor_) == EntityType::organization)
                antecedent = prev_first_actor_;
            else
                antecedent = last_person_ >= 0 && (last_org_ < 0 || person_seen_ > org_seen_) ? last_person_ : last_org_;
        } else if (in(kGroupPronoun, tok)) {
            antecedent = last_group_;
        } else if (in(kRelative, tok) && w != "dont"sv) {
            // The relative pronoun stands for the phrase just before it.
            std::size_t k = i;
            if (k > 0 && toks[k - 1].folded == ","sv) --k;
            if (const auto* m = mention_ending(s, k)) {
                antecedent = m->entity;
                // "the center in Wuxi, which ...": the relative is about the center, not the city.
                if (type_of(m->entity) == EntityType::place) {
                    std::size_t b = m->begin;
                    while (b > 0 && (in(kPlacePrep, toks[b - 1]) || toks[b - 1].folded == ","sv)) --b;
                    if (const auto* before = mention_ending(s, b); before && b < m->begin)
                        antecedent = before->entity;
                }
            }
        }
        if (antecedent >= 0) {
            first_actor(antecedent);
            add_mention(s, i, i + 1, antecedent, true);
            if (!in(kRelative, tok)) note(antecedent);
        }
        ++i;
    }
}

// "Son directeur, Lim Chee Keong", "Its founder, Adrian Koh": a role owned by the company
// the article is about, in apposition to a person, says whom the person works for.
void DocRecognizer::possessive_role(Sentence& s, std::size_t index, const TokenMention& person) {
    const auto& toks = s.tokens;
    static const Words kOrgPossessive = {"son", "sa", "ses", "its", "leur", "their"};
    static const Words kFounderRole = {"founder", "co-founder", "cofounder", "fondateur", "fondatrice", "cofondateur",
                                       "cofondatrice", "co-fondateur", "co-fondatrice"};
    if (last_named_org_ < 0 || person.begin < 3 || toks[person.begin - 1].folded != ","sv) return;
    std::size_t role_end = person.begin - 1;
    for (std::size_t k = role_end; k-- > 0 && role_end - k <= 4;) {
        const auto* r = lex_.person_roles.match(toks, k);
        bool word = lex_.role_words.contains(toks[k]);
        if (!((r && k + r->words.size() == role_end) || (word && k + 1 == role_end))) continue;
        // the possessive right before the role, maybe with an adjective ("son nouveau directeur")
        std::size_t d = k;
        auto owner_at = [&](std::size_t at) {  // "its", or "Nimbara 's"
            if (in(kOrgPossessive, toks[at])) return last_named_org_;
            if (toks[at].folded != "'s"sv) return -1;
            const auto* m = mention_ending(s, at);
            return m && type_of(m->entity) == EntityType::organization && !a_.extraction.entities[m->entity].unnamed
                       ? m->entity
                       : -1;
        };
        if (d > 1 && owner_at(d - 1) < 0 && !toks[d - 1].is(kPunct)) --d;
        int org = d > 0 ? owner_at(d - 1) : -1;
        if (org < 0) return;
        add_claim(a_, index, person.entity, "affiliated_with", org, d - 1, person.end, "np.possessive_role", 0.65);
        if (in(kFounderRole, toks[role_end - 1]))
            add_claim(a_, index, org, "founded_by", person.entity, d - 1, person.end, "np.possessive_role", 0.65);
        return;
    }
}

// "Its largest customer is Falconridge Hosting", "Son unique client connu est Shenhai": the
// company the article is about supplies the name after the copula. True when it matched
// (the possessive at token i is then consumed).
bool DocRecognizer::own_customer(Sentence& s, std::size_t index, std::size_t i) {
    const auto& toks = s.tokens;
    static const Words kOwnerDet = {"its", "their", "son", "sa", "ses", "leur", "leurs"};
    static const Words kCustomerWord = {"customer", "customers", "client", "clients", "tenant", "tenants", "buyer",
                                        "buyers", "clientes", "cliente", "locataire", "locataires"};
    static const Words kCopula = {"is", "are", "was", "were", "include", "includes", "est", "sont", "etait", "etaient",
                                  "comprennent"};
    if (last_named_org_ < 0 || !in(kOwnerDet, toks[i])) return false;
    std::size_t k = i + 1;
    while (k < toks.size() && k - i <= 3 && !in(kCustomerWord, toks[k]) && !toks[k].is(kPunct) &&
           mention_at(s, k) < 0)
        ++k;
    if (k >= toks.size() || !in(kCustomerWord, toks[k])) return false;
    std::size_t v = k + 1;
    while (v < toks.size() && v - k <= 3 && !in(kCopula, toks[v]) && !toks[v].is(kPunct) && mention_at(s, v) < 0)
        ++v;
    if (v + 1 >= toks.size() || !in(kCopula, toks[v])) return false;
    std::size_t o = v + 1;
    while (o < toks.size() && o - v <= 3 && (in(kDefinite, toks[o]) || in(kIndefinite, toks[o]))) ++o;
    const auto* m = mention_starting(s, o);
    if (!m || m->anaphor) return false;
    EntityType t = type_of(m->entity);
    if (t != EntityType::organization && t != EntityType::group && t != EntityType::person) return false;
    // "Its" is the company the previous sentence was about, else the one named last.
    int owner = prev_first_actor_ >= 0 && type_of(prev_first_actor_) == EntityType::organization ? prev_first_actor_
                                                                                                 : last_named_org_;
    add_claim(a_, index, owner, "supplies", m->entity, i, m->end, "np.own_customer", 0.65);
    return true;
}

// The latest named organization whose name's last word is `word` ("center" for "Qingyun
// Advanced Computing Center"), or -1.
int DocRecognizer::named_ending_with(std::string_view word) const {
    if (word.size() < 4) return -1;
    int found = -1;
    for (const auto& [last, e] : last_words_)
        if (e > found && last == word && type_of(e) == EntityType::organization) found = e;
    return found;
}

// Length of "the two firms", "both companies", "les deux sociétés", "ces deux entreprises"
// at token i (0 when none).
std::size_t DocRecognizer::plural_anaphor(const Sentence& s, std::size_t i) const {
    const auto& toks = s.tokens;
    static const Words kPairDet = {"the", "these", "those", "les", "ces"};
    static const Words kTwo = {"two", "deux"};
    static const Words kFirmWords = {"firms", "companies", "groups", "businesses", "entities", "societes", "entreprises",
                                     "firmes", "groupes", "entites", "start-up", "startups", "fronts"};
    if (i + 1 < toks.size() && toks[i].folded == "both"sv && in(kFirmWords, toks[i + 1])) return 2;
    if (i + 2 < toks.size() && in(kPairDet, toks[i]) && in(kTwo, toks[i + 1]) &&
        in(kFirmWords, toks[i + 2]))
        return 3;
    return 0;
}

// "Kestrel Grid Malaysia (KGM)", "Nvidia China,": a company name followed by a country is
// the company's unit there.
void DocRecognizer::join_country_units(Sentence& s, std::size_t index) {
    auto& toks = s.tokens;
    for (std::size_t k = 0; k + 1 < s.mentions.size(); ++k) {
        const TokenMention org = s.mentions[k], place = s.mentions[k + 1];
        if (org.end != place.begin || org.anaphor || place.anaphor) continue;
        if (type_of(org.entity) != EntityType::organization || a_.extraction.entities[org.entity].unnamed) continue;
        int g = a_.info[place.entity].gazetteer;
        if (type_of(place.entity) != EntityType::place || g < 0 || gaz_.entries()[g].kind != "country"sv) continue;
        if (place.end < toks.size() && toks[place.end].folded != "("sv && toks[place.end].folded != ","sv &&
            toks[place.end].folded != "'s"sv && toks[place.end].folded != "."sv)
            continue;
        std::string name = std::string(raw(s, org.begin, place.end));
        int unit = intern_named(name, EntityType::organization, -1);
        s.mentions.erase(s.mentions.begin() + static_cast<long>(k), s.mentions.begin() + static_cast<long>(k) + 2);
        add_mention(s, org.begin, place.end, unit, false);
        add_claim(a_, index, unit, "subsidiary_of", org.entity, org.begin, place.end, "name.country_unit", 0.6);
        add_claim(a_, index, unit, "located_in", place.entity, org.begin, place.end, "name.country_unit", 0.7);
        // "(KGM)": an acronym in brackets names it too.
        if (place.end + 2 < toks.size() && toks[place.end].folded == "("sv && toks[place.end + 1].is(kAllCaps) &&
            toks[place.end + 2].folded == ")"sv) {
            add_alias(unit, raw(s, place.end + 1, place.end + 2));
            short_names_.emplace(toks[place.end + 1].folded, unit);
        }
        break;
    }
}

// A known product and its maker named in the same sentence: "les H100 de Nvidia".
void DocRecognizer::link_products_to_makers(Sentence& s, std::size_t index) {
    for (const auto& pm : s.mentions) {
        int g = a_.info[pm.entity].gazetteer;
        if (g < 0 || type_of(pm.entity) != EntityType::product) continue;
        const std::string& maker = gaz_.entries()[g].maker;
        if (maker.empty()) continue;
        bool linked = false;
        for (const auto& mm : s.mentions)
            if (a_.extraction.entities[mm.entity].name == maker) {
                std::size_t b = std::min(pm.begin, mm.begin), e = std::max(pm.end, mm.end);
                add_claim(a_, index, mm.entity, "produces", pm.entity, b, e, "gazetteer.maker", 0.7);
                linked = true;
                break;
            }
        // "Nvidia H100" is one gazetteer alias: the maker is inside the product's mention.
        // "Nvidia A100 and H100 processors": the maker written before the first of coordinated
        // chips makes the others too.
        std::size_t from = pm.begin;
        if (!linked && !(pm.end - pm.begin >= 2 && text::entity_key(maker) == s.tokens[pm.begin].folded))
            for (const auto& other : s.mentions)
                if (other.end <= pm.begin && pm.begin - other.end <= 2 && other.end - other.begin >= 2 &&
                    type_of(other.entity) == EntityType::product && text::entity_key(maker) == s.tokens[other.begin].folded) {
                    bool joined = true;
                    for (std::size_t k = other.end; k < pm.begin; ++k)
                        joined = joined && in(kConjunction, s.tokens[k]);
                    if (joined) from = other.begin;
                }
        if (!linked && (from < pm.begin || (pm.end - pm.begin >= 2 && text::entity_key(maker) == s.tokens[pm.begin].folded))) {
            auto entry = gaz_.find(maker);
            int m = intern_named(maker, EntityType::organization, entry ? static_cast<int>(*entry) : -1);
            add_claim(a_, index, m, "produces", pm.entity, from, pm.end, "gazetteer.maker", 0.7);
        }
    }
}

void DocRecognizer::run() {
    const std::string& text = *a_.text;
    for (auto span : split_sentences(text)) {
        Sentence s;
        s.span = span;
        s.tokens = tokenize(text, span);
        if (!s.tokens.empty()) a_.sentences.push_back(std::move(s));
    }
    // Capitalized words that recur mid-sentence are probably names.
    for (const auto& s : a_.sentences)
        for (std::size_t i = 1; i < s.tokens.size(); ++i)
            if (s.tokens[i].is(kCapitalized) && !s.tokens[i - 1].is(kPunct)) ++capitalized_counts_[s.tokens[i].folded];
    // Names first, over the whole article, so that a name's type can use what later
    // sentences say ("Adrian Koh ..." then "Koh said"); then phrases and pronouns in order.
    for (std::size_t si = 0; si < a_.sentences.size(); ++si) {
        auto& s = a_.sentences[si];
        find_gazetteer_names(s);
        find_chip_models(s);
        find_state_adjectives(s);
        find_unknown_names(s, si);
    }
    // The person the article is most about speaks its first-person quotes and answers.
    {
        std::unordered_map<int, int> count;
        int best = 1;
        for (const auto& s : a_.sentences)
            for (const auto& m : s.mentions)
                if (type_of(m.entity) == EntityType::person && ++count[m.entity] > best) {
                    best = count[m.entity];
                    speaker_ = m.entity;
                }
    }
    // An article that says "we" and "our" several times is written by a company (a post, a
    // letter to investors, a release): the organization it names most often.
    {
        int we = 0;
        for (const auto& s : a_.sentences)
            for (const auto& t : s.tokens) we += in(kWePossessive, t) || in(kWePronoun, t);
        // The first organization named, when named again (a header and a signature), else
        // the one named most often.
        std::unordered_map<int, int> count;
        int best = 1, first = -1;
        if (we >= 3)
            for (const auto& s : a_.sentences)
                for (const auto& m : s.mentions)
                    if (type_of(m.entity) == EntityType::organization && !a_.extraction.entities[m.entity].unnamed) {
                        if (first < 0) first = m.entity;
                        if (++count[m.entity] > best) {
                            best = count[m.entity];
                            we_org_ = m.entity;
                        }
                    }
        if (first >= 0 && count[first] >= 2) we_org_ = first;
    }
    for (std::size_t si = 0; si < a_.sentences.size(); ++si) {
        auto& s = a_.sentences[si];
        join_country_units(s, si);
        resolve_phrases_and_pronouns(s, si);
        link_products_to_makers(s, si);
    }
}

}  // namespace

Analysis Recognizer::analyze(const Document& doc) const {
    Analysis a;
    a.language = doc.language;
    a.french = a.language == "fr"sv;
    a.text = &doc.text;
    DocRecognizer(a, gaz_, lex_).run();
    return a;
}

}  // namespace chipgraph::ingest
