#include "rules.hpp"

#include <libstemmer.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/extractor.hpp"
#include "lexicon.hpp"

namespace chipgraph::ingest {

Stemmer::Stemmer() : fr_(sb_stemmer_new("french", "UTF_8")), en_(sb_stemmer_new("english", "UTF_8")) {}

Stemmer::~Stemmer() {
    sb_stemmer_delete(fr_);
    sb_stemmer_delete(en_);
}

std::string Stemmer::stem(const std::string& folded, const std::string& language) const {
    sb_stemmer* s = language == std::string_view("fr") ? fr_ : en_;
    auto run = [&](const std::string& w) {
        const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(w.data()), static_cast<int>(w.size()));
        return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(s)));
    };
    std::string result = run(folded);
    // Snowball's French stemmer keeps the third-person plural ending: louent, utilisent.
    if (language == std::string_view("fr") && result == folded && folded.size() > 5 && folded.compare(folded.size() - 3, 3, "ent") == 0)
        result = run(folded.substr(0, folded.size() - 3) + "er");
    return result;
}

namespace {

std::optional<EntityType> parse_label(std::string_view label) {
    std::string l = text::to_lower(label);
    if (l == "person" || l == "per") return EntityType::person;
    if (l == "org" || l == "organization" || l == "organisation") return EntityType::organization;
    if (l == "gov" || l == "government") return EntityType::government;
    if (l == "facility" || l == "fac") return EntityType::facility;
    if (l == "product") return EntityType::product;
    if (l == "place" || l == "gpe" || l == "loc") return EntityType::place;
    if (l == "instrument") return EntityType::instrument;
    if (l == "group" || l == "norp") return EntityType::group;
    return std::nullopt;
}

struct Context {
    std::string where;
    [[noreturn]] void fail(const std::string& what) const { throw DataFileError(where + ": " + what); }
};

// Reads "word", ["a", "b"], {"IN": [...]} or {"NOT_IN": [...]} into folded values.
WordSet read_words(const rapidjson::Value& v, const Context& ctx, const char* key,
                   const std::function<std::string(const std::string&)>& normalize) {
    WordSet set;
    auto add_list = [&](const rapidjson::Value& list) {
        if (!list.IsArray()) ctx.fail(fmt::format("{} expects a string, a list or {{\"IN\": [...]}}", key));
        for (const auto& s : list.GetArray()) {
            if (!s.IsString()) ctx.fail(fmt::format("{} values must be strings", key));
            set.values.insert(normalize(std::string(s.GetString(), s.GetStringLength())));
        }
    };
    if (v.IsString()) {
        set.values.insert(normalize(std::string(v.GetString(), v.GetStringLength())));
    } else if (v.IsArray()) {
        add_list(v);
    } else if (v.IsObject()) {
        if (auto it = v.FindMember("IN"); it != v.MemberEnd()) {
            add_list(it->value);
        } else if (auto nit = v.FindMember("NOT_IN"); nit != v.MemberEnd()) {
            add_list(nit->value);
            set.negate = true;
        } else {
            ctx.fail(fmt::format("{} object must have IN or NOT_IN", key));
        }
    } else {
        ctx.fail(fmt::format("{} expects a string, a list or {{\"IN\": [...]}}", key));
    }
    return set;
}

void read_op(PatternElement& el, const std::string& op, const Context& ctx) {
    if (op == "?") {
        el.min = 0;
    } else if (op == "*") {
        el.min = 0;
        el.max = 1000;
    } else if (op == "+") {
        el.max = 1000;
    } else if (op == "!") {
        el.negated = true;
    } else if (op.size() >= 3 && op.front() == '{' && op.back() == '}') {
        int a = 0, b = 0;
        char comma = 0;
        std::istringstream in(op.substr(1, op.size() - 2));
        if (!(in >> a >> comma >> b) || comma != ',' || a < 0 || b < a || b > 50)
            ctx.fail(fmt::format("bad OP \"{}\" (expected {{n,m}} with 0 <= n <= m <= 50)", op));
        el.min = a;
        el.max = b;
    } else {
        ctx.fail(fmt::format("unknown OP \"{}\" (expected ?, *, +, ! or {{n,m}})", op));
    }
}

PatternElement read_element(const rapidjson::Value& v, const Context& ctx, const Stemmer& stemmer) {
    if (!v.IsObject()) ctx.fail("each pattern element must be an object");
    PatternElement el;
    for (const auto& m : v.GetObject()) {
        std::string key(m.name.GetString(), m.name.GetStringLength());
        const auto& val = m.value;
        if (key == "ENT_TYPE") {
            std::vector<std::string> labels;
            if (val.IsString()) labels.emplace_back(val.GetString());
            else if (val.IsArray())
                for (const auto& s : val.GetArray()) {
                    if (!s.IsString()) ctx.fail("ENT_TYPE values must be strings");
                    labels.emplace_back(s.GetString());
                }
            else if (val.IsObject() && val.HasMember("IN") && val["IN"].IsArray())
                for (const auto& s : val["IN"].GetArray()) labels.emplace_back(s.IsString() ? s.GetString() : "");
            else
                ctx.fail("ENT_TYPE expects a label or a list of labels");
            for (const auto& l : labels) {
                if (l == "ANY" || l == "any") {
                    el.any_entity = true;
                } else if (auto t = parse_label(l)) {
                    el.ent_types.push_back(*t);
                } else {
                    ctx.fail(fmt::format("unknown ENT_TYPE \"{}\" (expected PERSON, ORG, GOV, FACILITY, PRODUCT, PLACE, "
                                         "INSTRUMENT, GROUP or ANY)",
                                         l));
                }
            }
        } else if (key == "SLOT") {
            std::string s = val.IsString() ? val.GetString() : "";
            if (s == "subject") el.slot = Slot::subject;
            else if (s == "object") el.slot = Slot::object;
            else if (s == "product") el.slot = Slot::product;
            else ctx.fail(fmt::format("unknown SLOT \"{}\" (expected subject, object or product)", s));
        } else if (key == "LOWER") {
            el.lower = read_words(val, ctx, "LOWER", [](const std::string& w) { return text::fold(w); });
        } else if (key == "LEMMA") {
            el.lemma_stems_fr = read_words(val, ctx, "LEMMA",
                                           [&](const std::string& w) { return stemmer.stem(text::fold(w), "fr"); });
            el.lemma_stems_en = read_words(val, ctx, "LEMMA",
                                           [&](const std::string& w) { return stemmer.stem(text::fold(w), "en"); });
        } else if (key == "TEXT" || key == "ORTH") {
            el.text = read_words(val, ctx, "TEXT", [](const std::string& w) { return w; });
        } else if (key == "IS_PUNCT" || key == "IS_TITLE" || key == "LIKE_NUM" || key == "IS_SENT_START") {
            if (!val.IsBool()) ctx.fail(key + " expects true or false");
            (key == "IS_PUNCT"    ? el.is_punct
             : key == "IS_TITLE"  ? el.is_title
             : key == "LIKE_NUM"  ? el.like_num
                                  : el.is_sent_start) = val.GetBool();
        } else if (key == "OP") {
            if (!val.IsString()) ctx.fail("OP expects a string");
            read_op(el, val.GetString(), ctx);
        } else {
            ctx.fail(fmt::format("unknown key \"{}\"", key));
        }
    }
    el.finish();
    if (el.slot != Slot::none && el.ent_types.empty() && !el.any_entity)
        ctx.fail("a SLOT element needs an ENT_TYPE");
    if (el.slot != Slot::none && (el.min != 1 || el.max != 1)) ctx.fail("a SLOT element cannot repeat (no OP)");
    return el;
}

}  // namespace

