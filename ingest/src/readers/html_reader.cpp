// HTML pages: the article text (boilerplate dropped), title, date, canonical URL.
//
// Gumbo builds the tree; every walk over it here is iterative (explicit stack), and pages
// nested deeper than kMaxHtmlDepth are refused before parsing: gumbo's tree building is
// quadratic in the nesting depth (100,000 nested <div> take 16 s) and it frees the tree
// recursively.
#include <gumbo.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "reader_util.hpp"

namespace chipgraph::ingest {

// ---------------------------------------------------------------------------------
// Nesting depth estimate: a tag scanner with a stack of open element names, following
// the HTML rules that matter for depth (void elements, raw text elements, elements
// closed by a sibling of the same name, end tags closing everything up to their match).

namespace {

bool ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

bool name_char(char c) { return !(detail::is_space(c) || c == '/' || c == '>'); }

std::uint64_t name_hash(std::string_view name) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : name) {
        h ^= static_cast<unsigned char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
        h *= 1099511628211ull;
    }
    return h;
}

bool name_in(std::string_view lower, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), lower) != names.end();
}

// Position of "</name" (case-insensitive, followed by a non-name character) from `from`.
std::size_t find_end_tag(std::string_view html, std::string_view lower_name, std::size_t from) {
    while (from < html.size()) {
        const void* lt = std::memchr(html.data() + from, '<', html.size() - from);
        if (!lt) return std::string_view::npos;
        std::size_t i = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
        if (i + 1 + lower_name.size() < html.size() && html[i + 1] == '/') {
            bool same = true;
            for (std::size_t k = 0; k < lower_name.size() && same; ++k) {
                char c = html[i + 2 + k];
                same = ((c >= 'A' && c <= 'Z') ? c + 32 : c) == lower_name[k];
            }
            if (same && (i + 2 + lower_name.size() >= html.size() || !name_char(html[i + 2 + lower_name.size()])))
                return i;
        }
        from = i + 1;
    }
    return std::string_view::npos;
}

}  // namespace

std::size_t html_nesting_depth(std::string_view html) {
    std::vector<std::uint64_t> stack;
    std::unordered_map<std::uint64_t, std::size_t> open;  // name -> how many open
    std::size_t deepest = 0;
    const std::size_t n = html.size();
    auto pop_through = [&](std::uint64_t h) {
        while (!stack.empty()) {
            std::uint64_t top = stack.back();
            stack.pop_back();
            --open[top];
            if (top == h) break;
        }
    };
    std::size_t i = 0;
    while (i < n) {
        const void* lt = std::memchr(html.data() + i, '<', n - i);
        if (!lt) break;
        i = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
        if (i + 1 >= n) break;
        if (html.compare(i, 4, "<!--") == 0) {
            std::size_t close = html.find("-->", i + 4);
            if (close == std::string_view::npos) break;
            i = close + 3;
            continue;
        }
        char c = html[i + 1];
        if (c == '!' || c == '?') {
            std::size_t close = html.find('>', i + 2);
            if (close == std::string_view::npos) break;
            i = close + 1;
            continue;
        }
        bool end = c == '/';
        std::size_t start = i + 1 + (end ? 1 : 0);
        if (start >= n || !ascii_alpha(html[start])) {
            ++i;
            continue;
        }
        std::size_t stop = start;
        while (stop < n && name_char(html[stop])) ++stop;
        std::string_view name = html.substr(start, stop - start);
        // Attributes up to '>': quotes only count after '=' (as the tokenizer reads them).
        std::size_t q = stop;
        char quote = 0, last = 0;
        while (q < n) {
            char d = html[q];
            if (quote) {
                if (d == quote) quote = 0;
            } else if ((d == '"' || d == '\'') && last == '=') {
                quote = d;
            } else if (d == '>') {
                break;
            }
            if (!detail::is_space(d)) last = d;
            ++q;
        }
        if (q >= n) break;
        bool self_closing = q > stop && html[q - 1] == '/';
        i = q + 1;
        std::uint64_t h = name_hash(name);
        if (end) {
            if (open[h] > 0) pop_through(h);
            continue;
        }
        std::string lower = name.size() <= 16 ? detail::ascii_lower(name) : std::string();
        if (name_in(lower, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                            "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "html",
                            "head", "body"}))
            continue;
        if (name_in(lower, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                            "noscript"})) {
            std::size_t close = find_end_tag(html, lower, i);
            if (close == std::string_view::npos) break;
            i = close;
            continue;
        }
        if (lower == "plaintext") break;
        if (self_closing) continue;
        if (open[h] > 0 && name_in(lower, {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
                                           "tbody", "tfoot", "rb", "rt", "rp", "rtc", "colgroup", "caption", "a",
                                           "nobr", "form", "button", "table"}))
            pop_through(h);
        stack.push_back(h);
        ++open[h];
        deepest = std::max(deepest, stack.size());
    }
    return deepest;
}

