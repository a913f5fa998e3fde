#include "chipgraph/exporters/escape.hpp"

#include <array>

#include "chipgraph/core/text.hpp"

namespace chipgraph::exporters {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Splits `s` into valid UTF-8 runs, handing each to `valid` and replacing every
// invalid byte by U+FFFD (appended to `out`).
template <class Valid>
void for_valid_runs(std::string& out, std::string_view s, Valid valid) {
    while (!s.empty()) {
        auto bad = text::find_invalid_utf8(s);
        if (!bad) {
            valid(s);
            return;
        }
        valid(s.substr(0, *bad));
        out.append(kReplacement);
        s.remove_prefix(*bad + 1);
    }
}

// Byte classes for the escapers: 0 = copy, 1 = needs handling.
constexpr std::array<bool, 256> make_table(std::string_view specials, bool controls) {
    std::array<bool, 256> t{};
    if (controls)
        for (int c = 0; c < 0x20; ++c) t[c] = true;
    for (char c : specials) t[static_cast<unsigned char>(c)] = true;
    return t;
}

constexpr auto kXmlSpecial = make_table("&<>\"\xEF", true);  // 0xEF starts U+FFFE/U+FFFF
constexpr auto kDotSpecial = make_table("\\\"\x7F\xEF", true);
constexpr auto kCsvSpecial = make_table("\"", true);

// At a 0xEF lead byte: U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters
// (Graphviz copies them into its SVG too), so they become U+FFFD.
std::size_t replace_noncharacter(std::string& out, std::string_view r, std::size_t i) {
    if (i + 2 < r.size() && r[i + 1] == '\xBF' && (r[i + 2] == '\xBE' || r[i + 2] == '\xBF')) {
        out.append(kReplacement);
        return 3;
    }
    out.push_back(r[i]);
    return 1;
}

// Copies runs of ordinary bytes in one append; calls `special(out, s, i)` for the
// others, which returns how many bytes it consumed.
template <class Special>
void escape_run(std::string& out, std::string_view s, const std::array<bool, 256>& table, Special special) {
    std::size_t i = 0, start = 0;
    while (i < s.size()) {
        if (!table[static_cast<unsigned char>(s[i])]) {
            ++i;
            continue;
        }
        out.append(s.data() + start, i - start);
        i += special(out, s, i);
        start = i;
    }
    out.append(s.data() + start, i - start);
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view s) {
    for_valid_runs(out, s, [&](std::string_view run) {
        escape_run(out, run, kXmlSpecial, [](std::string& o, std::string_view r, std::size_t i) -> std::size_t {
            switch (r[i]) {
                case '&': o.append("&amp;"); return 1;
                case '<': o.append("&lt;"); return 1;
                case '>': o.append("&gt;"); return 1;
                case '"': o.append("&quot;"); return 1;
                case '\t': o.append("&#9;"); return 1;
                case '\n': o.append("&#10;"); return 1;
                case '\r': o.append("&#13;"); return 1;
                case '\xEF': return replace_noncharacter(o, r, i);
                default: return 1;  // other C0 controls: dropped
            }
        });
    });
}

void append_dot_escaped(std::string& out, std::string_view s) {
    for_valid_runs(out, s, [&](std::string_view run) {
        escape_run(out, run, kDotSpecial, [](std::string& o, std::string_view r, std::size_t i) -> std::size_t {
            switch (r[i]) {
                case '\\': o.append("\\\\"); return 1;
                case '"': o.append("\\\""); return 1;
                case '\n': o.append("\\n"); return 1;
                case '\r':
                    o.append("\\n");
                    return i + 1 < r.size() && r[i + 1] == '\n' ? 2 : 1;
                case '\t': o.push_back(' '); return 1;
                case '\xEF': return replace_noncharacter(o, r, i);
                default: return 1;  // other C0 controls and DEL: dropped
            }
        });
    });
}

void append_csv_quoted(std::string& out, std::string_view s) {
    out.push_back('"');
    for_valid_runs(out, s, [&](std::string_view run) {
        escape_run(out, run, kCsvSpecial, [](std::string& o, std::string_view r, std::size_t i) -> std::size_t {
            char c = r[i];
            if (c == '"')
                o.append("\"\"");
            else if (c == '\t' || c == '\n' || c == '\r')
                o.push_back(c);
            return 1;
        });
    });
    out.push_back('"');
}

std::string_view valid_utf8(std::string_view s, std::string& scratch) {
    if (!text::find_invalid_utf8(s)) return s;
    scratch.clear();
    for_valid_runs(scratch, s, [&](std::string_view run) { scratch.append(run); });
    return scratch;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t n = max_bytes;
    // Back off continuation bytes (10xxxxxx) so that the cut falls before a lead byte.
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

void append_truncated_utf8(std::string& out, std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) {
        out.append(s);
        return;
    }
    auto prefix = utf8_prefix(s, max_bytes);
    while (!prefix.empty() && (prefix.back() == ' ' || prefix.back() == '\n' || prefix.back() == '\t'))
        prefix.remove_suffix(1);
    out.append(prefix);
    out.append("\xE2\x80\xA6");  // …
}

std::string truncate_utf8(std::string_view s, std::size_t max_bytes) {
    std::string out;
    append_truncated_utf8(out, s, max_bytes);
    return out;
}

}  // namespace chipgraph::exporters