void RuleSet::load(const std::string& path, const Stemmer& stemmer) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataFileError(fmt::format("{}: cannot open rule pack", path));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string data = ss.str();
    rapidjson::Document doc;
    doc.Parse(data.c_str(), data.size());
    if (doc.HasParseError()) {
        std::size_t line = 1 + static_cast<std::size_t>(
                                   std::count(data.begin(), data.begin() + static_cast<long>(doc.GetErrorOffset()), '\n'));
        throw DataFileError(fmt::format("{}:{}: invalid JSON: {}", path, line, rapidjson::GetParseError_En(doc.GetParseError())));
    }
    if (!doc.IsObject() || !doc.HasMember("rules") || !doc["rules"].IsArray())
        throw DataFileError(fmt::format("{}: expected an object with a \"rules\" list", path));
    std::string pack_language = doc.HasMember("language") && doc["language"].IsString() ? doc["language"].GetString() : "";
    std::size_t n = 0;
    for (const auto& r : doc["rules"].GetArray()) {
        ++n;
        Context ctx{fmt::format("{}: rule {}", path, n)};
        if (!r.IsObject()) ctx.fail("expected an object");
        Rule rule;
        rule.id = r.HasMember("id") && r["id"].IsString() ? r["id"].GetString() : "";
        if (rule.id.empty()) ctx.fail("missing \"id\"");
        ctx.where = fmt::format("{}: rule {} (\"{}\")", path, n, rule.id);
        rule.predicate = r.HasMember("predicate") && r["predicate"].IsString() ? r["predicate"].GetString() : "";
        if (rule.predicate.empty()) ctx.fail("missing \"predicate\"");
        rule.language = r.HasMember("language") && r["language"].IsString() ? r["language"].GetString() : pack_language;
        if (r.HasMember("confidence")) {
            if (!r["confidence"].IsNumber() || r["confidence"].GetDouble() <= 0 || r["confidence"].GetDouble() > 1)
                ctx.fail("confidence must be a number in (0, 1]");
            rule.confidence = r["confidence"].GetDouble();
        }
        if (!r.HasMember("pattern") || !r["pattern"].IsArray() || r["pattern"].Empty())
            ctx.fail("missing or empty \"pattern\" list");
        bool subject = false, object = false;
        for (const auto& e : r["pattern"].GetArray()) {
            rule.pattern.push_back(read_element(e, ctx, stemmer));
            subject = subject || rule.pattern.back().slot == Slot::subject;
            object = object || rule.pattern.back().slot == Slot::object;
        }
        if (!subject || !object) ctx.fail("the pattern needs one SLOT \"subject\" and one SLOT \"object\"");
        // A user's rule with the id of a shipped one replaces it.
        auto same = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& x) { return x.id == rule.id; });
        if (same != rules_.end())
            *same = std::move(rule);
        else
            rules_.push_back(std::move(rule));
    }
    index();
}