// ---------------------------------------------------------------------------------
// Tree walking.

namespace {

struct GumboDeleter {
    void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

const GumboVector* children(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
    return nullptr;  // templates' contents are never read
}

std::string_view attr(const GumboNode* node, const char* name) {
    if (node->type != GUMBO_NODE_ELEMENT) return {};
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? std::string_view(a->value) : std::string_view();
}

GumboTag tag_of(const GumboNode* node) {
    return node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

bool html_namespace(const GumboNode* node) { return node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML; }

bool is_block(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
        case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
        case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
        case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
        case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
        case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
        case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_BR:
            return true;
        default: return false;
    }
}

// Elements whose content is never article text.
bool dropped_tag(GumboTag t, int article_depth) {
    switch (t) {
        case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_AUDIO: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP: case GUMBO_TAG_MENU:
        case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_DATALIST: case GUMBO_TAG_FRAMESET:
        case GUMBO_TAG_APPLET: case GUMBO_TAG_LABEL:
            return true;
        case GUMBO_TAG_HEADER: return article_depth == 0;  // the site's header, not the article's
        default: return false;
    }
}

// Words in class and id attributes that mark boilerplate (cookie banners, share bars,
// newsletter boxes, related links, comment threads, ads).
bool boilerplate_word(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "cookie", "cookies", "consent", "gdpr", "newsletter", "share", "sharing", "social", "related",
        "comments", "comment", "breadcrumb", "breadcrumbs", "advert", "advertisement", "ads", "ad", "promo",
        "subscribe", "subscription", "paywall", "popup", "modal", "sidebar", "navbar", "menu", "outbrain",
        "taboola", "sponsored", "recommended"};
    for (auto k : kWords)
        if (w == k) return true;
    return false;
}

bool boilerplate_attribute(std::string_view value) {
    std::string lower = detail::ascii_lower(value);
    static constexpr std::string_view kWhole[] = {"sr-only", "visually-hidden", "screen-reader-text",
                                                  "skip-link", "visuallyhidden"};
    std::size_t i = 0;
    while (i < lower.size()) {
        while (i < lower.size() && detail::is_space(lower[i])) ++i;
        std::size_t j = i;
        while (j < lower.size() && !detail::is_space(lower[j])) ++j;
        std::string_view cls(lower.data() + i, j - i);
        for (auto w : kWhole)
            if (cls == w) return true;
        std::size_t k = 0;
        while (k < cls.size()) {  // words of the class name: "cookie-banner" -> cookie, banner
            std::size_t e = cls.find_first_of("-_", k);
            if (e == std::string_view::npos) e = cls.size();
            if (boilerplate_word(cls.substr(k, e - k))) return true;
            k = e + 1;
        }
        i = j;
    }
    return false;
}

bool dropped_element(const GumboNode* node, int article_depth) {
    GumboTag t = node->v.element.tag;
    if (!html_namespace(node)) return true;  // SVG and MathML content
    if (dropped_tag(t, article_depth)) return true;
    if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_BODY || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_ARTICLE) return false;
    const GumboVector& attrs = node->v.element.attributes;
    if (attrs.length == 0) return false;
    if (gumbo_get_attribute(&attrs, "hidden")) return true;
    if (detail::ascii_lower(attr(node, "aria-hidden")) == "true") return true;
    std::string role = detail::ascii_lower(attr(node, "role"));
    if (!role.empty() && name_in(role, {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                                        "alertdialog", "menu", "menubar", "toolbar"}))
        return true;
    if (auto style = attr(node, "style"); !style.empty()) {
        std::string s = detail::ascii_lower(style);
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos)
            return true;
    }
    return boilerplate_attribute(attr(node, "class")) || boilerplate_attribute(attr(node, "id"));
}

