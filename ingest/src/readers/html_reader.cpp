// HTML pages: the article text (boilerplate dropped), title, date, canonical URL.
//
// Gumbo builds the tree; every walk over it here is iterative (explicit stack), and pages
// nested deeper than kMaxHtmlDepth are refused before parsing: gumbo's tree building is
// quadratic in the nesting depth (100,000 nested <div> take 16 s) and it frees the tree
// recursively.
#include <gumbo.h>
#include <rapidjson/document.h>

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <new>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "reader_util.hpp"

namespace chipgraph::ingest {

// ---------------------------------------------------------------------------------
// Nesting depth estimate: a tag scanner that keeps a stack of open elements the way the
// HTML tree builder does, as far as depth goes: void and raw-text elements, elements
// closed by the start of another (p by blocks, li by li, cells by cells, a heading by a
// heading...), and end tags that only close what is "in scope". It errs on the deep
// side (elements reparented by the adoption agency stay counted), never much below
// what gumbo builds: the fuzz target checks it against the parsed tree.

namespace {

bool ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

bool name_char(char c) { return !(detail::is_space(c) || c == '/' || c == '>'); }

constexpr std::uint64_t name_hash(std::string_view name) {
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

// Element classes. The first ones are tracked with a stack of positions each.
enum : unsigned {
    kSpecial = 1u << 0,       // "special" elements of the HTML spec
    kSpecialLi = 1u << 1,     // special but address, div, p, li, dd, dt: stops the li/dd/dt search
    kDefaultScope = 1u << 2,  // applet caption html table td th marquee object template (+svg, math)
    kButtonScope = 1u << 3,   // default scope + button
    kListScope = 1u << 4,     // default scope + ol ul
    kTableScope = 1u << 5,    // html table template
    kCellContext = 1u << 6,   // td th caption: a <table> inside them nests
    kForeign = 1u << 7,       // an SVG or MathML element (set when pushed, not by name)
    kIntegration = 1u << 8,   // foreignObject, desc, title in SVG; mi mo mn ms mtext annotation-xml
    kTracked = 9,
    kVoid = 1u << 10,
    kRawText = 1u << 11,
    kClosesP = 1u << 12,  // start tags that close an open p
    kHeading = 1u << 13,
    kFormatting = 1u << 14,
    kIgnored = 1u << 15,   // html, head, body: never pushed
    kBreakout = 1u << 16,  // HTML start tags that end SVG/MathML content
};

unsigned element_flags(std::string_view lower) {
    static const std::unordered_map<std::string_view, unsigned> kFlags = [] {
        std::unordered_map<std::string_view, unsigned> m;
        auto add = [&](std::initializer_list<std::string_view> names, unsigned f) {
            for (auto n : names) m[n] |= f;
        };
        add({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
             "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"},
            kVoid);
        add({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}, kRawText);  // not noscript: gumbo parses it
        add({"html", "head", "body"}, kIgnored);
        add({"address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body",
             "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt",
             "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
             "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li",
             "link", "listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript",
             "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section", "select", "source",
             "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
             "tr", "track", "ul", "wbr", "xmp", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
             "foreignobject", "desc", "svg", "math"},
            kSpecial);
        for (auto& [name, f] : m)
            if ((f & kSpecial) && !name_in(name, {"address", "div", "p", "li", "dd", "dt"})) f |= kSpecialLi;
        add({"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg", "math",
             "foreignobject", "desc", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"},
            kDefaultScope | kButtonScope | kListScope);
        add({"button"}, kButtonScope);
        add({"ol", "ul"}, kListScope);
        add({"html", "table", "template"}, kTableScope);
        add({"td", "th", "caption"}, kCellContext);
        add({"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
             "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p",
             "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form",
             "plaintext", "hr", "xmp", "dd", "dt", "li"},  // not table: it does not in quirks mode
            kClosesP);
        add({"h1", "h2", "h3", "h4", "h5", "h6"}, kHeading);
        add({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"},
            kFormatting);
        add({"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1",
             "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol",
             "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul",
             "var", "font"},
            kBreakout);
        return m;
    }();
    auto it = kFlags.find(lower);
    return it == kFlags.end() ? 0u : it->second;
}

class OpenElements {
public:
    std::size_t size() const { return stack_.size(); }
    bool empty() const { return stack_.empty(); }
    std::uint64_t top() const { return stack_.back().name; }
    unsigned top_flags() const { return stack_.back().flags; }

    void push(std::uint64_t name, unsigned flags) {
        std::size_t at = stack_.size();
        stack_.push_back({name, flags});
        by_name_[name].push_back(at);
        for (unsigned c = 0; c < kTracked; ++c)
            if (flags & (1u << c)) by_class_[c].push_back(at);
    }
    void pop() {
        Entry e = stack_.back();
        stack_.pop_back();
        by_name_[e.name].pop_back();
        for (unsigned c = 0; c < kTracked; ++c)
            if (e.flags & (1u << c)) by_class_[c].pop_back();
    }
    // Position of the most recent open element with this name / in this class, or -1.
    long last(std::uint64_t name) const {
        auto it = by_name_.find(name);
        return it == by_name_.end() || it->second.empty() ? -1 : static_cast<long>(it->second.back());
    }
    long last_of(unsigned klass) const {
        for (unsigned c = 0; c < kTracked; ++c)
            if (klass == (1u << c)) return by_class_[c].empty() ? -1 : static_cast<long>(by_class_[c].back());
        return -1;
    }
    // Pops everything down to and including the element at `at`.
    void pop_to(long at) {
        while (static_cast<long>(stack_.size()) > at) pop();
    }

private:
    struct Entry {
        std::uint64_t name;
        unsigned flags;
    };
    std::vector<Entry> stack_;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_name_;
    std::vector<std::size_t> by_class_[kTracked];
};

}  // namespace

std::size_t html_nesting_depth(std::string_view html) {
    static constexpr std::uint64_t kP = name_hash("p"), kLi = name_hash("li"), kDd = name_hash("dd"),
                                   kDt = name_hash("dt"), kOption = name_hash("option"),
                                   kOptgroup = name_hash("optgroup"), kTr = name_hash("tr"), kTd = name_hash("td"),
                                   kTh = name_hash("th"), kThead = name_hash("thead"), kTbody = name_hash("tbody"),
                                   kTfoot = name_hash("tfoot"), kCaption = name_hash("caption"),
                                   kColgroup = name_hash("colgroup"), kTable = name_hash("table"),
                                   kButton = name_hash("button"), kForm = name_hash("form"),
                                   kSelect = name_hash("select"), kA = name_hash("a"), kNobr = name_hash("nobr");
    OpenElements open;
    std::size_t deepest = 0;
    const std::size_t n = html.size();
    auto nearest = [&](std::initializer_list<std::uint64_t> names) {
        long best = -1;
        for (auto h : names) best = std::max(best, open.last(h));
        return best;
    };
    std::size_t i = 0;
    while (i < n) {
        const void* lt = std::memchr(html.data() + i, '<', n - i);
        if (!lt) break;
        i = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
        if (i + 1 >= n) break;
        if (html.compare(i, 4, "<!--") == 0) {
            // Ends at "-->" or "--!>"; "<!-->" and "<!--->" are complete (empty) comments.
            std::size_t close = html.find("--", i + 2);
            while (close != std::string_view::npos && close + 2 < n &&
                   !(html[close + 2] == '>' || (html[close + 2] == '!' && close + 3 < n && html[close + 3] == '>')))
                close = html.find("--", close + 1);
            if (close == std::string_view::npos || close + 2 >= n) break;  // the rest is a comment
            i = close + (html[close + 2] == '>' ? 3 : 4);
            continue;
        }
        char c = html[i + 1];
        if (c == '!' || c == '?' || (c == '/' && i + 2 < n && !ascii_alpha(html[i + 2]) && html[i + 2] != '>')) {
            std::size_t close = html.find('>', i + 2);  // bogus comment
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
        // Attributes up to '>', with the tokenizer's states: a quote opens a quoted value
        // only right after the '=' of an attribute (`a=b="c>` ends at that '>').
        enum class At { before_name, name, after_name, before_value, quoted, unquoted };
        At state = At::before_name;
        char quote = 0;
        std::size_t q = stop;
        for (; q < n; ++q) {
            char d = html[q];
            bool space = detail::is_space(d);
            if (state == At::quoted) {
                if (d == quote) state = At::before_name;
                continue;
            }
            if (d == '>' ) break;
            switch (state) {
                case At::before_name: state = space || d == '/' ? At::before_name : At::name; break;
                case At::name:
                    state = space ? At::after_name : d == '/' ? At::before_name : d == '=' ? At::before_value : At::name;
                    break;
                case At::after_name:
                    state = space ? At::after_name : d == '/' ? At::before_name : d == '=' ? At::before_value : At::name;
                    break;
                case At::before_value:
                    if (d == '"' || d == '\'') {
                        state = At::quoted;
                        quote = d;
                    } else if (!space) {
                        state = At::unquoted;
                    }
                    break;
                case At::unquoted: state = space ? At::before_name : At::unquoted; break;
                case At::quoted: break;
            }
        }
        if (q >= n) break;
        bool self_closing = q > stop && html[q - 1] == '/';
        i = q + 1;
        std::uint64_t h = name_hash(name);
        std::string lower = name.size() <= 16 ? detail::ascii_lower(name) : std::string();
        unsigned flags = element_flags(lower);
        // SVG and MathML content: every element nests (no void or raw-text elements)
        // until an HTML start tag breaks out of it.
        bool foreign = !open.empty() && (open.top_flags() & kForeign);
        if (foreign && end) {
            long at = open.last(h);
            if (at >= 0 && at > open.last_of(kIntegration)) {
                open.pop_to(at);
                continue;
            }
        }
        if (foreign && !end) {
            if (flags & kBreakout) {
                while (!open.empty() && (open.top_flags() & kForeign)) open.pop();
            } else {
                if (self_closing) continue;
                bool integration = name_in(lower, {"foreignobject", "desc", "title", "mi", "mo", "mn", "ms",
                                                   "mtext", "annotation-xml"});
                open.push(h, integration ? kIntegration | kDefaultScope | kButtonScope | kListScope : kForeign);
                deepest = std::max(deepest, open.size());
                continue;
            }
        }
        if (end) {
            long at = open.last(h);
            if (at < 0) continue;
            // Only what is in scope closes; a formatting element with special ones
            // above it is left counted (the adoption agency keeps the stack deep).
            unsigned scope = kDefaultScope;
            if (h == kP) scope = kButtonScope;
            if (h == kLi) scope = kListScope;
            if (flags & kCellContext || name_in(lower, {"tr", "tbody", "thead", "tfoot", "table", "colgroup"}))
                scope = kTableScope;
            if (flags & kFormatting) scope = kSpecial;
            if (at >= open.last_of(scope)) open.pop_to(at);
            continue;
        }
        if (flags & (kVoid | kIgnored)) continue;
        if (flags & kRawText) {
            std::size_t close = find_end_tag(html, lower, i);
            if (close == std::string_view::npos) break;
            i = close;
            continue;
        }
        if (lower == "plaintext") break;
        // Table parts outside any table are ignored by the tree builder.
        if ((h == kTr || h == kTd || h == kTh || h == kThead || h == kTbody || h == kTfoot || h == kCaption ||
             h == kColgroup) &&
            open.last(kTable) < 0)
            continue;
        // Elements that close others when they start.
        if (flags & kClosesP) {
            long p = open.last(kP);
            if (p >= 0 && p > open.last_of(kButtonScope)) open.pop_to(p);
        }
        if (flags & kHeading) {
            // A heading directly inside a heading closes it.
            static const std::uint64_t kHeadings[] = {name_hash("h1"), name_hash("h2"), name_hash("h3"),
                                                      name_hash("h4"), name_hash("h5"), name_hash("h6")};
            if (!open.empty() && std::find(std::begin(kHeadings), std::end(kHeadings), open.top()) != std::end(kHeadings))
                open.pop();
        }
        if (h == kLi) {
            long at = open.last(kLi);
            if (at >= 0 && at > open.last_of(kSpecialLi)) open.pop_to(at);
        } else if (h == kDd || h == kDt) {
            long at = nearest({kDd, kDt});
            if (at >= 0 && at > open.last_of(kSpecialLi)) open.pop_to(at);
        } else if (h == kOption || h == kOptgroup) {
            if (!open.empty() && open.top() == kOption) open.pop();
            if (h == kOptgroup && !open.empty() && open.top() == kOptgroup) open.pop();
        } else if (h == kTr) {
            long at = open.last(kTr);
            if (at >= 0 && at > open.last_of(kTableScope)) open.pop_to(at);
        } else if (h == kTd || h == kTh) {
            long at = nearest({kTd, kTh});
            if (at >= 0 && at > open.last_of(kTableScope)) open.pop_to(at);
        } else if (h == kThead || h == kTbody || h == kTfoot) {
            long at = nearest({kThead, kTbody, kTfoot});
            if (at >= 0 && at > open.last_of(kTableScope)) open.pop_to(at);
        } else if (h == kCaption || h == kColgroup) {
            long at = open.last(h);
            if (at >= 0 && at > open.last_of(kTableScope)) open.pop_to(at);
        } else if (h == kTable) {
            long at = open.last(kTable);  // a table directly in a table closes it; in a cell it nests
            if (at >= 0 && at > open.last_of(kCellContext)) open.pop_to(at);
        } else if (h == kButton) {
            long at = open.last(kButton);
            if (at >= 0 && at > open.last_of(kDefaultScope)) open.pop_to(at);
        } else if (h == kForm) {
            if (open.last(kForm) >= 0) continue;  // a form in a form is ignored
        } else if (h == kSelect) {
            long at = open.last(kSelect);
            if (at >= 0) {  // a select in a select ends it
                open.pop_to(at);
                continue;
            }
        } else if (h == kA || h == kNobr) {
            if (!open.empty() && open.top() == h) open.pop();
        }
        if (lower == "svg" || lower == "math") {
            if (self_closing) continue;  // <svg/> is complete (foreign elements honor "/>")
            open.push(h, (flags & ((1u << kTracked) - 1)) | kForeign);  // svg/math are scope boundaries too
            deepest = std::max(deepest, open.size());
            continue;
        }
        open.push(h, flags);
        deepest = std::max(deepest, open.size());
    }
    return deepest;
}

// ---------------------------------------------------------------------------------
// Tree walking.

namespace {

// Gumbo's memory, from an arena: the whole tree is released at once when the arena goes,
// instead of by gumbo_destroy_output(), which recurses once per level of the tree (a
// stack overflow on a deep enough page, whatever the depth estimate said). Freed blocks
// go back to per-size free lists, so the parser's temporary buffers are reused.
class GumboArena {
public:
    GumboArena() = default;
    GumboArena(const GumboArena&) = delete;
    GumboArena& operator=(const GumboArena&) = delete;
    ~GumboArena() {
        for (void* c : chunks_) std::free(c);
        for (void* b : large_) std::free(b);
    }

    void configure(GumboOptions& options) {
        options.allocator = &GumboArena::allocate;
        options.deallocator = &GumboArena::deallocate;
        options.userdata = this;
    }

private:
    static constexpr std::size_t kHeader = 16;  // keeps blocks 16-byte aligned
    static constexpr std::size_t kClasses = 17;  // 16 B .. 1 MB
    static constexpr std::size_t kLarge = kClasses;
    static constexpr std::size_t kChunk = 4 << 20;
    static constexpr std::size_t kHugePage = 2 << 20;

    static void* allocate(void* self, std::size_t size) { return static_cast<GumboArena*>(self)->get(size); }
    static void deallocate(void* self, void* ptr) { static_cast<GumboArena*>(self)->put(ptr); }

    void* get(std::size_t size) {
        // Smallest class (16 << cls) that holds `size`.
        std::size_t cls = size <= 16 ? 0 : static_cast<std::size_t>(std::bit_width(size - 1)) - 4;
        if (cls > kClasses) cls = kClasses;
        char* block;
        if (cls == kLarge) {
            block = static_cast<char*>(std::malloc(size + kHeader));
            if (!block) std::abort();  // gumbo cannot recover from a failed allocation
            large_.insert(block);
        } else if (free_[cls]) {
            block = static_cast<char*>(free_[cls]);
            std::memcpy(&free_[cls], block + kHeader, sizeof(void*));
        } else {
            std::size_t need = (std::size_t{16} << cls) + kHeader;
            if (left_ < need) {
                // Chunks grow with the page: 64 KB first (most pages are small), up to 4 MB.
                std::size_t chunk = std::max(next_chunk_, need);
                next_chunk_ = std::min(next_chunk_ * 2, kChunk);
                if (chunk >= kChunk) {
                    chunk = (chunk + kHugePage - 1) & ~(kHugePage - 1);
                    cur_ = static_cast<char*>(std::aligned_alloc(kHugePage, chunk));
#ifdef MADV_HUGEPAGE
                    if (cur_) ::madvise(cur_, chunk, MADV_HUGEPAGE);  // fewer page faults as the tree grows
#endif
                } else {
                    cur_ = static_cast<char*>(std::malloc(chunk));
                }
                if (!cur_) std::abort();
                chunks_.push_back(cur_);
                left_ = chunk;
            }
            block = cur_;
            cur_ += need;
            left_ -= need;
        }
        std::memcpy(block, &cls, sizeof cls);
        return block + kHeader;
    }

    void put(void* ptr) {
        if (!ptr) return;
        char* block = static_cast<char*>(ptr) - kHeader;
        std::size_t cls;
        std::memcpy(&cls, block, sizeof cls);
        if (cls == kLarge) {
            large_.erase(block);
            std::free(block);
            return;
        }
        std::memcpy(block + kHeader, &free_[cls], sizeof(void*));
        free_[cls] = block;
    }

    void* free_[kClasses] = {};
    std::vector<void*> chunks_;
    std::unordered_set<void*> large_;
    char* cur_ = nullptr;
    std::size_t left_ = 0;
    std::size_t next_chunk_ = 64 << 10;
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
    GumboArena arena;  // owns the tree: declared before anything that points into it
    arena.configure(options);
    GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
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
