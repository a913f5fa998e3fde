#include "chipgraph/core/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace chipgraph::text {

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    while (i < s.size()) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        utf8proc_int32_t cp;
        auto n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
        if (n <= 0) return i;
        i += static_cast<std::size_t>(n);
    }
    return std::nullopt;
}

std::string latin1_to_utf8(std::string_view s) {
    // Windows-1252 maps 0x80-0x9F to typographic characters that Latin-1 leaves as controls.
    static constexpr char32_t kCp1252[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (unsigned char c : s) {
        if (c < 0x80)
            out.push_back(static_cast<char>(c));
        else if (c < 0xA0)
            append_utf8(out, kCp1252[c - 0x80]);
        else
            append_utf8(out, c);
    }
    return out;
}

std::string nfc(std::string_view s) {
    // Plain ASCII is already NFC: skip the allocation-heavy library call.
    bool ascii = true;
    for (unsigned char c : s)
        if (c >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) return std::string(s);
    utf8proc_uint8_t* out = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                          static_cast<utf8proc_ssize_t>(s.size()), &out,
                          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) return std::string(s);
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
    return std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
}

char32_t decode_multibyte(std::string_view s, std::size_t& pos) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                              static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n <= 0) {
        ++pos;
        return 0xFFFD;
    }
    pos += static_cast<std::size_t>(n);
    return static_cast<char32_t>(cp);
}

void append_utf8(std::string& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
}

bool is_upper_multibyte(char32_t cp) { return utf8proc_isupper(static_cast<utf8proc_int32_t>(cp)); }

bool is_letter_multibyte(char32_t cp) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}


namespace {

void fold_into_slow(std::string& out, char32_t cp);

// The folds of the Latin code points below U+0250 (French and other European letters),
// computed once: utf8proc decomposes a character in hundreds of instructions, and these
// are most of the non-ASCII letters the articles have.
class LatinFolds {
public:
    static constexpr char32_t kEnd = 0x250;
    LatinFolds() {
        for (char32_t cp = 0x80; cp < kEnd; ++cp) {
            std::string folded;
            fold_into_slow(folded, cp);
            folds_[cp - 0x80] = folded;
        }
    }
    const std::string& operator[](char32_t cp) const { return folds_[cp - 0x80]; }

private:
    std::string folds_[kEnd - 0x80];
};

// Folds one code point to lowercase without diacritics, appending to `out`.
void fold_into(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        return;
    }
    if (cp < LatinFolds::kEnd) {
        static const LatinFolds latin;
        out += latin[cp];
        return;
    }
    fold_into_slow(out, cp);
}

void fold_into_slow(std::string& out, char32_t cp) {
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4 || cp == 0x0060) {
        out.push_back('\'');
        return;
    }
    if (cp == 0x00A0 || cp == 0x202F || cp == 0x2009) {
        out.push_back(' ');
        return;
    }
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
        out.push_back('-');
        return;
    }
    utf8proc_int32_t buf[8];
    int last_boundclass = 0;
    auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 8,
                                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                                    UTF8PROC_CASEFOLD | UTF8PROC_COMPAT),
                                     &last_boundclass);
    if (n <= 0 || n > 8) {
        append_utf8(out, cp);
        return;
    }
    for (int i = 0; i < n; ++i) append_utf8(out, static_cast<char32_t>(buf[i]));
}

}  // namespace

std::string fold(std::string_view s) {
    // Fast path: a single ASCII word (the common token) only needs lowercasing, in place.
    std::string out(s);
    bool plain = true;
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        plain &= u > ' ' && u < 0x80;
        if (u >= 'A' && u <= 'Z') c = static_cast<char>(u + 32);
    }
    if (plain) return out;
    out.clear();
    bool space = false;
    std::size_t pos = 0;
    while (pos < s.size()) {
        char32_t cp = decode(s, pos);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x00A0 || cp == 0x202F) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        fold_into(out, cp);
    }
    return out;
}

std::string name_key(std::string_view s) {
    static constexpr std::string_view kArticles[] = {"le", "la", "les", "l", "un", "une", "des",
                                                     "du", "de", "d", "the", "a", "an"};
    std::string folded = fold(s);
    // Punctuation (anything not a letter or digit) separates words.
    std::string words;
    words.reserve(folded.size());
    std::size_t pos = 0;
    bool space = false;
    while (pos < folded.size()) {
        const auto byte = static_cast<unsigned char>(folded[pos]);
        if (byte < 0x80) {  // most of a folded name: no decoding
            ++pos;
            if (is_letter(byte) || is_digit(byte) || byte == '_') {
                if (space && !words.empty()) words.push_back(' ');
                space = false;
                words.push_back(static_cast<char>(byte));
            } else {
                space = true;
            }
            continue;
        }
        std::size_t before = pos;
        char32_t cp = decode(folded, pos);
        if (is_letter(cp) || is_digit(cp) || cp == '_') {
            if (space && !words.empty()) words.push_back(' ');
            space = false;
            words.append(folded, before, pos - before);
        } else {
            space = true;
        }
    }
    // Drop leading articles.
    std::string_view rest = words;
    for (bool dropped = true; dropped && !rest.empty();) {
        dropped = false;
        for (auto a : kArticles) {
            if (rest.size() > a.size() && rest.substr(0, a.size()) == a && rest[a.size()] == ' ') {
                rest.remove_prefix(a.size() + 1);
                dropped = true;
                break;
            }
        }
    }
    return std::string(rest);
}

std::string entity_key(std::string_view name) {
    static constexpr std::string_view kLegalForms[] = {
        "co",   "ltd",  "inc",   "corp",  "corporation", "llc", "plc",  "pte", "sdn", "bhd",  "gmbh", "sa",
        "sas",  "sarl", "ag",    "limited", "company",   "kk",  "pty",  "llp", "fze", "fzco", "bv",   "nv",
        "spa",  "srl",  "technology", "technologies", "tech", "group", "holdings", "holding"};
    std::string key = name_key(name);
    for (;;) {
        auto space = key.rfind(' ');
        if (space == std::string::npos) break;
        std::string_view last = std::string_view(key).substr(space + 1);
        if (std::find(std::begin(kLegalForms), std::end(kLegalForms), last) == std::end(kLegalForms)) break;
        key.resize(space);
    }
    return key;
}

std::string strip_controls(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') continue;
        if (u == 0x7F) continue;
        out.push_back(c);
    }
    return out;
}

std::string to_lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        char32_t cp = decode(s, pos);
        if (cp < 0x80)
            out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        else
            append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    }
    return out;
}

}  // namespace chipgraph::text