// Text output: whitespace runs collapse to one space inside a block; blocks end lines.
class TextOut {
public:
    void text(std::string_view s, bool pre) {
        if (pre) {
            flush_space();
            out_.append(s);
            return;
        }
        std::size_t i = 0;
        while (i < s.size()) {
            std::size_t j = i;
            while (j < s.size() && !detail::is_space(s[j])) ++j;
            if (j > i) {
                flush_space();
                out_.append(s.data() + i, j - i);
            }
            if (j < s.size()) space_ = true;
            i = j;
            while (i < s.size() && detail::is_space(s[i])) ++i;
        }
    }
    void space() { space_ = true; }
    void block() {
        space_ = false;
        if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
    }
    std::string& str() { return out_; }

private:
    void flush_space() {
        if (space_ && !out_.empty() && out_.back() != '\n') out_.push_back(' ');
        space_ = false;
    }
    std::string out_;
    bool space_ = false;
};

struct Frame {
    const GumboNode* node;
    bool exit;
};

// The text under `root`, boilerplate dropped. `first_time` gets the first <time datetime>.
std::string extract_text(const GumboNode* root, int article_depth, std::string* first_time = nullptr) {
    TextOut out;
    int pre = 0;
    std::vector<Frame> stack;
    stack.push_back({root, false});
    while (!stack.empty()) {
        Frame f = stack.back();
        stack.pop_back();
        const GumboNode* node = f.node;
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
            out.text(node->v.text.text, pre > 0);
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;  // comments, templates
        GumboTag t = tag_of(node);
        if (f.exit) {
            if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN) --article_depth;
            if (t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING || t == GUMBO_TAG_XMP || t == GUMBO_TAG_PLAINTEXT) --pre;
            if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH)
                out.space();
            else if (is_block(t))
                out.block();
            continue;
        }
        if (node->type == GUMBO_NODE_ELEMENT) {
            if (node != root && dropped_element(node, article_depth)) continue;
            if (t == GUMBO_TAG_TIME && first_time && first_time->empty()) {
                auto dt = attr(node, "datetime");
                if (!dt.empty()) *first_time = std::string(dt);
            }
            if (t == GUMBO_TAG_BR) {
                out.block();
                continue;
            }
            if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN) ++article_depth;
            if (t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING || t == GUMBO_TAG_XMP || t == GUMBO_TAG_PLAINTEXT) ++pre;
            if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH)
                out.space();
            else if (is_block(t))
                out.block();
            stack.push_back({node, true});
        }
        const GumboVector* kids = children(node);
        for (unsigned k = kids->length; k-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids->data[k]), false});
    }
    return std::move(out.str());
}

// All the text under a node, whitespace collapsed (for <title>, <h1>).
std::string plain_text(const GumboNode* root) {
    std::string raw;
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
            raw.append(node->v.text.text);
            continue;
        }
        if (const GumboVector* kids = children(node))
            for (unsigned k = kids->length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[k]));
    }
    return detail::clean_line(raw);
}

// What the page says about itself: meta tags, <title>, canonical link, JSON-LD, and where
// the article is.
struct PageInfo {
    std::string title_tag, h1, canonical, first_time;
    std::unordered_map<std::string, std::string> meta;  // lower-case property/name/itemprop -> content
    std::string ld_date, ld_headline;
    std::vector<const GumboNode*> articles;  // outermost <article> elements outside boilerplate
    const GumboNode* main = nullptr;
    const GumboNode* body = nullptr;
};

