#include "lexicon.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/extractor.hpp"

namespace chipgraph::ingest {

namespace {

rapidjson::Document parse_json_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataFileError(fmt::format("{}: cannot open data file", path));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string data = ss.str();
    if (auto bad = text::find_invalid_utf8(data))
        throw DataFileError(fmt::format("{}: invalid UTF-8 at byte {}", path, *bad));
    rapidjson::Document doc;
    doc.Parse(data.c_str(), data.size());
    if (doc.HasParseError()) {
        // Report line and column, not just the byte offset.
        std::size_t offset = doc.GetErrorOffset(), line = 1, col = 1;
        for (std::size_t i = 0; i < offset && i < data.size(); ++i) {
            if (data[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        throw DataFileError(fmt::format("{}:{}:{}: invalid JSON: {}", path, line, col,
                                        rapidjson::GetParseError_En(doc.GetParseError())));
    }
    if (!doc.IsObject()) throw DataFileError(fmt::format("{}: expected a JSON object at the top level", path));
    return doc;
}

std::vector<std::string> string_list(const rapidjson::Value& v, const std::string& where) {
    std::vector<std::string> out;
    if (!v.IsArray()) throw DataFileError(where + ": expected a list of strings");
    for (const auto& s : v.GetArray()) {
        if (!s.IsString()) throw DataFileError(where + ": expected a list of strings");
        out.emplace_back(s.GetString(), s.GetStringLength());
    }
    return out;
}

std::string optional_string(const rapidjson::Value& obj, const char* key) {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

bool has_upper(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size())
        if (text::is_upper(text::decode(s, pos))) return true;
    return false;
}

bool all_caps_short(std::string_view s) {
    std::size_t pos = 0, letters = 0;
    while (pos < s.size()) {
        char32_t c = text::decode(s, pos);
        if (text::is_letter(c)) {
            ++letters;
            if (!text::is_upper(c)) return false;
        }
    }
    return letters > 0 && letters <= 5;
}

}  // namespace

std::vector<std::string> phrase_words(std::string_view phrase) {
    std::vector<std::string> words;
    for (auto& t : tokenize(phrase, {0, phrase.size()})) words.push_back(std::move(t.folded));
    return words;
}

std::size_t Gazetteer::add_entry(GazetteerEntry entry) {
    std::string key = text::name_key(entry.name);
    if (auto it = by_name_.find(key); it != by_name_.end()) {
        // A later file extends an entry of the same name.
        auto& existing = entries_[it->second];
        for (auto& a : entry.aliases) existing.aliases.push_back(a);
        if (existing.maker.empty()) existing.maker = entry.maker;
        if (existing.country.empty()) existing.country = entry.country;
        return it->second;
    }
    by_name_.emplace(key, entries_.size());
    entries_.push_back(std::move(entry));
    return entries_.size() - 1;
}

void Gazetteer::load(const std::string& path) {
    auto doc = parse_json_file(path);
    auto it = doc.FindMember("entries");
    if (it == doc.MemberEnd() || !it->value.IsArray())
        throw DataFileError(fmt::format("{}: expected an \"entries\" list", path));
    std::size_t n = 0;
    for (const auto& v : it->value.GetArray()) {
        ++n;
        std::string where = fmt::format("{}: entry {}", path, n);
        if (!v.IsObject()) throw DataFileError(where + ": expected an object");
        GazetteerEntry e;
        e.name = optional_string(v, "name");
        if (e.name.empty()) throw DataFileError(where + ": missing \"name\"");
        where = fmt::format("{}: entry {} (\"{}\")", path, n, e.name);
        auto type = parse_entity_type(optional_string(v, "type"));
        if (!type) throw DataFileError(where + fmt::format(": unknown type \"{}\"", optional_string(v, "type")));
        e.type = *type;
        e.kind = optional_string(v, "kind");
        e.country = optional_string(v, "country");
        e.maker = optional_string(v, "maker");
        if (auto a = v.FindMember("aliases"); a != v.MemberEnd()) e.aliases = string_list(a->value, where + " aliases");
        std::vector<std::string> demonyms;
        if (auto d = v.FindMember("demonyms"); d != v.MemberEnd()) demonyms = string_list(d->value, where + " demonyms");
        for (const auto& d : demonyms)
            if (e.demonym.empty() && has_upper(d)) e.demonym = d;  // English adjectives are capitalized
        std::vector<std::string> names = e.aliases;
        names.push_back(e.name);
        if (!e.maker.empty()) makers_.insert(e.maker);
        bool national_government = e.type == EntityType::government && !e.country.empty() && e.name.size() > 11 &&
                                   e.name.compare(e.name.size() - 10, 10, "government") == 0;
        std::string country = e.country;
        std::size_t index = add_entry(std::move(e));
        if (national_government) governments_.emplace(country, index);
        for (const auto& name : names) {
            CaseRule rule = all_caps_short(name) ? CaseRule::exact : has_upper(name) ? CaseRule::capitalized : CaseRule::any;
            AliasRef ref{index, rule, name, {}};
            std::vector<std::string> words;
            for (auto& t : tokenize(name, {0, name.size()})) {
                ref.capitalized.push_back(t.is(kCapitalized) || t.is(kAllCaps));
                words.push_back(std::move(t.folded));
            }
            aliases_.add(std::move(words), std::move(ref));
        }
        for (const auto& d : demonyms) demonyms_.emplace(text::fold(d), index);
    }
}

std::optional<std::size_t> Gazetteer::demonym(const std::string& folded) const {
    auto it = demonyms_.find(folded);
    if (it == demonyms_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> Gazetteer::demonym(const Token& token) const {
    auto it = demonyms_.find(token);
    if (it == demonyms_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> Gazetteer::government_of(const std::string& country) const {
    auto it = governments_.find(country);
    if (it == governments_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> Gazetteer::find(const std::string& name) const {
    auto it = by_name_.find(text::name_key(name));
    if (it == by_name_.end()) return std::nullopt;
    return it->second;
}

namespace {

struct HeadGuess {
    HeadClass cls;
    const char* english;
};

// English head words for descriptive names, by folded singular stem. Unknown heads
// fall back to the class's generic word.
HeadGuess guess_head(const std::string& folded, HeadClass fallback) {
    static const std::vector<std::pair<std::string_view, HeadGuess>> kTable = {
        {"filiale", {HeadClass::subsidiary, "subsidiary"}},
        {"arm", {HeadClass::subsidiary, "subsidiary"}},
        {"unit", {HeadClass::subsidiary, "subsidiary"}},
        {"branch", {HeadClass::subsidiary, "subsidiary"}},
        {"affiliate", {HeadClass::subsidiary, "subsidiary"}},
        {"succursale", {HeadClass::subsidiary, "subsidiary"}},
        {"subsidiar", {HeadClass::subsidiary, "subsidiary"}},
        {"maison mere", {HeadClass::parent, "parent company"}},
        {"societe mere", {HeadClass::parent, "parent company"}},
        {"parent", {HeadClass::parent, "parent company"}},
        {"societe-ecran", {HeadClass::organization, "shell company"}},
        {"societe ecran", {HeadClass::organization, "shell company"}},
        {"societes ecrans", {HeadClass::organization, "shell company"}},
        {"shell", {HeadClass::organization, "shell company"}},
        {"front compan", {HeadClass::organization, "front company"}},
        {"start", {HeadClass::organization, "startup"}},
        {"fournisseur", {HeadClass::organization, "provider"}},
        {"provider", {HeadClass::organization, "provider"}},
        {"revendeur", {HeadClass::organization, "reseller"}},
        {"reseller", {HeadClass::organization, "reseller"}},
        {"distributeur", {HeadClass::organization, "distributor"}},
        {"distributor", {HeadClass::organization, "distributor"}},
        {"centre de donnees", {HeadClass::facility, "data center"}},
        {"centres de donnees", {HeadClass::facility, "data center"}},
        {"data cent", {HeadClass::facility, "data center"}},
        {"datacent", {HeadClass::facility, "data center"}},
        {"serveur", {HeadClass::servers, "servers"}},
        {"server", {HeadClass::servers, "servers"}},
        {"grappe", {HeadClass::cluster, "cluster"}},
        {"cluster", {HeadClass::cluster, "cluster"}},
        {"investisseur", {HeadClass::group, "investors"}},
        {"investor", {HeadClass::group, "investors"}},
        {"ingenieur", {HeadClass::group, "engineers"}},
        {"engineer", {HeadClass::group, "engineers"}},
        {"courtier", {HeadClass::group, "brokers"}},
        {"broker", {HeadClass::group, "brokers"}},
        {"intermediaire", {HeadClass::group, "intermediaries"}},
        {"intermediar", {HeadClass::group, "intermediaries"}},
        {"developpeur", {HeadClass::group, "developers"}},
        {"developer", {HeadClass::group, "developers"}},
        {"contrebandier", {HeadClass::group, "smugglers"}},
        {"smuggler", {HeadClass::group, "smugglers"}},
        {"acheteur", {HeadClass::group, "buyers"}},
        {"buyer", {HeadClass::group, "buyers"}},
        {"employe", {HeadClass::group, "employees"}},
        {"employee", {HeadClass::group, "employees"}},
        {"analyst", {HeadClass::group, "analysts"}},
        {"avocat", {HeadClass::group, "lawyers"}},
        {"lawyer", {HeadClass::group, "lawyers"}},
        {"vendeur", {HeadClass::group, "sellers"}},
        {"seller", {HeadClass::group, "sellers"}},
        {"utilisateur", {HeadClass::group, "users"}},
        {"user", {HeadClass::group, "users"}},
        {"client", {HeadClass::group, "customers"}},
        {"customer", {HeadClass::group, "customers"}},
        {"chercheur", {HeadClass::group, "researchers"}},
        {"researcher", {HeadClass::group, "researchers"}},
        {"fonctionnaire", {HeadClass::group, "officials"}},
        {"responsable", {HeadClass::group, "officials"}},
        {"official", {HeadClass::group, "officials"}},
        {"acteur", {HeadClass::group, "actors"}},
        {"actor", {HeadClass::group, "actors"}},
        {"allie", {HeadClass::group, "allies"}},
        {"cadre", {HeadClass::group, "executives"}},
        {"executive", {HeadClass::group, "executives"}},
        {"dirigeant", {HeadClass::group, "executives"}},
        {"entrepreneur", {HeadClass::group, "entrepreneurs"}},
        {"passeur", {HeadClass::group, "smugglers"}},
        {"trafiquant", {HeadClass::group, "traffickers"}},
        {"trafficker", {HeadClass::group, "traffickers"}},
        {"middlem", {HeadClass::group, "middlemen"}},
        {"fabricant", {HeadClass::organization, "manufacturer"}},
        {"manufacturer", {HeadClass::organization, "manufacturer"}},
        {"operateur", {HeadClass::organization, "operator"}},
        {"operator", {HeadClass::organization, "operator"}},
        {"hebergeur", {HeadClass::organization, "hosting company"}},
        {"laborator", {HeadClass::organization, "lab"}},
        {"institut", {HeadClass::organization, "institute"}},
        {"institute", {HeadClass::organization, "institute"}},
        {"geant", {HeadClass::organization, "giant"}},
        {"giant", {HeadClass::organization, "giant"}},
        {"entrepot", {HeadClass::facility, "warehouse"}},
        {"warehouse", {HeadClass::facility, "warehouse"}},
        {"supercalculateur", {HeadClass::facility, "supercomputer"}},
        {"supercomputer", {HeadClass::facility, "supercomputer"}},
        {"ferme", {HeadClass::facility, "server farm"}},
        {"usine", {HeadClass::facility, "factory"}},
        {"factory", {HeadClass::facility, "factory"}},
        {"autorite", {HeadClass::government, "authorities"}},
        {"authorit", {HeadClass::government, "authorities"}},
        {"douane", {HeadClass::government, "customs"}},
        {"customs", {HeadClass::government, "customs"}},
        {"gouvernement", {HeadClass::government, "government"}},
        {"government", {HeadClass::government, "government"}},
        {"ministere", {HeadClass::government, "ministry"}},
        {"ministry", {HeadClass::government, "ministry"}},
        {"procureur", {HeadClass::government, "prosecutors"}},
        {"prosecutor", {HeadClass::government, "prosecutors"}},
        {"police", {HeadClass::government, "police"}},
        {"societe", {HeadClass::organization, "company"}},
        {"entreprise", {HeadClass::organization, "company"}},
        {"compan", {HeadClass::organization, "company"}},
        {"firm", {HeadClass::organization, "company"}},
        {"groupe", {HeadClass::organization, "group"}},
    };
    for (const auto& [prefix, guess] : kTable)
        if (folded.compare(0, prefix.size(), prefix) == 0) return guess;
    return {fallback, nullptr};  // unknown: the caller keeps the word as written
}

bool looks_plural(const std::string& folded, HeadClass cls) {
    if (cls == HeadClass::group) return true;
    std::string last = folded.substr(folded.rfind(' ') == std::string::npos ? 0 : folded.rfind(' ') + 1);
    return !last.empty() && (last.back() == 's' || last.back() == 'x') && last != "business";
}

}  // namespace

void Lexicon::load(const std::string& path) {
    auto doc = parse_json_file(path);
    std::string language;  // of the list being read, "" for shared lists
    auto lists = [&](const char* key, auto&& each) {
        auto it = doc.FindMember(key);
        if (it == doc.MemberEnd()) return;
        std::string where = fmt::format("{}: \"{}\"", path, key);
        language.clear();
        if (it->value.IsArray()) {
            for (auto& s : string_list(it->value, where)) each(s);
        } else if (it->value.IsObject()) {
            for (auto& lang : it->value.GetObject()) {
                language = lang.name.GetString();
                for (auto& s : string_list(lang.value, where + "." + language)) each(s);
            }
        } else {
            throw DataFileError(where + ": expected a list or an object of lists");
        }
    };
    auto add_head = [&](const std::string& s, HeadClass cls) {
        auto words = phrase_words(s);
        if (words.empty()) return;
        std::string folded = text::fold(s);
        HeadGuess g = guess_head(folded, cls);
        // The table refines organization heads (subsidiary, parent) but never changes
        // facility/group/chip lists into something else.
        HeadClass final_cls = cls;
        if (cls == HeadClass::organization || cls == HeadClass::facility) final_cls = g.cls;
        if (cls == HeadClass::facility && g.cls != HeadClass::servers && g.cls != HeadClass::cluster)
            final_cls = HeadClass::facility;
        bool plural = looks_plural(folded, cls);
        std::string english = g.english ? g.english : text::to_lower(s);
        // A plural head already names the group: "fournisseurs" stays as written.
        if (!g.english && (cls == HeadClass::group || plural)) plural = false;
        HeadInfo info{final_cls, plural, english};
        if (language != "en") heads_fr.add(words, info);
        if (language != "fr") heads_en.add(std::move(words), info);
    };
    lists("org_heads", [&](const std::string& s) { add_head(s, HeadClass::organization); });
    lists("facility_heads", [&](const std::string& s) { add_head(s, HeadClass::facility); });
    lists("group_heads", [&](const std::string& s) { add_head(s, HeadClass::group); });
    lists("chip_heads", [&](const std::string& s) { add_head(s, HeadClass::chips); });
    lists("government_heads", [&](const std::string& s) { add_head(s, HeadClass::government); });
    lists("person_roles", [&](const std::string& s) {
        auto words = phrase_words(s);
        // Content words of role phrases ("mineur", "entrepreneur") signal a person nearby.
        for (const auto& w : words)
            if (w.size() >= 5 && w != "ancien" && w != "former" && w != "ancienne") role_words.insert(w);
        person_roles.add(std::move(words), s);
    });
    lists("person_titles", [&](const std::string& s) { person_titles.insert(text::fold(s)); });
    lists("org_suffixes", [&](const std::string& s) { org_suffixes.insert(text::fold(s)); });
    lists("stopwords_capitalized", [&](const std::string& s) { stop_capitalized.insert(text::fold(s)); });
    lists("given_names", [&](const std::string& s) { given_names.insert(text::fold(s)); });
    lists("org_name_starts", [&](const std::string& s) { org_name_starts.insert(text::fold(s)); });
}

}  // namespace chipgraph::ingest
