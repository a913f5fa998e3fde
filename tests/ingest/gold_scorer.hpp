// Scores extractions against gold annotations in the format of ../shared/eval (the same
// matching rules as score.py: folded names without leading articles; descriptive gold
// entities also match on shared content words), so that the project's own tests can
// assert quality floors without ../shared.
#pragma once

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"
#include "chipgraph/core/text.hpp"

namespace chipgraph::testing {

struct Scores {
    long ent_tp = 0, ent_fp = 0, ent_fn = 0, rel_tp = 0, rel_fp = 0, rel_fn = 0;
    static double f1(long tp, long fp, long fn) {
        double p = tp + fp ? double(tp) / double(tp + fp) : 0.0, r = tp + fn ? double(tp) / double(tp + fn) : 0.0;
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
    double entity_f1() const { return f1(ent_tp, ent_fp, ent_fn); }
    double relation_f1() const { return f1(rel_tp, rel_fp, rel_fn); }
    double relation_precision() const { return rel_tp + rel_fp ? double(rel_tp) / double(rel_tp + rel_fp) : 0.0; }
};

inline std::set<std::string> content_words(const std::string& name) {
    static const std::set<std::string> kStop = {
        "le",  "la",   "les", "l",    "un",   "une",  "des",  "du",    "de",    "d",     "the",   "a",   "an",
        "of",  "in",   "at",  "on",   "for",  "and",  "to",   "by",    "with",  "its",   "his",   "her", "their",
        "et",  "au",   "aux", "en",   "dans", "par",  "pour", "sur",   "avec",  "son",   "sa",    "ses", "leur",
        "leurs", "qui", "que", "based", "basee", "base", "basees", "bases", "situee", "situe", "situees"};
    std::set<std::string> out;
    std::istringstream in(text::name_key(name));
    for (std::string w; in >> w;)
        if (!kStop.count(w)) out.insert(w);
    return out;
}

struct GoldEntity {
    std::vector<std::string> names;
    bool unnamed = false, required = true;
};
struct GoldRelation {
    std::string subject, predicate, object;
    bool required = true;
};
struct GoldDoc {
    std::map<std::string, GoldEntity> entities;
    std::vector<GoldRelation> relations;

    std::set<std::string> match(const std::vector<std::string>& names) const {
        std::set<std::string> keys, exact;
        for (const auto& n : names)
            if (auto k = text::name_key(n); !k.empty()) keys.insert(k);
        for (const auto& [id, e] : entities)
            for (const auto& n : e.names)
                if (keys.count(text::name_key(n))) exact.insert(id);
        if (!exact.empty()) return exact;
        std::set<std::string> loose;
        for (const auto& [id, e] : entities) {
            if (!e.unnamed) continue;
            for (const auto& n : names) {
                auto a = content_words(n);
                for (const auto& g : e.names) {
                    auto b = content_words(g);
                    std::size_t common = 0;
                    for (const auto& w : a) common += b.count(w);
                    std::size_t all = a.size() + b.size() - common;
                    if (!a.empty() && !b.empty() && common >= 2 && double(common) / double(all) >= 0.5) loose.insert(id);
                }
            }
        }
        return loose;
    }
};

inline GoldDoc load_gold(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    rapidjson::Document d;
    d.Parse(ss.str().c_str());
    GoldDoc g;
    for (const auto& e : d["entities"].GetArray()) {
        GoldEntity ge;
        ge.names.push_back(e["name"].GetString());
        for (const auto& a : e["aliases"].GetArray()) ge.names.push_back(a.GetString());
        ge.unnamed = e.HasMember("unnamed") && e["unnamed"].GetBool();
        ge.required = !e.HasMember("required") || e["required"].GetBool();
        g.entities.emplace(e["id"].GetString(), std::move(ge));
    }
    for (const auto& r : d["relations"].GetArray())
        g.relations.push_back({r["subject"].GetString(), r["predicate"].GetString(), r["object"].GetString(),
                               !r.HasMember("required") || r["required"].GetBool()});
    return g;
}

// Adds the score of one document's extraction against its gold annotation.
inline void score_document(const Extraction& ex, const GoldDoc& gold, Scores& s) {
    auto names_of = [&](int e) {
        std::vector<std::string> names{ex.entities[e].name};
        for (const auto& a : ex.entities[e].aliases) names.push_back(a);
        return names;
    };
    std::set<std::string> matched;
    for (std::size_t e = 0; e < ex.entities.size(); ++e) {
        auto ids = gold.match(names_of(static_cast<int>(e)));
        if (ids.empty()) {
            ++s.ent_fp;
        } else {
            ++s.ent_tp;
            matched.insert(ids.begin(), ids.end());
        }
    }
    for (const auto& [id, e] : gold.entities)
        if (e.required && !matched.count(id)) ++s.ent_fn;
    std::set<std::size_t> found;
    std::set<std::tuple<int, std::string, int>> seen;
    for (const auto& c : ex.claims) {
        if (c.status == ClaimStatus::denied) continue;
        if (!seen.insert({c.subject, c.predicate, c.object}).second) continue;
        auto subj = gold.match(names_of(c.subject)), obj = gold.match(names_of(c.object));
        bool hit = false;
        for (std::size_t i = 0; i < gold.relations.size(); ++i) {
            const auto& r = gold.relations[i];
            if (r.predicate == c.predicate && subj.count(r.subject) && obj.count(r.object)) {
                hit = true;
                found.insert(i);
            }
        }
        hit ? ++s.rel_tp : ++s.rel_fp;
    }
    for (std::size_t i = 0; i < gold.relations.size(); ++i)
        if (gold.relations[i].required && !found.count(i)) ++s.rel_fn;
}

}  // namespace chipgraph::testing