void read_json_ld(std::string_view json, PageInfo& info) {
    rapidjson::Document d;
    d.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
    if (d.HasParseError()) return;
    std::vector<const rapidjson::Value*> stack{&d};
    while (!stack.empty()) {
        const rapidjson::Value* v = stack.back();
        stack.pop_back();
        if (v->IsArray()) {
            for (auto it = v->End(); it != v->Begin();) stack.push_back(&*--it);
        } else if (v->IsObject()) {
            auto date = v->FindMember("datePublished");
            if (date != v->MemberEnd() && date->value.IsString() && info.ld_date.empty())
                info.ld_date = date->value.GetString();
            auto headline = v->FindMember("headline");
            if (headline != v->MemberEnd() && headline->value.IsString() && info.ld_headline.empty())
                info.ld_headline = headline->value.GetString();
            for (auto it = v->MemberEnd(); it != v->MemberBegin();) {
                --it;
                if (it->value.IsObject() || it->value.IsArray()) stack.push_back(&it->value);
            }
        }
    }
}

PageInfo survey(const GumboNode* document) {
    PageInfo info;
    struct Item {
        const GumboNode* node;
        bool exit;
        bool dropped;  // inside boilerplate
    };
    int article_depth = 0;
    std::vector<Item> stack{{document, false, false}};
    while (!stack.empty()) {
        Item item = stack.back();
        stack.pop_back();
        const GumboNode* node = item.node;
        GumboTag t = tag_of(node);
        if (item.exit) {
            if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN) --article_depth;
            continue;
        }
        bool dropped = item.dropped;
        if (node->type == GUMBO_NODE_ELEMENT) {
            bool html = html_namespace(node);
            if (html && t == GUMBO_TAG_TITLE && info.title_tag.empty()) info.title_tag = plain_text(node);
            if (t == GUMBO_TAG_META) {
                std::string_view key = attr(node, "property");
                if (key.empty()) key = attr(node, "name");
                if (key.empty()) key = attr(node, "itemprop");
                std::string_view content = attr(node, "content");
                if (content.empty()) content = attr(node, "datetime");
                if (!key.empty() && !content.empty()) info.meta.emplace(detail::ascii_lower(key), content);
            }
            if (t == GUMBO_TAG_LINK && info.canonical.empty()) {
                std::string rel = detail::ascii_lower(attr(node, "rel"));
                if (rel == "canonical") info.canonical = std::string(detail::trim(attr(node, "href")));
            }
            if (t == GUMBO_TAG_SCRIPT &&
                detail::ascii_lower(detail::trim(attr(node, "type"))) == "application/ld+json" &&
                node->v.element.children.length > 0) {
                auto* text = static_cast<const GumboNode*>(node->v.element.children.data[0]);
                if (text->type == GUMBO_NODE_TEXT) read_json_ld(text->v.text.text, info);
            }
            if (t == GUMBO_TAG_TEMPLATE) continue;
            if (!dropped && html && t != GUMBO_TAG_HEAD && dropped_element(node, article_depth)) dropped = true;
            if (!dropped && html) {
                if (t == GUMBO_TAG_BODY && !info.body) info.body = node;
                if (t == GUMBO_TAG_MAIN && !info.main) info.main = node;
                if (t == GUMBO_TAG_ARTICLE && article_depth == 0) info.articles.push_back(node);
                if (t == GUMBO_TAG_H1 && info.h1.empty()) info.h1 = plain_text(node);
                if (t == GUMBO_TAG_TIME && info.first_time.empty()) info.first_time = std::string(attr(node, "datetime"));
            }
            if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN) {
                ++article_depth;
                stack.push_back({node, true, dropped});
            }
        }
        if (const GumboVector* kids = children(node))
            for (unsigned k = kids->length; k-- > 0;)
                stack.push_back({static_cast<const GumboNode*>(kids->data[k]), false, dropped});
    }
    return info;
}

std::string first_meta(const PageInfo& info, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (auto it = info.meta.find(k); it != info.meta.end() && !detail::blank(it->second)) return it->second;
    return "";
}

}  // namespace