void RuleSet::index() {
    required_.assign(rules_.size(), 0);
    always_viable_.clear();
    by_word_.clear();
    by_stem_fr_.clear();
    by_stem_en_.clear();
    for (std::size_t r = 0; r < rules_.size(); ++r) {
        int k = 0;
        for (const auto& el : rules_[r].pattern) {
            // Negated sets ("NOT_IN") say nothing about which words must occur.
            if (!el.required_literal() || el.lower.negate || el.lemma_stems_fr.negate || k >= 64) continue;
            std::uint64_t bit = std::uint64_t{1} << k++;
            required_[r] |= bit;
            for (const auto& w : el.lower.values) by_word_[w].push_back({r, bit});
            for (const auto& st : el.lemma_stems_fr.values) by_stem_fr_[st].push_back({r, bit});
            for (const auto& st : el.lemma_stems_en.values) by_stem_en_[st].push_back({r, bit});
        }
        if (required_[r] == 0) always_viable_.push_back(static_cast<std::uint32_t>(r));
    }
}

std::vector<std::uint32_t> RuleSet::viable(const std::vector<Token>& words,
                                           const std::vector<const std::string*>& stems, bool french) const {
    // Only the rules some word of the sentence is required by are looked at again.
    std::vector<std::uint64_t> seen(rules_.size(), 0);
    std::vector<std::uint32_t> touched;
    auto mark = [&](const WordMap<std::vector<Requirement>>& index, const auto& key) {
        auto it = index.find(key);
        if (it == index.end()) return;
        for (const auto& req : it->second) {
            if (seen[req.rule] == 0) touched.push_back(static_cast<std::uint32_t>(req.rule));
            seen[req.rule] |= req.bit;
        }
    };
    for (const Token& w : words) mark(by_word_, w);
    for (const auto* st : stems) mark(french ? by_stem_fr_ : by_stem_en_, *st);
    std::vector<std::uint32_t> out = always_viable_;
    for (std::uint32_t r : touched)
        if ((seen[r] & required_[r]) == required_[r]) out.push_back(r);
    std::sort(out.begin(), out.end());  // rule order
    return out;
}

}  // namespace chipgraph::ingest