Document read_html(std::string_view html, const std::string& source) {
    if (std::size_t depth = html_nesting_depth(html); depth > kMaxHtmlDepth)
        throw InputError(fmt::format("HTML nested too deeply ({} levels; the limit is {})", depth, kMaxHtmlDepth));
    GumboOptions options = kGumboDefaultOptions;
    std::unique_ptr<GumboOutput, GumboDeleter> output(gumbo_parse_with_options(&options, html.data(), html.size()));
    Document doc;
    doc.source = source;
    if (!output) return doc;
    PageInfo info = survey(output->document);

    // The article: the longest outermost <article>, else <main>, else <body>; a short
    // <article> (a teaser, a header) loses to a body with much more text.
    std::string text, time_in_article;
    const GumboNode* fallback = info.body ? info.body : output->document;
    if (!info.articles.empty()) {
        for (const GumboNode* a : info.articles) {
            std::string time;
            std::string t = extract_text(a, 0, &time);
            if (t.size() > text.size() || text.empty()) {
                text = std::move(t);
                time_in_article = std::move(time);
            }
        }
    } else if (info.main) {
        text = extract_text(info.main, 0, &time_in_article);
    }
    if (text.size() < 200) {
        std::string time;
        std::string whole = extract_text(fallback, 0, &time);
        if (text.empty() || whole.size() > 3 * text.size()) {
            text = std::move(whole);
            if (time_in_article.empty()) time_in_article = std::move(time);
        }
    }
    doc.text = normalize_text(std::move(text));
    std::string_view trimmed = detail::trim(doc.text);
    if (trimmed.size() != doc.text.size()) doc.text = std::string(trimmed);

    doc.title = detail::clean_line(first_meta(info, {"og:title", "twitter:title"}));
    if (doc.title.empty()) doc.title = info.title_tag;
    if (doc.title.empty()) doc.title = detail::clean_line(info.ld_headline);
    if (doc.title.empty()) doc.title = info.h1;

    // The first source that gives a real date wins; failing that, the first text given.
    std::vector<std::string> dates;
    for (const char* key : {"article:published_time", "og:published_time", "datepublished"})
        dates.push_back(first_meta(info, {key}));
    dates.push_back(info.ld_date);
    for (const char* key : {"date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
                            "dc.date.issued", "dcterms.date", "dcterms.created", "dcterms.issued", "sailthru.date",
                            "parsely-pub-date", "article.published"})
        dates.push_back(first_meta(info, {key}));
    dates.push_back(time_in_article);
    dates.push_back(info.first_time);
    std::string fallback_date;
    for (const auto& d : dates) {
        if (detail::blank(d)) continue;
        std::string normalized = normalize_date(detail::clean_line(d));
        if (normalized.size() >= 7 && normalized[4] == '-' && std::isdigit(static_cast<unsigned char>(normalized[0]))) {
            doc.published = std::move(normalized);
            break;
        }
        if (fallback_date.empty()) fallback_date = std::move(normalized);
    }
    if (doc.published.empty()) doc.published = std::move(fallback_date);

    doc.url = info.canonical.empty() ? std::string(detail::trim(first_meta(info, {"og:url"}))) : info.canonical;
    doc.url = detail::clean_line(doc.url);
    return doc;
}

void read_html_file(const std::string& path, const ReadCallbacks& cb, const ReadOptions& options) {
    std::string bytes, error;
    if (!detail::load_file(path, options.max_file_bytes, bytes, error)) {
        detail::skip(cb, {path, 0, std::move(error)});
        return;
    }
    DecodedText decoded = decode_text(std::move(bytes));
    if (!decoded.skip_reason.empty()) {
        detail::skip(cb, {path, 0, std::move(decoded.skip_reason)});
        return;
    }
    Document doc;
    try {
        doc = read_html(decoded.text, path);
    } catch (const InputError& e) {
        detail::skip(cb, {path, 0, e.what()});
        return;
    }
    if (doc.text.empty()) {
        detail::skip(cb, {path, 0, "no article text in the page"});
        return;
    }
    if (!decoded.warning.empty()) detail::warn(cb, {path, 0, std::move(decoded.warning)});
    detail::emit(cb, std::move(doc));
}

}  // namespace chipgraph::ingest
